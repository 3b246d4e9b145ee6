import {
	CallSchedule,
	pacingKeyFor,
	requestsPerMinuteFor,
	scheduleFor,
	spacingMsFor,
	waitForSlot,
} from '../../../nodes/Xiaohongshu/transport/pacing';

describe('plan rates', () => {
	it.each([
		['free', undefined, 5],
		['hobby', undefined, 20],
		['developer', undefined, 250],
		['custom', 42, 42],
		['custom', '90', 90],
		['custom', 0, 5],
		['custom', 'lots', 5],
		['enterprise', undefined, 5],
		[undefined, undefined, 5],
	])('%p (%p) -> %p per minute', (plan, custom, rate) => expect(requestsPerMinuteFor(plan, custom)).toBe(rate));

	it('spaces calls a little wider than the plan, never narrower', () => {
		for (const rate of [1, 5, 20, 60, 180, 250, 600, 6_000]) {
			const spacing = spacingMsFor(rate);
			// The plan's N+1st call arrives at least a minute and a second after the first...
			expect(rate * spacing).toBeGreaterThanOrEqual(61_000);
			// ...so any window of a minute holds at most `rate` call starts...
			expect(Math.floor(60_000 / spacing) + 1).toBeLessThanOrEqual(rate);
			// ...while the run stays within 3% of the plan's own pace.
			expect(spacing).toBeLessThanOrEqual((60_000 / rate) * 1.03);
		}
	});
});

describe('pacingKeyFor', () => {
	it('names a key by its SHA-256, never by the key', () => {
		const key = 'sk-live-abcdef123456';
		const name = pacingKeyFor(key);
		expect(name).toMatch(/^[0-9a-f]{64}$/);
		expect(name).not.toContain('abcdef123456');
		expect(pacingKeyFor(key)).toBe(name);
		expect(pacingKeyFor(`${key}x`)).not.toBe(name);
	});
});

/** A schedule whose calls are `spacing` ms apart: the rate whose spacingMsFor is `spacing`. */
function scheduleSpaced(spacing: number): CallSchedule {
	// spacingMsFor(r) = (60,000 × 1.01 + 1,000) / r
	return new CallSchedule({ requestsPerMinute: (60_000 * 1.01 + 1_000) / spacing, processes: 1 });
}

describe('CallSchedule', () => {
	it('hands out one slot per spacing, in order, starting now', () => {
		const schedule = scheduleSpaced(100);
		expect(schedule.spacingMs).toBeCloseTo(100, 9);
		expect([schedule.reserve(1_000), schedule.reserve(1_000), schedule.reserve(1_050), schedule.reserve(2_000)].map(Math.round)).toEqual([1_000, 1_100, 1_200, 2_000]);
	});

	it('projects the start times the next calls would get, without taking them', () => {
		const schedule = scheduleSpaced(100);
		schedule.reserve(1_000);
		schedule.release();
		const projected = schedule.projectedStartTimes(3, 1_050).map(Math.round);
		expect(projected).toEqual([1_100, 1_200, 1_300]);
		// Nothing was reserved: the calls then get exactly those slots.
		expect([schedule.reserve(1_050), schedule.reserve(1_050), schedule.reserve(1_050)].map(Math.round)).toEqual(projected);
		schedule.holdUntil(5_000);
		expect(schedule.projectedStartTimes(1, 1_050)[0]).toBeGreaterThanOrEqual(5_000);
		expect(schedule.projectedStartTimes(0, 1_050)).toEqual([]);
	});

	it('holds every later slot after a Retry-After', () => {
		const schedule = scheduleSpaced(100);
		schedule.reserve(0);
		schedule.holdUntil(5_000);
		expect(schedule.reserve(10)).toBe(5_000);
		expect(schedule.heldUntil).toBe(5_000);
		schedule.holdUntil(1_000);
		expect(schedule.heldUntil).toBe(5_000);
	});

	it('does not make a caller sleep out a backward step of the system clock', () => {
		const schedule = scheduleSpaced(100);
		schedule.reserve(10_000_000);
		schedule.release();
		// The clock stepped back an hour: the next call waits one spacing at most, not an hour.
		expect(schedule.reserve(6_400_000)).toBeCloseTo(6_400_000 + 100, 6);
	});

	it('still queues callers that are waiting, one spacing apart', () => {
		const schedule = scheduleSpaced(100);
		const slots = [schedule.reserve(0), schedule.reserve(0), schedule.reserve(0)];
		expect(slots.map(Math.round)).toEqual([0, 100, 200]);
		schedule.release();
		expect(Math.round(schedule.reserve(50))).toBe(300);
	});

	it('slows the calls already queued once a 429 lowers the rate', () => {
		const schedule = scheduleSpaced(100);
		// Half of its rate got through in the last minute (the rest went to another process).
		const rate = schedule.rate.requestsPerMinute;
		for (let i = 0; i < rate / 2; i++) schedule.answered(i * 200);
		const now = 60_000 - 1;
		for (let i = 0; i < 3; i++) schedule.reserve(now - 1_000);
		schedule.rateLimited(now, now);
		expect(schedule.spacingMs).toBeGreaterThan(200);
		// The next slot is a new spacing after the refusal, not the old one after the last slot.
		expect(schedule.reserve(now)).toBeCloseTo(now + schedule.spacingMs, 6);
	});

	it('never starts more calls in a minute than its rate, even right after the rate came down', () => {
		const schedule = scheduleSpaced(1_000);
		const rate = Math.floor(schedule.rate.requestsPerMinute);
		for (let i = 0; i < rate; i++) schedule.callStarted(i * 100);
		// Spacing alone would allow a call now; the calls of the last minute do not.
		expect(schedule.ownWindowFreeAt(10_000)).toBe(60_000 + 1_000);
		expect(schedule.blockedUntil(10_000)).toBe(61_000);
		expect(schedule.reserve(10_000)).toBeGreaterThanOrEqual(61_000);
		// Once they have left the minute there is room again.
		expect(schedule.ownWindowFreeAt(130_000)).toBe(130_000);
	});

	it('is shared per key across the process, following the latest plan and process count', () => {
		const a = scheduleFor('key-hash-1', { requestsPerMinute: 600, processes: 1 });
		expect(scheduleFor('key-hash-1', { requestsPerMinute: 200, processes: 1 })).toBe(a);
		expect(a.rate.requestsPerMinute).toBe(200);
		scheduleFor('key-hash-1', { requestsPerMinute: 200, processes: 4 });
		expect(a.rate.requestsPerMinute).toBe(50);
		expect(scheduleFor('key-hash-2', { requestsPerMinute: 600, processes: 1 })).not.toBe(a);
	});
});

describe('waitForSlot', () => {
	it('waits for its slot in real time', async () => {
		const schedule = scheduleSpaced(150);
		const started = Date.now();
		await waitForSlot(schedule);
		await waitForSlot(schedule);
		await waitForSlot(schedule);
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
	});

	it('wakes into a hold set while it slept and waits it out', async () => {
		const schedule = scheduleSpaced(50);
		schedule.reserve(Date.now());
		const started = Date.now();
		const waiting = waitForSlot(schedule);
		schedule.holdUntil(started + 300);
		await waiting;
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
	});

	it('stops at once when cancelled', async () => {
		const schedule = scheduleSpaced(60_000);
		schedule.reserve(Date.now());
		const controller = new AbortController();
		const started = Date.now();
		const waiting = waitForSlot(schedule, controller.signal);
		setTimeout(() => controller.abort(new Error('cancelled')), 50);
		await expect(waiting).rejects.toThrow('cancelled');
		expect(Date.now() - started).toBeLessThan(1_000);
	});
});
