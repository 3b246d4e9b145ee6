import { parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { evaluateObservation } from '../../../../nodes/Xiaohongshu/domain/watch/engagement';
import type { EngagementRule } from '../../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import { formatDuration, formatNumber, summarizeEvent } from '../../../../nodes/Xiaohongshu/domain/watch/engagementSummary';

const HOUR = 3_600_000;

function fire(rule: EngagementRule, before: string, after: string, hours = 2) {
	const cfg = { metrics: ['likes'] as const, rules: [rule], emitBaseline: false };
	const first = evaluateObservation(undefined, { at: 0, counts: { likes: parseCount(before) } }, cfg);
	return evaluateObservation(first.state, { at: hours * HOUR, counts: { likes: parseCount(after) } }, cfg).events[0];
}

describe('summaries', () => {
	it('formats numbers and durations for people', () => {
		expect(formatNumber(1234567)).toBe('1,234,567');
		expect(formatNumber(-1500)).toBe('-1,500');
		expect(formatNumber(2.46)).toBe('2.5');
		expect(formatDuration(45 * 60_000)).toBe('45 min');
		expect(formatDuration(3.5 * HOUR)).toBe('3.5 h');
		expect(formatDuration(72 * HOUR)).toBe('3 days');
	});

	it('says what rose, from what to what, by how much, over how long', () => {
		const text = summarizeEvent('"Cafe tour"', fire({ kind: 'increase', atLeast: 100 }, '3.5万', '3.7万'));
		expect(text).toBe('📈 Likes on "Cafe tour" rose 3.5万 → 3.7万 (+2,000, +5.7%) in 2 h');
	});

	it('says a fall is a fall', () => {
		const text = summarizeEvent('"Cafe tour"', fire({ kind: 'change' }, '120', '100', 0.5));
		expect(text).toBe('📉 Likes on "Cafe tour" fell 120 → 100 (−20, −16.7%) in 30 min');
	});

	it('names the milestone', () => {
		const text = summarizeEvent('"Cafe tour"', fire({ kind: 'milestone', milestones: [10000] }, '9800', '1.1万'));
		expect(text).toBe('🏁 "Cafe tour" passed 10,000 likes (9800 → 1.1万 in 2 h)');
	});
});
