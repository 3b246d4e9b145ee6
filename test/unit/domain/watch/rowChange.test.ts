import type { DisplayedCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { readStoredCount } from '../../../../nodes/Xiaohongshu/domain/watch/engagement';
import type { Metric } from '../../../../nodes/Xiaohongshu/domain/watch/engagementMetrics';
import type { EngagementRule } from '../../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import { compareWithRow, readBareNumber, readRowCount } from '../../../../nodes/Xiaohongshu/domain/watch/rowChange';
import type { RowCount } from '../../../../nodes/Xiaohongshu/domain/watch/rowChange';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 12);

function compare(
	previous: Partial<Record<Metric, RowCount>>,
	current: Partial<Record<Metric, unknown>>,
	rules: EngagementRule[] = [{ kind: 'change' }],
	extra: { previousAt?: number | null; origin?: number | null; metrics?: Metric[] } = {},
) {
	const counts: Partial<Record<Metric, DisplayedCount>> = {};
	for (const [metric, raw] of Object.entries(current)) counts[metric as Metric] = readStoredCount(metric as Metric, raw);
	return compareWithRow({
		metrics: extra.metrics ?? ['likes', 'collects', 'comments', 'shares'],
		rules,
		previous,
		previousAt: extra.previousAt === undefined ? NOW - 24 * HOUR : extra.previousAt,
		origin: extra.origin ?? null,
		current: counts,
		now: NOW,
		label: '"Spring haul"',
	});
}

describe('compareWithRow: rules', () => {
	it('a row without previous counts is a baseline: never changed, the current counts reported', () => {
		const result = compare({}, { likes: 120 });
		expect(result).toMatchObject({ changed: false, baseline: true, rulesFired: [], summary: null });
		expect(result.metrics.likes).toMatchObject({ before: null, after: 120, provenChange: null, rulesFired: [] });
		// Blank cells (a sheet's empty strings, a table's nulls) are no previous counts either.
		expect(compare({ likes: { number: '', text: '' }, collects: { number: null } }, { likes: 120 }).baseline).toBe(true);
	});

	it('any real change: fires on an exact change, not on the same count', () => {
		const up = compare({ likes: { number: 120, text: '120' } }, { likes: 121 });
		expect(up).toMatchObject({ changed: true, baseline: false, rulesFired: ['change'] });
		expect(up.metrics.likes).toMatchObject({ before: 120, after: 121, provenChange: 1, difference: 1, rulesFired: ['change'] });
		expect(up.summary).toBe('📈 Likes on "Spring haul" rose 120 → 121 (+1, +0.8%) in 24 h');
		expect(compare({ likes: { number: 120, text: '120' } }, { likes: 120 })).toMatchObject({ changed: false, baseline: false, summary: null });
		expect(compare({ likes: { number: 120 } }, { likes: 119 }).metrics.likes).toMatchObject({ provenChange: -1, rulesFired: ['change'] });
	});

	it('increase of at least N and N %', () => {
		const rules: EngagementRule[] = [{ kind: 'increase', atLeast: 100 }, { kind: 'percentIncrease', atLeastPercent: 50 }];
		expect(compare({ likes: { number: 200 } }, { likes: 299 }, rules).changed).toBe(false);
		expect(compare({ likes: { number: 200 } }, { likes: 300 }, rules).rulesFired).toEqual(['increase', 'percentIncrease']);
		expect(compare({ likes: { number: 1000 } }, { likes: 1100 }, rules).rulesFired).toEqual(['increase']);
	});

	it('milestone: only one the counts prove was crossed', () => {
		const rules: EngagementRule[] = [{ kind: 'milestone', milestones: [1000, 10_000] }];
		expect(compare({ likes: { number: 990 } }, { likes: 1001 }, rules).metrics.likes?.summary).toMatch(/passed 1,000 likes/);
		// 9,990 → "1万" (9,500..10,500) does not prove 10,000 was reached.
		expect(compare({ likes: { number: 9990 } }, { likes: '1万' }, rules).changed).toBe(false);
	});

	it('spike: against the note\'s own average since publication; never without the time of the row', () => {
		const rules: EngagementRule[] = [{ kind: 'spike', factor: 3, minIncrease: 50 }];
		// Published 10 days before the row: 1,000 likes is 100 a day; +600 in the last day is 6×.
		const origin = NOW - 11 * 24 * HOUR;
		const spike = compare({ likes: { number: 1000 } }, { likes: 1600 }, rules, { origin });
		expect(spike.rulesFired).toEqual(['spike']);
		expect(spike.summary).toMatch(/^🚀 Likes on "Spring haul" are spiking: 1000 → 1600 in 24 h/);
		expect(compare({ likes: { number: 1000 } }, { likes: 1200 }, rules, { origin }).changed).toBe(false);
		expect(compare({ likes: { number: 1000 } }, { likes: 1600 }, rules).changed).toBe(false);
		expect(compare({ likes: { number: 1000 } }, { likes: 1600 }, rules, { origin, previousAt: null }).changed).toBe(false);
	});

	it('an unknown row time: judged without a window, no "in 1 min"', () => {
		const result = compare({ likes: { number: 120 } }, { likes: 130 }, undefined, { previousAt: null });
		expect(result.summary).toBe('📈 Likes on "Spring haul" rose 120 → 130 (+10, +8.3%)');
		// A row time in the future (a clock set back) is as good as none.
		expect(compare({ likes: { number: 120 } }, { likes: 130 }, undefined, { previousAt: NOW + HOUR }).summary).not.toMatch(/ in /);
	});

	it('a metric new in the row starts silently; the others are still judged', () => {
		const result = compare({ likes: { number: 120 } }, { likes: 125, collects: 40 });
		expect(result.rulesFired).toEqual(['change']);
		expect(result.metrics.collects).toMatchObject({ before: null, after: 40, rulesFired: [] });
	});

	it('engagement: the four displays its text keeps', () => {
		const result = compare({ engagement: { number: 35_121, text: '3.5万 + 100 + 20 + 1' } }, { engagement: '3.5万 + 100 + 20 + 2' }, undefined, {
			metrics: ['engagement'],
		});
		// One more share inside a rounded sum proves nothing; two steps of 万 prove 1,000.
		expect(result.metrics.engagement).toMatchObject({ basis: 'text', provenChange: 0 });
		expect(result.changed).toBe(false);
		const grown = compare({ engagement: { number: 35_121, text: '3.5万 + 100 + 20 + 1' } }, { engagement: '3.7万 + 100 + 20 + 1' }, undefined, {
			metrics: ['engagement'],
		});
		expect(grown.metrics.engagement).toMatchObject({ provenChange: 1000, rulesFired: ['change'] });
	});
});

describe('compareWithRow: rounding', () => {
	it('"3.5万" then "3.6万" proves a change of 1 and no more', () => {
		const result = compare({ likes: { number: 35_000, text: '3.5万' } }, { likes: '3.6万' }, [{ kind: 'increase', atLeast: 2 }, { kind: 'change' }]);
		expect(result.rulesFired).toEqual(['change']);
		expect(result.metrics.likes).toMatchObject({ basis: 'text', before: 35_000, after: 36_000, difference: 1000, provenChange: 1 });
	});

	it('the same rounded display proves nothing, even when the number beside it was written differently', () => {
		expect(compare({ likes: { number: 35_000, text: '3.5万' } }, { likes: '3.5w' }).changed).toBe(false);
	});

	it('a bare number from a rounded display is read as that display: 35,000 then "3.6万" proves 1, not 500', () => {
		const result = compare({ likes: { number: 35_000 } }, { likes: '3.6万' }, [{ kind: 'increase', atLeast: 2 }, { kind: 'change' }]);
		expect(result.metrics.likes).toMatchObject({ basis: 'number', provenChange: 1 });
		expect(result.rulesFired).toEqual(['change']);
	});

	it('a bare round power of ten may have been a floor ("1w+"): no increase is proven from it', () => {
		expect(compare({ likes: { number: 10_000 } }, { likes: '5万' }).changed).toBe(false);
		expect(readBareNumber(100_000)).toMatchObject({ floor: true, min: 100_000, max: null });
	});

	it('a bare number that no rounded display shows is exact', () => {
		expect(readBareNumber(35_123)).toMatchObject({ exact: true, min: 35_123, max: 35_123 });
		expect(readBareNumber(9_999)).toMatchObject({ exact: true });
		expect(compare({ likes: { number: 35_123 } }, { likes: 35_124 }).metrics.likes?.provenChange).toBe(1);
	});

	it('a text that contradicts the number beside it (corrected by hand) gives way to the number', () => {
		expect(readRowCount('likes', { number: 500, text: '3.5万' })).toMatchObject({ basis: 'number', count: { value: 500 } });
		expect(readRowCount('likes', { number: 35_400, text: '3.5万' })).toMatchObject({ basis: 'text', count: { value: 35_000, min: 34_500 } });
		expect(readRowCount('likes', { text: '10万+' })).toMatchObject({ basis: 'text', count: { floor: true } });
		expect(readRowCount('likes', { number: 'n/a', text: 'soon' })).toBeNull();
	});
});
