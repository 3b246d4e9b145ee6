/**
 * Adaptive pacing across n8n processes that share a key (queue mode): the rate rule on its
 * own, then whole processes on a virtual clock against the sandbox's sliding-window limiter.
 */
import {
	AdaptiveRate,
	DECREASE_FACTOR,
	FLOOR_FRACTION,
	processesSharing,
} from '../../../nodes/Xiaohongshu/transport/adaptiveRate';
import { busiestWindow } from '../../../tooling/bench/busiest-window';
import { simulate, type SimulationResult } from '../support/pacingSimulation';

const PLAN = 60;
const MINUTE = 60_000;

function okCalls(result: SimulationResult, process: number, from: number, to: number): number {
	return result.calls.filter((c) => c.process === process && c.status === 200 && c.sentAt >= from && c.sentAt < to).length;
}

function refused(result: SimulationResult, from = 0, to = Infinity): number {
	return result.calls.filter((c) => c.status === 429 && c.sentAt >= from && c.sentAt < to).length;
}

describe('AdaptiveRate', () => {
	it('starts at the whole plan by default, and at its share when the key is shared', () => {
		expect(new AdaptiveRate({ requestsPerMinute: PLAN, processes: 1 }).requestsPerMinute).toBe(60);
		expect(new AdaptiveRate({ requestsPerMinute: PLAN, processes: 3 }).requestsPerMinute).toBe(20);
	});

	it.each([
		[1, 1],
		[3, 3],
		['2', 2],
		[2.7, 2],
		[0, 1],
		[-4, 1],
		['lots', 1],
		[undefined, 1],
		[null, 1],
	])('reads the process count %p as %p', (value, expected) => expect(processesSharing(value)).toBe(expected));

	/** A rate that got `accepted` calls through in the minute before `until`. */
	function busyRate(accepted: number, until: number, processes = 1): AdaptiveRate {
		const rate = new AdaptiveRate({ requestsPerMinute: PLAN, processes });
		for (let i = 0; i < accepted; i++) rate.answered(until - MINUTE + ((i + 1) * MINUTE) / (accepted + 1));
		return rate;
	}

	it('on a 429 drops to a little under what it got through in the last minute, down to a floor', () => {
		// Its own rate was the whole plan, but only 30 calls got through: the window was shared.
		const rate = busyRate(30, 100_000);
		expect(rate.requestsPerMinute).toBe(PLAN);
		expect(rate.rateLimited(100_000, 100_250)).toBe(true);
		expect(rate.requestsPerMinute).toBeCloseTo(30 * DECREASE_FACTOR, 9);
		for (let t = 100_300; t < 120_000; t += 200) rate.rateLimited(t, t + 100);
		expect(rate.requestsPerMinute).toBe(PLAN * FLOOR_FRACTION);
	});

	it('lowers the rate once per overshoot: 429s to calls sent before the decrease change nothing', () => {
		const rate = busyRate(60, 1_000);
		rate.rateLimited(1_000, 1_250);
		const lowered = rate.requestsPerMinute;
		expect(lowered).toBeLessThan(PLAN);
		// Three more calls were on the wire at the old rate when the first 429 came back.
		expect([rate.rateLimited(1_100, 1_350), rate.rateLimited(1_200, 1_450), rate.rateLimited(1_240, 1_490)]).toEqual([false, false, false]);
		expect(rate.requestsPerMinute).toBe(lowered);
		// A call sent after the decrease that is refused again is news.
		expect(rate.rateLimited(1_300, 1_550)).toBe(true);
		expect(rate.requestsPerMinute).toBeLessThan(lowered);
	});

	it.each([
		['half the plan got through (two processes)', 30],
		['a third got through (three processes)', 20],
		['nothing got through (the floor)', 0],
	])('recovers to at least 0.9 of the plan within two minutes of clean answers: %s', (_, accepted) => {
		const rate = busyRate(accepted, 100_000);
		rate.rateLimited(100_000, 100_000);
		let t = 100_000;
		const rates: number[] = [];
		// A busy process: one answer per spacing at its current rate.
		while (t < 100_000 + 2 * MINUTE) {
			t += MINUTE / rate.requestsPerMinute;
			rate.answered(t);
			rates.push(rate.requestsPerMinute);
		}
		expect(rate.requestsPerMinute).toBeGreaterThanOrEqual(0.9 * PLAN);
		// Gradually: no step up is bigger than a tenth of the plan.
		for (let i = 1; i < rates.length; i++) expect(rates[i] - rates[i - 1]).toBeLessThanOrEqual(0.1 * PLAN);
		// Never above the plan, however long it stays clean.
		for (let i = 0; i < 1_000; i++) rate.answered((t += 1_000));
		expect(rate.requestsPerMinute).toBe(PLAN);
	});

	it('lingers near the rate that met the 429 before probing past it', () => {
		const rate = busyRate(30, 100_000);
		rate.rateLimited(100_000, 100_000);
		const at = (ms: number) => {
			for (let t = 101_000; t <= 100_000 + ms; t += 1_000) rate.answered(t);
			return rate.requestsPerMinute;
		};
		const after20s = at(20_000);
		const after30s = at(30_000);
		expect(after20s).toBeGreaterThan(29);
		expect(after30s).toBeLessThan(31);
	});

	it('learns nothing while idle: a long pause raises the rate by at most two spacings of busy time', () => {
		const rate = busyRate(30, 100_000);
		rate.rateLimited(100_000, 100_000);
		const lowered = rate.requestsPerMinute;
		rate.answered(3_700_000);
		expect(rate.requestsPerMinute).toBeLessThan(lowered * 1.05);
	});

	it('keeps to its share when the key is shared: never above plan / processes', () => {
		const rate = new AdaptiveRate({ requestsPerMinute: PLAN, processes: 2 });
		for (let t = 1_000; t < 30 * MINUTE; t += 1_000) rate.answered(t);
		expect(rate.requestsPerMinute).toBe(30);
	});

	it('starts over at the new share when the credential changes', () => {
		const rate = busyRate(40, 100_000);
		rate.rateLimited(100_000, 100_000);
		rate.configure({ requestsPerMinute: PLAN, processes: 1 });
		expect(rate.requestsPerMinute).toBe(40 * DECREASE_FACTOR);
		rate.configure({ requestsPerMinute: PLAN, processes: 4 });
		expect(rate.requestsPerMinute).toBe(15);
	});
});

describe('processes sharing a key enforced over a sliding minute', () => {
	it('one process alone never meets a 429 and runs at the plan', () => {
		const result = simulate({ requestsPerMinute: PLAN, durationMs: 5 * MINUTE, processes: [{ processes: 1, callers: 16 }] });
		expect(refused(result)).toBe(0);
		expect(okCalls(result, 0, MINUTE, 5 * MINUTE)).toBeGreaterThanOrEqual(0.97 * 4 * PLAN);
	});

	it.each([
		[2, 'with', true, 0.05],
		[3, 'with', true, 0.05],
		[2, 'without', false, 0.05],
		[3, 'without', false, 0.06],
	])('%i processes at the default setting, 429s %s Retry-After: near their shares, few 429s, no failed item', (count, _, retryAfter, most429s) => {
		const duration = 10 * MINUTE;
		const result = simulate({
			requestsPerMinute: PLAN,
			durationMs: duration,
			retryAfter,
			processes: Array.from({ length: count }, () => ({ processes: 1, callers: 16 })),
		});
		const attempts = result.calls.length;
		const admitted = attempts - refused(result);
		// The start: every process bursts into the key once, before its first 429 switches it to even
		// spacing; about the calls it has in flight (16) are refused then.
		const atStart = result.calls.filter((c) => c.status === 429 && c.sentAt < MINUTE).length;
		expect(atStart).toBeLessThanOrEqual(16 * count);
		// Then few refusals (7% of the calls; 8% for three processes that must find their shares without being told when to come back), no item out of retries.
		const later = result.calls.filter((c) => c.sentAt >= MINUTE);
		expect(later.filter((c) => c.status === 429).length).toBeLessThanOrEqual((most429s + 0.02) * later.length);
		expect(result.failedItems).toBe(0);
		// The plan stays used: at least 85% of it over the run, start-up included.
		expect(admitted).toBeGreaterThanOrEqual(0.85 * PLAN * (duration / MINUTE));
		// No sustained overshoot: attempts (refused ones included) in any minute stay within the plan
		// plus two refused calls per process (and one), after the start.
		expect(busiestWindow(later.map((c) => c.arrivedAt), MINUTE)).toBeLessThanOrEqual(PLAN + 2 * count + 1);
		// Near equal shares over the second half, rather than one process starving the others.
		const share = (PLAN * 5) / count;
		for (let p = 0; p < count; p++) {
			const got = okCalls(result, p, 5 * MINUTE, duration);
			expect(got).toBeGreaterThanOrEqual(0.6 * share);
			expect(got).toBeLessThanOrEqual(1.4 * share);
		}
	});

	it.each([2, 3])('%i processes with the field set to their number keep to their shares: no 429 at all', (count) => {
		const result = simulate({
			requestsPerMinute: PLAN,
			durationMs: 10 * MINUTE,
			processes: Array.from({ length: count }, () => ({ processes: count, callers: 16 })),
		});
		expect(refused(result)).toBe(0);
		expect(result.calls.length).toBeGreaterThanOrEqual(0.95 * PLAN * 10);
	});

	it('the process left busy when contention ends is back to 0.9 of the plan within two minutes', () => {
		const contentionEnds = 4 * MINUTE;
		const result = simulate({
			requestsPerMinute: PLAN,
			durationMs: contentionEnds + 4 * MINUTE,
			processes: [
				{ processes: 1, callers: 16 },
				{ processes: 1, callers: 16, stopAt: contentionEnds },
			],
		});
		const rateAt = (ms: number) => result.rates[0].find((s) => s.at >= ms)!.requestsPerMinute;
		expect(rateAt(contentionEnds)).toBeLessThan(0.9 * PLAN);
		expect(rateAt(contentionEnds + 2 * MINUTE)).toBeGreaterThanOrEqual(0.9 * PLAN);
		// And it does use it: the minute after that carries at least 0.9 of the plan in calls.
		expect(okCalls(result, 0, contentionEnds + 2 * MINUTE, contentionEnds + 3 * MINUTE)).toBeGreaterThanOrEqual(0.9 * PLAN);
		expect(refused(result, contentionEnds + MINUTE)).toBe(0);
	});
});
