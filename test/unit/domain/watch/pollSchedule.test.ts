import type { EntryState } from '../../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import {
	distanceToAlert,
	pickTurns,
	recentGrowthPerHour,
	shareBudget,
	wantedInterval,
} from '../../../../nodes/Xiaohongshu/domain/watch/pollSchedule';

const HOUR = 3_600_000;
const T = Date.UTC(2027, 2, 10);

function entry(likes: string, history: Array<[number, number]>, baselines: EntryState['baselines'] = {}): EntryState {
	return {
		last: { at: T, counts: { likes } },
		baselines,
		history: history.map(([hoursAgo, value]) => ({ at: T - hoursAgo * HOUR, values: { likes: value } })),
	};
}

const settings = {
	rules: [{ kind: 'increase' as const, atLeast: 500 }, { kind: 'milestone' as const, milestones: [1000, 10_000] }],
	metrics: ['likes' as const],
	longestGapMs: 24 * HOUR,
	pollSpacingMs: HOUR,
};

describe('poll schedule', () => {
	it('measures recent growth from the history, over about six hours', () => {
		const e = entry('900', [[20, 100], [6, 600], [2, 800], [0, 900]]);
		expect(recentGrowthPerHour(e, 'likes')).toBeCloseTo(50, 6);
		expect(recentGrowthPerHour(entry('900', [[0, 900]]), 'likes')).toBeNull();
	});

	it('knows how far each rule is from firing', () => {
		const e = entry('900', [], { increase: { likes: { at: T - HOUR, shown: '700' } } });
		expect(distanceToAlert({ kind: 'increase', atLeast: 500 }, 'likes', e)).toBe(300);
		expect(distanceToAlert({ kind: 'milestone', milestones: [1000, 10_000] }, 'likes', e)).toBe(100);
		expect(distanceToAlert({ kind: 'change' }, 'likes', e)).toBe(1);
		// "3.5万" reads 34,500..35,500: the next display step is about a thousand likes away.
		expect(distanceToAlert({ kind: 'change' }, 'likes', entry('3.5万', []))).toBe(1001);
		expect(distanceToAlert({ kind: 'milestone', milestones: [10_000] }, 'likes', entry('3.5万', []))).toBeNull();
	});

	it('fetches a fast mover near a threshold soon and a quiet old note at its longest gap', () => {
		const fast = entry('900', [[6, 600], [0, 900]], { increase: { likes: { at: T - 6 * HOUR, shown: '600' } } });
		// 100 likes to the 1,000 milestone at 50 an hour: aim at half of two hours.
		expect(wantedInterval(fast, null, T, settings)).toBe(HOUR);
		const quiet = entry('5000', [[6, 5000], [0, 5000]]);
		expect(wantedInterval(quiet, T - 300 * 24 * HOUR, T, settings)).toBe(24 * HOUR);
		// Young notes are fetched at least every twelfth of their age, whatever they did so far.
		expect(wantedInterval(quiet, T - 48 * HOUR, T, settings)).toBe(4 * HOUR);
	});

	it('shares the budget by wish, between every poll and the longest gap', () => {
		const plan = shareBudget([HOUR, 24 * HOUR, 24 * HOUR, 24 * HOUR], 1.5, settings);
		expect(plan.fitsLongestGap).toBe(true);
		expect(plan.fetchesPerHour).toBeCloseTo(1.5, 6);
		expect(plan.intervals[0]).toBe(HOUR);
		expect(plan.intervals[1]).toBeCloseTo(HOUR / (0.5 / 3), 3);
		const short = shareBudget([HOUR, 24 * HOUR, 24 * HOUR], 0.1, settings);
		expect(short.fitsLongestGap).toBe(false);
		expect(short.intervals).toEqual([30 * HOUR, 30 * HOUR, 30 * HOUR]);
		expect(shareBudget([HOUR, 2 * HOUR], 10, settings).intervals).toEqual([HOUR, HOUR]);
	});

	it('picks new entries first, then the most overdue, within the credits', () => {
		const turns = pickTurns(
			[
				{ key: 'a', lastFetchAt: T - 2 * HOUR, intervalMs: 4 * HOUR },
				{ key: 'b', lastFetchAt: T - 6 * HOUR, intervalMs: 4 * HOUR },
				{ key: 'c', lastFetchAt: null, intervalMs: 4 * HOUR },
				{ key: 'd', lastFetchAt: T - 4 * HOUR + 60_000, intervalMs: 4 * HOUR },
			],
			T,
			2,
			HOUR,
		);
		expect(turns).toEqual(['c', 'b']);
		expect(pickTurns([{ key: 'd', lastFetchAt: T - 4 * HOUR + 60_000, intervalMs: 4 * HOUR }], T, 5, HOUR)).toEqual(['d']);
	});
});
