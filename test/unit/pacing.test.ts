import {
	CallSchedule,
	pacingKeyFor,
	requestsPerMinuteFor,
	scheduleFor,
	spacingMsFor,
	waitForSlot,
} from '../../nodes/Xiaohongshu/transport/pacing';

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

describe('CallSchedule', () => {
	it('hands out one slot per spacing, in order, starting now', () => {
		const schedule = new CallSchedule(100);
		expect([schedule.reserve(1_000), schedule.reserve(1_000), schedule.reserve(1_050), schedule.reserve(2_000)]).toEqual([1_000, 1_100, 1_200, 2_000]);
	});

	it('holds every later slot after a Retry-After', () => {
		const schedule = new CallSchedule(100);
		schedule.reserve(0);
		schedule.holdUntil(5_000);
		expect(schedule.reserve(10)).toBe(5_000);
		expect(schedule.heldUntil).toBe(5_000);
		schedule.holdUntil(1_000);
		expect(schedule.heldUntil).toBe(5_000);
	});

	it('does not make a caller sleep out a backward step of the system clock', () => {
		const schedule = new CallSchedule(100);
		schedule.reserve(10_000_000);
		schedule.release();
		// The clock stepped back an hour: the next call waits one spacing at most, not an hour.
		expect(schedule.reserve(6_400_000)).toBe(6_400_000 + 100);
	});

	it('still queues callers that are waiting, one spacing apart', () => {
		const schedule = new CallSchedule(100);
		const slots = [schedule.reserve(0), schedule.reserve(0), schedule.reserve(0)];
		expect(slots).toEqual([0, 100, 200]);
		schedule.release();
		expect(schedule.reserve(50)).toBe(300);
	});

	it('is shared per key across the process, following the latest plan', () => {
		const a = scheduleFor('key-hash-1', 100);
		expect(scheduleFor('key-hash-1', 300)).toBe(a);
		expect(a.spacingMs).toBe(300);
		expect(scheduleFor('key-hash-2', 100)).not.toBe(a);
	});
});

describe('waitForSlot', () => {
	it('waits for its slot in real time', async () => {
		const schedule = new CallSchedule(150);
		const started = Date.now();
		await waitForSlot(schedule);
		await waitForSlot(schedule);
		await waitForSlot(schedule);
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
	});

	it('wakes into a hold set while it slept and waits it out', async () => {
		const schedule = new CallSchedule(50);
		schedule.reserve(Date.now());
		const started = Date.now();
		const waiting = waitForSlot(schedule);
		schedule.holdUntil(started + 300);
		await waiting;
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
	});

	it('stops at once when cancelled', async () => {
		const schedule = new CallSchedule(60_000);
		schedule.reserve(Date.now());
		const controller = new AbortController();
		const started = Date.now();
		const waiting = waitForSlot(schedule, controller.signal);
		setTimeout(() => controller.abort(new Error('cancelled')), 50);
		await expect(waiting).rejects.toThrow('cancelled');
		expect(Date.now() - started).toBeLessThan(1_000);
	});
});
