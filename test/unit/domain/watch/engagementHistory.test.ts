import {
	appendHistory,
	averageGrowthPerHour,
	DEFAULT_HISTORY_LIMITS,
} from '../../../../nodes/Xiaohongshu/domain/watch/engagementHistory';
import type { HistoryPoint } from '../../../../nodes/Xiaohongshu/domain/watch/engagementHistory';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('appendHistory', () => {
	it('thins fast polls to the minimum spacing', () => {
		let h: HistoryPoint[] = [];
		for (let i = 0; i <= 30; i++) h = appendHistory(h, { at: i * MIN, values: { likes: i } });
		expect(h.map((p) => p.at / MIN)).toEqual([0, 10, 20, 30]);
	});

	it('stays bounded in points and age over thousands of polls', () => {
		let h: HistoryPoint[] = [];
		for (let i = 0; i < 5000; i++) h = appendHistory(h, { at: i * 15 * MIN, values: { likes: i } });
		expect(h.length).toBe(DEFAULT_HISTORY_LIMITS.maxPoints);
		const newest = h[h.length - 1].at;
		expect(newest - h[0].at).toBeLessThanOrEqual(DEFAULT_HISTORY_LIMITS.maxAgeMs);
		expect(newest).toBe(4999 * 15 * MIN);
	});

	it('drops points older than the age limit even when few', () => {
		const h = appendHistory([{ at: 0, values: { likes: 1 } }], { at: 4 * 24 * HOUR, values: { likes: 2 } });
		expect(h.map((p) => p.at)).toEqual([4 * 24 * HOUR]);
	});

	it('restarts when the clock goes backwards', () => {
		const h = appendHistory([{ at: 10 * HOUR, values: { likes: 1 } }], { at: HOUR, values: { likes: 2 } });
		expect(h).toEqual([{ at: HOUR, values: { likes: 2 } }]);
	});
});

describe('averageGrowthPerHour', () => {
	const history: HistoryPoint[] = [
		{ at: 0, values: { likes: 100 } },
		{ at: 2 * HOUR, values: { likes: 300, comments: 5 } },
	];

	it('measures from the oldest point holding the metric to the given observation', () => {
		expect(averageGrowthPerHour(history, 'likes', { at: 4 * HOUR, value: 500 })).toEqual({ perHour: 100, spanHours: 4 });
		expect(averageGrowthPerHour(history, 'comments', { at: 4 * HOUR, value: 9 })).toEqual({ perHour: 2, spanHours: 2 });
	});

	it('is null without a point before the observation', () => {
		expect(averageGrowthPerHour(history, 'likes', { at: 0, value: 100 })).toBeNull();
		expect(averageGrowthPerHour(history, 'shares', { at: 4 * HOUR, value: 1 })).toBeNull();
	});
});
