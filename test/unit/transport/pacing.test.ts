import {
	CallSchedule,
	pacingKeyFor,
	requestsPerMinuteFor,
	scheduleFor,
	spacingMsFor,
	waitForSlot,
	windowMsFor,
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
	const schedule = new CallSchedule({ requestsPerMinute: (60_000 * 1.01 + 1_000) / spacing, processes: 1 });
	// The key refused a burst long ago: its calls are spaced.
	schedule.rateLimited(-1e9, -1e9, true);
	return schedule;
}

/** A schedule that has learnt that the key lets a window's calls start at once. */
function scheduleBursting(requestsPerMinute: number, windowMs?: number): CallSchedule {
	const schedule = new CallSchedule({ requestsPerMinute, processes: 1, windowMs });
	schedule.answered(0, true);
	return schedule;
}

describe('window pacing', () => {
	it('reads the window from a Custom plan only, a minute otherwise', () => {
		expect(windowMsFor('custom', 5)).toBe(5_000);
		expect(windowMsFor('custom', '12')).toBe(12_000);
		expect(windowMsFor('custom', 0)).toBe(60_000);
		expect(windowMsFor('custom', 'x')).toBe(60_000);
		expect(windowMsFor('hobby', 5)).toBe(60_000);
		expect(windowMsFor(undefined, undefined)).toBe(60_000);
	});

	it('starts a sheet within the share at once, a longer one in window-sized waves', () => {
		const schedule = scheduleBursting(20);
		const slots = Array.from({ length: 45 }, () => schedule.reserve(1_000));
		expect(slots.slice(0, 20)).toEqual(Array(20).fill(1_000));
		// The next wave once the first has left the window, plus one second of margin per minute.
		expect(slots.slice(20, 40)).toEqual(Array(20).fill(1_000 + 61_000));
		expect(slots.slice(40)).toEqual(Array(5).fill(1_000 + 2 * 61_000));
	});

	it('counts the calls started in the last window, from an earlier run too', () => {
		const schedule = scheduleBursting(20);
		for (let i = 0; i < 15; i++) schedule.callStarted(10_000 + i);
		// Five left in this window; the sixth waits until the first of the earlier run has left it.
		const slots = Array.from({ length: 6 }, () => schedule.reserve(20_000));
		expect(slots.slice(0, 5)).toEqual(Array(5).fill(20_000));
		expect(slots[5]).toBe(10_000 + 61_000);
	});

	it('scales budget and margin with a shorter window', () => {
		const schedule = scheduleBursting(180, 5_000);
		expect(schedule.windowBudget).toBe(15);
		expect(schedule.windowSpanMs).toBeCloseTo(5_000 + 1_000 / 12, 6);
		const slots = Array.from({ length: 16 }, () => schedule.reserve(0));
		expect(slots[14]).toBe(0);
		expect(slots[15]).toBeCloseTo(5_000 + 1_000 / 12, 6);
	});

	it('keeps each process to its share of the window', () => {
		const schedule = new CallSchedule({ requestsPerMinute: 20, processes: 2 });
		schedule.answered(0, true);
		const slots = Array.from({ length: 11 }, () => schedule.reserve(0));
		expect(slots.filter((s) => s === 0)).toHaveLength(10);
		expect(slots[10]).toBe(61_000);
	});

	it("counts each call of a burst from when it has likely left the process: the next window's calls take their places in order", () => {
		// 50 calls per 5 s, all started at once.
		const schedule = scheduleBursting(600, 5_000);
		for (let i = 0; i < 50; i++) schedule.callStarted(0);
		const span = 5_000 + 1_000 / 12;
		const slots = Array.from({ length: 50 }, () => schedule.reserve(0));
		// The first call of the next window takes the first one's place, the last one the last's: 2 ms a call behind it.
		expect(slots[0]).toBeCloseTo(span, 6);
		expect(slots[1]).toBeCloseTo(span + 2, 6);
		expect(slots[49]).toBeCloseTo(span + 98, 6);
	});

	it("caps a burst's dispatch allowance at 2% of the window", () => {
		const schedule = scheduleBursting(6_000, 5_000);
		expect(schedule.windowBudget).toBe(500);
		for (let i = 0; i < 500; i++) schedule.callStarted(0);
		const slots = Array.from({ length: 500 }, () => schedule.reserve(0));
		expect(slots[499]).toBeCloseTo(5_000 + 1_000 / 12 + 100, 6);
	});

	it('gives calls that start apart no dispatch allowance', () => {
		const schedule = scheduleBursting(20);
		for (let i = 0; i < 20; i++) schedule.callStarted(i * 100);
		const slots = Array.from({ length: 20 }, () => schedule.reserve(2_000));
		expect(slots.map((slot, i) => slot - i * 100)).toEqual(Array(20).fill(61_000));
	});

	it('does not sleep out a backward step of the clock in window mode either', () => {
		const schedule = scheduleBursting(5);
		for (let i = 0; i < 5; i++) schedule.callStarted(10_000_000);
		// An hour back: the five starts count as now, so the next call waits one window, not an hour.
		expect(schedule.reserve(6_400_000)).toBe(6_400_000 + 61_000);
	});
});

describe('a key that refuses bursts', () => {
	it('keeps a full spacing after a call that started late, whatever its slot said', () => {
		const schedule = scheduleSpaced(100);
		const first = schedule.reserve(0);
		schedule.reserve(0);
		schedule.release(first);
		// The first caller woke 30 ms after its slot.
		schedule.callStarted(30);
		// A spacing after it, and 5 ms for the jitter of its start (5% of the spacing, at most 10 ms).
		expect(schedule.startJitterPadMs).toBeCloseTo(5, 6);
		expect(schedule.blockedUntil(100)).toBeCloseTo(135, 6);
		expect(schedule.blockedUntil(136)).toBe(136);
	});
});

describe('learning whether the key allows bursts', () => {
	it('reads a 429 to the call the probe went out with as the probe refused: spaced from then on, at the full rate', () => {
		const schedule = new CallSchedule({ requestsPerMinute: 20, processes: 1 });
		schedule.release(schedule.reserve(0));
		const first = schedule.callStarted(0);
		const probe = schedule.reserveCall(0);
		// As waitForSlot starts a call: the slot is released, the call reported as the probe.
		schedule.release(probe.slot);
		expect(schedule.callStarted(0, probe.probe).probe).toBe(true);
		// The probe arrived first and was let through; the call before it was refused.
		schedule.rateLimited(first.sentAt, 20, first.probe);
		expect(schedule.bursts).toBe('refused');
		expect(schedule.rate.requestsPerMinute).toBe(20);
	});

	it('sends the second call right behind the first as a probe, and holds the rest to even slots meanwhile', () => {
		const schedule = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		expect(schedule.bursts).toBe('unknown');
		const first = schedule.reserveCall(0);
		const second = schedule.reserveCall(0);
		const third = schedule.reserveCall(0);
		expect(first).toEqual({ slot: 0, probe: false });
		expect(second).toEqual({ slot: 0, probe: true });
		expect(third.probe).toBe(false);
		expect(third.slot).toBeCloseTo(schedule.spacingMs, 6);
		expect(schedule.probing).toBe(true);
	});

	it("an answer to the probe lets the window's calls start at once from then on", () => {
		const schedule = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		schedule.reserveCall(0);
		schedule.reserveCall(0);
		schedule.release(0);
		schedule.callStarted(0);
		schedule.release(0);
		expect(schedule.callStarted(0, true)).toEqual({ sentAt: 0, probe: true });
		schedule.answered(300, true);
		expect(schedule.bursts).toBe('allowed');
		expect(schedule.probing).toBe(false);
		expect([schedule.reserve(300), schedule.reserve(300), schedule.reserve(300)]).toEqual([300, 300, 300]);
		expect(schedule.reserve(300)).toBe(61_000);
	});

	it('a 429 to the probe switches the key to even spacing without lowering the rate', () => {
		const schedule = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		schedule.callStarted(0);
		schedule.reserveCall(0);
		schedule.release(0);
		const probe = schedule.callStarted(0, true);
		expect(probe.probe).toBe(true);
		schedule.rateLimited(0, 300, true);
		expect(schedule.bursts).toBe('refused');
		expect(schedule.rate.requestsPerMinute).toBe(5);
		const slots = [schedule.reserve(300), schedule.reserve(300)];
		expect(slots[0]).toBeCloseTo(300 + schedule.spacingMs, 6);
		expect(slots[1] - slots[0]).toBeCloseTo(schedule.spacingMs, 6);
	});

	it('a 429 while bursting (the window is not ours alone) switches to even spacing too', () => {
		const schedule = scheduleBursting(60);
		for (let i = 0; i < 10; i++) schedule.callStarted(0);
		schedule.rateLimited(0, 200);
		expect(schedule.bursts).toBe('refused');
		const [a, b] = [schedule.reserve(200), schedule.reserve(200)];
		expect(b - a).toBeCloseTo(schedule.spacingMs, 6);
	});

	it('a probe lost on the way (network, cancelled) is tried again with the next burst', () => {
		const schedule = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		schedule.callStarted(0);
		expect(schedule.reserveCall(0).probe).toBe(true);
		schedule.release(0);
		const probe = schedule.callStarted(0, true);
		schedule.callLost(probe.probe);
		expect(schedule.probing).toBe(false);
		expect(schedule.bursts).toBe('unknown');
		expect(schedule.reserveCall(10).probe).toBe(true);
	});

	it('a call that starts long after the one before is no probe: its answer proves nothing', () => {
		const schedule = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		schedule.callStarted(0);
		schedule.reserveCall(0);
		schedule.release(0);
		expect(schedule.callStarted(60_000, true).probe).toBe(false);
		expect(schedule.probing).toBe(false);
	});
});

describe('projectedStartTimes', () => {
	it('says when the next calls would start, reserving nothing', () => {
		const schedule = scheduleBursting(20);
		expect(schedule.projectedStartTimes(25, 1_000)).toEqual([...Array(20).fill(1_000), ...Array(5).fill(62_000)]);
		// Nothing was taken: the same again, and the first real slot is the projection's.
		expect(schedule.projectedStartTimes(25, 1_000)).toHaveLength(25);
		expect(schedule.reserve(1_000)).toBe(1_000);
		expect(schedule.projectedStartTimes(20, 1_000)[19]).toBe(62_000);
	});

	it('follows holds, even spacing and the calls already reserved', () => {
		const spaced = scheduleSpaced(100);
		spaced.reserve(0);
		spaced.holdUntil(5_000);
		const times = spaced.projectedStartTimes(3, 10);
		expect(times[0]).toBe(5_000);
		expect(times[2] - times[0]).toBeCloseTo(200, 6);
		const fresh = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		// Before bursts are known: one call, the probe, then even slots.
		const projected = fresh.projectedStartTimes(3, 0);
		expect(projected.slice(0, 2)).toEqual([0, 0]);
		expect(projected[2]).toBeCloseTo(fresh.spacingMs, 6);
		expect(fresh.probing).toBe(false);
	});

	it('is empty for no call', () => {
		expect(scheduleBursting(20).projectedStartTimes(0, 5)).toEqual([]);
	});
});

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
	it('lets the callers behind a probe go as soon as the probe is answered', async () => {
		const schedule = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		const started = Date.now();
		const first = await waitForSlot(schedule);
		const second = await waitForSlot(schedule);
		expect([first.probe, second.probe]).toEqual([false, true]);
		const third = waitForSlot(schedule);
		setTimeout(() => schedule.answered(Date.now(), true), 100);
		await third;
		// Even spacing would have held it 12 s.
		expect(Date.now() - started).toBeLessThan(2_000);
	});

	it('a wave that started late pushes the next one back by as much, no more', async () => {
		// 3 calls per 1 s window (180 a minute).
		const schedule = scheduleBursting(180, 1_000);
		const t0 = Date.now();
		const firstWave = [schedule.reserveCall(t0), schedule.reserveCall(t0), schedule.reserveCall(t0)];
		const secondWave = [waitForSlot(schedule), waitForSlot(schedule), waitForSlot(schedule)];
		// The first wave starts 100 ms after its slots (a busy event loop).
		await new Promise((resolve) => setTimeout(resolve, 100));
		for (const reserved of firstWave) {
			schedule.release(reserved.slot);
			schedule.callStarted(Date.now());
		}
		await Promise.all(secondWave);
		// A window after the late first wave (1,017 ms + 100 ms), not another window later.
		expect(Date.now() - t0).toBeGreaterThanOrEqual(1_100);
		expect(Date.now() - t0).toBeLessThan(1_800);
	});

	it('evenly spaced, a call started late delays the one a window later by as much, not the whole queue', async () => {
		// 180 a minute over a 1 s window: 3 calls per window, 342 ms apart.
		const schedule = new CallSchedule({ requestsPerMinute: 180, processes: 1, windowMs: 1_000 });
		schedule.rateLimited(-1e9, -1e9, true);
		const t0 = Date.now();
		const early = [schedule.reserveCall(t0), schedule.reserveCall(t0), schedule.reserveCall(t0)];
		const later = [waitForSlot(schedule), waitForSlot(schedule), waitForSlot(schedule)];
		for (const reserved of early) {
			// Each starts 60 ms after its slot.
			await new Promise((resolve) => setTimeout(resolve, reserved.slot + 60 - Date.now()));
			schedule.release(reserved.slot);
			schedule.callStarted(Date.now());
		}
		await Promise.all(later);
		// The last of the six in its own slot (5 × 342 ms), not pushed behind the queue (6 × 342 ms).
		expect(Date.now() - t0).toBeLessThan(1_950);
	});

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
