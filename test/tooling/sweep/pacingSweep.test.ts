/**
 * The pacing sweep's arithmetic: each limiter's floor, the targets per limiter, and the
 * comparison with the HTTP Request node for sheets within one window.
 */
import { floorMs, SWEEP_PLANS, sweepTargets, withinWindowVsHttp, type SweepCell } from '../../../tooling/bench/pacingSweep';

const [FREE, HOBBY] = SWEEP_PLANS;
const ANSWER = 250;

function cell(overrides: Partial<SweepCell>): SweepCell {
	return {
		plan: HOBBY.label,
		limiter: 'sliding',
		notes: 60,
		contender: 'Xiaohongshu node',
		wallMs: 10_500,
		floorMs: 10_250,
		ratio: 10_500 / 10_250,
		calls: 60,
		status429: 0,
		failedItems: 0,
		executionStatus: 'success',
		...overrides,
	};
}

describe('floorMs', () => {
	it('is one answer for a sheet within one window, whatever the limiter counts', () => {
		expect(floorMs('sliding', HOBBY, 20, ANSWER)).toBe(ANSWER);
		expect(floorMs('fixed', HOBBY, 20, ANSWER, 300)).toBe(ANSWER);
	});

	it('adds a window per wave on a sliding window, less the phase of the first call on a fixed one', () => {
		expect(floorMs('sliding', HOBBY, 60, ANSWER)).toBe(2 * 5_000 + ANSWER);
		expect(floorMs('fixed', HOBBY, 60, ANSWER, 200)).toBe(2 * 5_000 - 200 + ANSWER);
		expect(floorMs('sliding', HOBBY, 61, ANSWER)).toBe(3 * 5_000 + ANSWER);
	});

	it('spaces every call on a token bucket of one', () => {
		expect(floorMs('tokenBucket', FREE, 20, ANSWER)).toBe(19 * 1_000 + ANSWER);
		expect(floorMs('tokenBucket', FREE, 1, ANSWER)).toBe(ANSWER);
	});
});

describe('sweepTargets', () => {
	it('misses on a sliding window for one 429 or a cell over 1.05×; meets on a token bucket with one 429 within 1.10×', () => {
		const cells = [
			cell({}),
			cell({ limiter: 'fixed', ratio: 1.049 }),
			cell({ limiter: 'fixed', notes: 20, ratio: 1.01, status429: 1 }),
			cell({ limiter: 'tokenBucket', ratio: 1.09, status429: 1 }),
		];
		const byLimiter = Object.fromEntries(sweepTargets(cells).map((t) => [t.limiter, t]));
		expect(byLimiter.sliding.met).toBe(true);
		expect(byLimiter.fixed.met).toBe(false);
		expect(byLimiter.fixed.max429).toBe(1);
		expect(byLimiter.tokenBucket.met).toBe(true);
		expect(sweepTargets([cell({ ratio: 1.051 })])[0].met).toBe(false);
		expect(sweepTargets([cell({ limiter: 'tokenBucket', ratio: 1.05, status429: 2 })])[2].met).toBe(false);
	});

	it('never counts the HTTP Request node against the node', () => {
		const cells = [cell({}), cell({ contender: 'HTTP Request, defaults', ratio: 0.03, status429: 40, failedItems: 40 })];
		expect(sweepTargets(cells)[0]).toMatchObject({ met: true, max429: 0, failed: 0 });
	});
});

describe('withinWindowVsHttp', () => {
	it('compares the node with the HTTP Request node at its defaults on sheets within one window only', () => {
		const cells = [
			cell({ notes: 20, wallMs: 360 }),
			cell({ notes: 20, wallMs: 300, contender: 'HTTP Request, defaults' }),
			cell({ notes: 5, wallMs: 290 }),
			cell({ notes: 5, wallMs: 290, contender: 'HTTP Request, defaults' }),
			// Past one window: the limiter binds, the floor says it.
			cell({ notes: 60, wallMs: 10_500 }),
			cell({ notes: 60, wallMs: 330, contender: 'HTTP Request, defaults', status429: 40, failedItems: 40 }),
		];
		expect(withinWindowVsHttp(cells)).toEqual({ cells: 2, lowest: 1, highest: 1.2 });
		expect(withinWindowVsHttp(cells.slice(4))).toBeNull();
	});
});
