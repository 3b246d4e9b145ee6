/**
 * Client-side pacing so parse.bot rarely has to answer 429 because of us.
 *
 * One schedule per API key, held at module level: every node instance in this n8n process
 * (two workflows, a trigger polling while a workflow runs) draws from the same schedule, so
 * together they stay inside the account's plan. Schedules are keyed by a SHA-256 of the key,
 * never by the key itself. Other processes on the same key (queue-mode workers, another n8n)
 * are not visible from here: the schedule's rate adapts to parse.bot's answers instead
 * (adaptiveRate.ts).
 *
 * A plan of N calls a minute allows N call starts in any minute: calls go out as soon as the
 * window allows (a short sheet at once), and evenly spaced only on a key whose limiter turned
 * out to refuse bursts (see CallSchedule).
 */
import { createHash } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { AdaptiveRate } from './adaptiveRate';
import type { RateLimits } from './adaptiveRate';
import { FALLBACK_PLAN, isPublishedPlan, PLANS } from '../domain/plans';
import { MINUTE_MS } from '../domain/units';

/**
 * Headroom, spread over the window rather than added to every gap: a sliding-window limiter
 * counts the calls that ARRIVE within a minute, so the plan's N+1st call must land at least a
 * minute after the first, plus whatever network jitter shifts arrivals. One second of margin
 * per minute and 1% for clocks that tick at slightly different rates keep every window under
 * the plan while costing under 3% of throughput on any plan.
 */
const HEADROOM_RATIO = 0.01;
const WINDOW_MARGIN_MS = 1_000;

/** The plan's rate, falling back to the free plan for anything unreadable (the safe side). */
export function requestsPerMinuteFor(plan: unknown, customRequestsPerMinute?: unknown): number {
	const fallback = PLANS[FALLBACK_PLAN].requestsPerMinute;
	if (plan === 'custom') {
		const custom = Number(customRequestsPerMinute);
		return Number.isFinite(custom) && custom > 0 ? custom : fallback;
	}
	return isPublishedPlan(plan) ? PLANS[plan].requestsPerMinute : fallback;
}

/**
 * The window a plan counts calls in. parse.bot's plans count per minute; a Custom plan may name
 * another window (whole seconds, at least one), which is also how the tests and the benchmark
 * run a plan's limit in seconds instead of minutes.
 */
export function windowMsFor(plan: unknown, windowSeconds?: unknown): number {
	if (plan !== 'custom') return MINUTE_MS;
	const seconds = Number(windowSeconds);
	return Number.isFinite(seconds) && seconds >= 1 ? Math.round(seconds) * 1_000 : MINUTE_MS;
}

/** Milliseconds between two call starts for a rate of `requestsPerMinute`. */
export function spacingMsFor(requestsPerMinute: number): number {
	const base = MINUTE_MS / requestsPerMinute;
	// Fractional on purpose: rounding up a 10 ms gap alone would cost 10% at 6,000 calls a minute.
	return base * (1 + HEADROOM_RATIO) + WINDOW_MARGIN_MS / requestsPerMinute;
}

/** Identifies a key's schedule without holding the key. */
export function pacingKeyFor(apiKey: string): string {
	return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** The plan's limits as pacing reads them: the rate, the processes sharing it, and its window (a minute if absent). */
export interface PacingLimits extends RateLimits {
	windowMs?: number;
}

/** What this process has learnt about whether the key's limiter lets a window's calls start at once. */
export type BurstKnowledge = 'unknown' | 'allowed' | 'refused';

/** A call that took its slot: when it started, and whether it is the call that tests for bursts. */
export interface StartedCall {
	sentAt: number;
	probe: boolean;
}

/** See `CallSchedule.startJitterPadMs`. */
const START_JITTER_MS = 10;
const START_JITTER_SHARE = 0.05;

/** Calls started within this long of each other count as one burst (see `CallSchedule.dispatchPadMs`). */
const BURST_TOGETHER_MS = 50;
/** Time for one call of a burst to leave the process. */
const DISPATCH_MS_PER_CALL = 2;
/** A burst's dispatch pad stays under this share of the window (2 %: 100 ms of a 5 s window, 1.2 s of a minute caps nothing real). */
const MAX_DISPATCH_PAD_SHARE = 0.02;

/**
 * While a probe's answer is awaited, callers behind it look again this often: its answer may
 * let them all go at once.
 */
const PROBE_LOOK_MS = 20;

/**
 * The calls this process starts on one key. A plan of N calls a minute is a promise about a
 * window: at most N call starts in any minute. So a sheet within this process's share goes out
 * at once and a longer one in window-sized waves (`windowFreeAt` counts), with the margin above
 * on every window.
 *
 * parse.bot does not publish how it counts: a token bucket that refills one call at a time, or
 * a per-second limit, refuses a burst the plan allows. So the first burst on a key is a probe:
 * the second call goes right after the first, the calls behind it wait for its answer (or for
 * an even slot, whichever comes first). An answer lets bursts through for as long as this
 * process lives; a 429 (to the probe, or to any call later: the window is then not ours alone)
 * switches the key to even spacing, one slot every minute ÷ the rate, as every call was paced
 * before. One refused call per key per process is the price of learning it.
 *
 * Reserving is synchronous, so concurrent callers queue in order without a lock; a reserved
 * slot stays used until its caller starts or gives up (erring on the slow side costs nothing,
 * erring on the fast side costs a 429).
 */
export class CallSchedule {
	private nextSlotAt = 0;

	private heldUntilAt = 0;

	/** Slots handed out whose callers have not started their call yet (ascending). */
	private pending: number[] = [];

	/** When this process's calls on the key started, over the last window (oldest first). */
	private started: number[] = [];

	/** For each of `started`, how much later it counts in the window: its place in a burst (see `dispatchPadMs`). */
	private startPads: number[] = [];

	private burstKnowledge: BurstKnowledge = 'unknown';

	/** A probe reserved or on the wire, not answered yet. */
	private probeOut = false;

	readonly rate: AdaptiveRate;

	private windowLength: number;

	constructor(limits: PacingLimits) {
		this.rate = new AdaptiveRate(limits);
		this.windowLength = windowMsOf(limits.windowMs);
	}

	/** Follows the credential used last (plan, process count, window). */
	configure(limits: PacingLimits): void {
		this.rate.configure(limits);
		this.windowLength = windowMsOf(limits.windowMs);
	}

	/** The window the plan counts calls in. */
	get windowMs(): number {
		return this.windowLength;
	}

	get spacingMs(): number {
		return spacingMsFor(this.rate.requestsPerMinute);
	}

	/** Calls this process may start in any window at its current rate. */
	get windowBudget(): number {
		return Math.max(1, Math.floor((this.rate.requestsPerMinute * this.windowMs) / MINUTE_MS));
	}

	/** How long a call start counts against the window: the window plus the margin for jitter. */
	get windowSpanMs(): number {
		return this.windowMs + (WINDOW_MARGIN_MS * this.windowMs) / MINUTE_MS;
	}

	/**
	 * On a key that refuses bursts, two calls that start a spacing apart can still arrive closer
	 * (one left the process a few milliseconds later than the other): starts keep this much more
	 * apart, 10 ms at most and never over 5% of the spacing.
	 */
	get startJitterPadMs(): number {
		return Math.min(START_JITTER_MS, START_JITTER_SHARE * this.spacingMs);
	}

	/** Whether bursts are known to be allowed, known to be refused, or not tried yet. */
	get bursts(): BurstKnowledge {
		return this.burstKnowledge;
	}

	/**
	 * Takes the next free slot and returns when it starts (ms epoch, never before `now`).
	 * The slot is never later than the last call and the callers already waiting can explain: if the system clock
	 * stepped back (NTP), slots reserved under the old time would otherwise make the next call
	 * sleep for as long as the clock jumped.
	 */
	reserve(now: number): number {
		return this.reserveCall(now).slot;
	}

	/** `reserve`, saying also whether the slot is the probe for bursts (its caller reports it with the call). */
	reserveCall(now: number): { slot: number; probe: boolean } {
		const held = Math.max(now, this.heldUntilAt);
		const spacing = this.spacingMs;
		let slot: number;
		let probe = false;
		if (this.burstKnowledge === 'allowed' || (this.burstKnowledge === 'unknown' && !this.probeOut)) {
			// Bursting, the slots already handed out count as calls: they all start at once.
			slot = Math.max(held, this.windowFreeAt(now, true));
			const last = this.lastTime(now);
			// The second call right behind another, before bursts are known: the probe.
			probe = this.burstKnowledge === 'unknown' && last !== null && slot < last + spacing;
			if (probe) this.probeOut = true;
			this.nextSlotAt = slot + spacing;
		} else {
			const latestExplained = held + (this.pending.length + 1) * spacing;
			slot = Math.max(now, Math.min(this.nextSlotAt, latestExplained), this.windowFreeAt(now), this.heldUntilAt);
			this.nextSlotAt = slot + spacing;
		}
		this.pending.push(slot);
		this.pending.sort((a, b) => a - b);
		return { slot, probe };
	}

	/**
	 * The start times the next `count` calls would get from this schedule (its window, holds,
	 * rate and what it knows of bursts), reserving nothing. Calls reserved already come first.
	 */
	projectedStartTimes(count: number, now: number): number[] {
		const copy = Object.create(CallSchedule.prototype) as CallSchedule;
		Object.assign(copy, this, { pending: [...this.pending], started: [...this.started], startPads: [...this.startPads] });
		const times: number[] = [];
		for (let i = 0; i < count; i++) times.push(copy.reserve(now));
		return times;
	}

	/** The latest call start or reserved slot (null if none), never after what the clock can explain. */
	private lastTime(now: number): number | null {
		const times = this.pending.length > 0 ? this.pending : this.started;
		if (times.length === 0) return null;
		return Math.min(times[times.length - 1], now + this.pending.length * this.spacingMs);
	}

	/** The caller of a reserved slot has started its call or gave up: its slot is no longer pending. */
	release(slot?: number, probe = false): void {
		if (probe) this.probeOut = false;
		const at = slot === undefined ? 0 : this.pending.indexOf(slot);
		if (at >= 0 && at < this.pending.length) this.pending.splice(at, 1);
	}

	/** Moves a reserved slot to `until` (its caller keeps its place in the queue); returns the new slot. */
	postpone(slot: number, until: number): number {
		const at = this.pending.indexOf(slot);
		if (at >= 0) this.pending.splice(at, 1);
		this.pending.push(until);
		this.pending.sort((a, b) => a - b);
		return until;
	}

	/**
	 * A call on this key starts now. With `probe` (its slot was the probe's) it tests for bursts,
	 * if it still starts right behind the call before it.
	 */
	callStarted(now: number, probe = false): StartedCall {
		const previous = this.started.length > 0 ? this.started[this.started.length - 1] : null;
		this.startPads.push(this.burstKnowledge === 'refused' ? 0 : this.dispatchPadMs(now));
		this.started.push(now);
		const burst = probe && this.burstKnowledge === 'unknown' && previous !== null && now - previous < this.spacingMs;
		if (probe && !burst) this.probeOut = false;
		return { sentAt: now, probe: burst };
	}

	/**
	 * Calls started together leave the process one after another (each through n8n's request
	 * helper on one thread), so the limiter sees the last of a burst arrive later than its start
	 * says; and a window later, the call that takes its place may go out alone, at once. Each call
	 * of a burst counts in the window from when it has likely left: a couple of milliseconds per
	 * call started just before it, at most a small share of the window (under the margin of a
	 * minute's window; what keeps a window of a few seconds, as the benchmark plays, free of 429s).
	 */
	private dispatchPadMs(now: number): number {
		let together = 0;
		for (let i = this.started.length - 1; i >= 0 && this.started[i] >= now - BURST_TOGETHER_MS; i--) together++;
		return Math.min(together * DISPATCH_MS_PER_CALL, this.windowMs * MAX_DISPATCH_PAD_SHARE);
	}

	/**
	 * When this process may start another call without having started more than its budget in
	 * the last window. Counting is what keeps a sliding window happy (spacing only approximates
	 * it); after a 429 lowers the rate, the calls sent at the old rate still fill parse.bot's
	 * window, and sending at the new rate before they leave it would only meet the next 429.
	 * With `withPending`, the slots already handed out count as calls.
	 */
	windowFreeAt(now: number, withPending = false): number {
		const span = this.windowSpanMs;
		let stale = 0;
		while (stale < this.started.length && this.started[stale] + this.startPads[stale] <= now - span) stale++;
		if (stale > 0) {
			this.started.splice(0, stale);
			this.startPads.splice(0, stale);
		}
		// A start "after" now is a clock that stepped back: it counts as now.
		const times = this.started.map((t, i) => Math.min(t, now) + this.startPads[i]);
		const budget = this.windowBudget;
		if (withPending) {
			// Slots handed out before the clock stepped back are no later than the waves they make.
			const latest = now + Math.ceil(this.pending.length / budget) * span;
			times.push(...this.pending.map((t) => Math.min(t, latest)));
		}
		if (times.length < budget) return now;
		return Math.max(now, times[times.length - budget] + span);
	}

	/** Kept for the callers of the earlier name: `windowFreeAt` over a minute's window. */
	ownWindowFreeAt(now: number): number {
		return this.windowFreeAt(now);
	}

	/**
	 * When the next call may start at the earliest: after any Retry-After and within this
	 * process's own window; on a key that refuses bursts, also a full spacing after the last call
	 * really started (a call that woke late must not bring the next one closer than the limiter allows).
	 */
	blockedUntil(now: number): number {
		const blocked = Math.max(this.heldUntilAt, this.windowFreeAt(now));
		if (this.burstKnowledge !== 'refused' || this.started.length === 0) return blocked;
		// A start "after" now is a clock that stepped back: it counts as now.
		return Math.max(blocked, Math.min(this.started[this.started.length - 1], now) + this.spacingMs + this.startJitterPadMs);
	}

	/** Whether a caller holding a slot should look again before its slot: a probe's answer is awaited. */
	get probing(): boolean {
		return this.burstKnowledge === 'unknown' && this.probeOut;
	}

	/** Nobody starts a call before `until` (parse.bot asked us to wait with Retry-After). */
	holdUntil(until: number): void {
		this.nextSlotAt = Math.max(this.nextSlotAt, until);
		this.heldUntilAt = Math.max(this.heldUntilAt, until);
	}

	/**
	 * parse.bot refused a call sent at `sentAt` for the rate limit. From now on this process
	 * spaces its calls on the key: either the limiter does not allow bursts (the probe's 429
	 * says that much and nothing about the rate), or others use the key too, and then the rate
	 * comes down and the next free slot moves out to the new spacing so the calls queued behind
	 * it slow down too.
	 */
	rateLimited(sentAt: number, now: number, probe = false): void {
		// The probe and the call before it leave together and may arrive in either order: whichever
		// of the two is refused, the 429 says how the key counts, not that the rate is too high.
		const burstTest = probe || (this.burstKnowledge === 'unknown' && this.probeOut);
		this.burstKnowledge = 'refused';
		this.probeOut = false;
		if (burstTest) {
			this.nextSlotAt = Math.max(this.nextSlotAt, now + this.spacingMs);
			return;
		}
		if (this.rate.rateLimited(sentAt, now)) this.nextSlotAt = Math.max(this.nextSlotAt, now + this.spacingMs);
	}

	/** parse.bot answered without a rate limit; an answer to the probe means bursts go through. */
	answered(now: number, probe = false): void {
		if (probe && this.burstKnowledge === 'unknown') {
			this.burstKnowledge = 'allowed';
			this.probeOut = false;
			// The even slots handed out behind the probe are void: their callers take fresh ones, which must not count them.
			this.pending = [];
		}
		this.rate.answered(now);
	}

	/** A call ended without an answer (network failure, cancelled, not sent after all): a probe is tried again later. */
	callLost(probe: boolean): void {
		if (probe && this.burstKnowledge === 'unknown') this.probeOut = false;
	}

	/** Until when parse.bot asked everyone on this key to wait (0 if it never did). */
	get heldUntil(): number {
		return this.heldUntilAt;
	}

	/** When the next free slot starts. */
	get nextSlot(): number {
		return this.nextSlotAt;
	}
}

function windowMsOf(value: unknown): number {
	const ms = Number(value);
	return Number.isFinite(ms) && ms >= 1_000 ? ms : MINUTE_MS;
}

const schedules = new Map<string, CallSchedule>();

/**
 * The process-wide schedule for a key. The limits follow the credential used last, so a
 * user who corrects the plan or the process count sees the new pace without restarting n8n.
 */
export function scheduleFor(pacingKey: string, limits: PacingLimits): CallSchedule {
	const existing = schedules.get(pacingKey);
	if (existing) {
		existing.configure(limits);
		return existing;
	}
	const created = new CallSchedule(limits);
	schedules.set(pacingKey, created);
	return created;
}

/**
 * Waits for this caller's slot; rejects at once when `signal` aborts (execution cancelled).
 * A caller already asleep when parse.bot asks the key to hold off (429 + Retry-After) wakes
 * into the hold, so it takes a fresh slot after it instead of calling early. A caller queued
 * behind a probe looks again every few milliseconds: the probe's answer may let it go at once
 * (after a refused probe it keeps its even slot).
 * Resolves with the started call, to be reported with its answer (`answered`, `rateLimited`, `callLost`).
 */
export async function waitForSlot(schedule: CallSchedule, signal?: AbortSignal): Promise<StartedCall> {
	let now = Date.now();
	let reserved = schedule.reserveCall(now);
	let started = false;
	try {
		for (;;) {
			if (reserved.slot > now) {
				const behindProbe = schedule.probing && !reserved.probe;
				await sleep(behindProbe ? Math.min(PROBE_LOOK_MS, reserved.slot - now) : reserved.slot - now, signal);
				now = Date.now();
				if (now < reserved.slot) {
					// Bursts allowed: the even slot behind the probe is void, a fresh one starts at once.
					if (behindProbe && schedule.bursts === 'allowed') {
						schedule.release(reserved.slot, reserved.probe);
						reserved = schedule.reserveCall(now);
					}
					continue;
				}
			}
			now = Date.now();
			const blockedUntil = schedule.blockedUntil(now);
			if (blockedUntil <= now) {
				schedule.release(reserved.slot);
				started = true;
				return schedule.callStarted(now, reserved.probe);
			}
			if (schedule.heldUntil > now) {
				schedule.release(reserved.slot, reserved.probe);
				reserved = schedule.reserveCall(now);
			} else {
				// Blocked only by the window: the calls before started a little later than their slots.
				// This caller keeps its place: a fresh slot would go behind every slot handed out since,
				// and the callers behind it would do the same, one window at a time.
				reserved = { slot: schedule.postpone(reserved.slot, blockedUntil), probe: reserved.probe };
			}
		}
	} finally {
		// Cancelled while waiting: the slot is free again (and a probe not sent is no probe).
		if (!started) schedule.release(reserved.slot, reserved.probe);
	}
}
