import { PlanLimits } from '../../../tooling/sandbox/limits';
import type { LimiterKind } from '../../../tooling/sandbox/plans';

/** A key allowing 3 calls per 1,000 ms with the given limiter, on a clock the test moves. */
function limiterOf(limiter?: LimiterKind) {
	let now = 10_000;
	const limits = new PlanLimits({ k: { requestsPerMinute: 3, windowMs: 1_000, credits: 1_000, limiter } }, 60_000, () => now);
	const at = (t: number) => {
		now = t;
		return limits.admit('k');
	};
	return { at, ok: (t: number) => at(t).ok };
}

describe('sandbox limiters', () => {
	it('sliding (the default): at most the limit in any window ending now', () => {
		const { at, ok } = limiterOf();
		expect([ok(10_000), ok(10_100), ok(10_900)]).toEqual([true, true, true]);
		const refused = at(10_950);
		expect(refused).toMatchObject({ ok: false, reason: 'burst', limiter: 'sliding', retryAfterSeconds: 1 });
		// The first call leaves the window at 11,000: one more then, not two.
		expect([ok(11_000), ok(11_050)]).toEqual([true, false]);
	});

	it('fixed: the counter resets on each window boundary, whatever came just before', () => {
		const { at, ok } = limiterOf('fixed');
		expect([ok(10_700), ok(10_800), ok(10_900), ok(10_950)]).toEqual([true, true, true, false]);
		expect(at(10_960)).toMatchObject({ ok: false, limiter: 'fixed' });
		// A new window at 11,000: three more at once, though a sliding window would refuse them.
		expect([ok(11_000), ok(11_001), ok(11_002), ok(11_003)]).toEqual([true, true, true, false]);
	});

	it('tokenBucket: one call per window ÷ limit, any burst refused', () => {
		const { at, ok } = limiterOf('tokenBucket');
		expect([ok(10_000), ok(10_001)]).toEqual([true, false]);
		expect(ok(10_332)).toBe(false);
		expect(ok(10_334)).toBe(true);
		// Capacity one: idle time does not save up a burst.
		expect([ok(20_000), ok(20_000)]).toEqual([true, false]);
		expect(at(20_010)).toMatchObject({ ok: false, limiter: 'tokenBucket', retryAfterSeconds: 1 });
	});

	it('a refused call takes no slot, for every kind', () => {
		for (const kind of ['sliding', 'fixed', 'tokenBucket'] as const) {
			const { ok } = limiterOf(kind);
			ok(10_000);
			for (let t = 10_001; t < 10_010; t++) ok(t);
			expect(ok(kind === 'fixed' ? 11_000 : 11_400)).toBe(true);
		}
	});
});
