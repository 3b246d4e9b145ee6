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
 * Calls are spaced evenly (one slot every window/limit, plus headroom) rather than allowed
 * to burst: a burst of a whole window's worth at the start of a run is exactly what makes a
 * sliding-window limiter on the other side refuse the next call.
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

/**
 * A schedule of call slots, one every `spacingMs` at the rate this process allows itself now.
 * Reserving is synchronous, so concurrent callers queue in order without a lock; a reserved
 * slot stays used even if its caller is cancelled (erring on the slow side costs nothing,
 * erring on the fast side costs a 429).
 */
export class CallSchedule {
	private nextSlotAt = 0;

	private heldUntilAt = 0;

	/** Slots handed out whose callers have not started their call yet. */
	private waiting = 0;

	/** When this process's calls on the key started, over the last minute (oldest first). */
	private started: number[] = [];

	readonly rate: AdaptiveRate;

	constructor(limits: RateLimits) {
		this.rate = new AdaptiveRate(limits);
	}

	get spacingMs(): number {
		return spacingMsFor(this.rate.requestsPerMinute);
	}

	/**
	 * Takes the next free slot and returns when it starts (ms epoch, never before `now`).
	 * The slot is never later than the last call and the callers already waiting can explain: if the system clock
	 * stepped back (NTP), slots reserved under the old time would otherwise make the next call
	 * sleep for as long as the clock jumped.
	 */
	reserve(now: number): number {
		const spacing = this.spacingMs;
		const latestExplained = Math.max(now, this.heldUntilAt) + (this.waiting + 1) * spacing;
		const slot = Math.max(now, Math.min(this.nextSlotAt, latestExplained), this.ownWindowFreeAt(now));
		this.nextSlotAt = slot + spacing;
		this.waiting++;
		return slot;
	}

	/**
	 * The start times the next `count` calls would get from `now`, without reserving them (a
	 * poll plans what fits its time budget). Provisional, for today's even spacing: the first
	 * slot as `reserve` would give it, then one every spacing.
	 */
	projectedStartTimes(count: number, now: number): number[] {
		const spacing = this.spacingMs;
		const latestExplained = Math.max(now, this.heldUntilAt) + (this.waiting + 1) * spacing;
		const first = Math.max(now, Math.min(this.nextSlotAt, latestExplained), this.blockedUntil(now));
		return Array.from({ length: Math.max(0, Math.floor(count)) }, (_, i) => first + i * spacing);
	}

	/** The caller of a reserved slot has started its call (or gave up). */
	release(): void {
		this.waiting = Math.max(0, this.waiting - 1);
	}

	/** A call on this key starts now. */
	callStarted(now: number): void {
		this.started.push(now);
	}

	/**
	 * When this process may start another call without having started more than its rate in the
	 * last minute. Even spacing alone does that while the rate holds; after a 429 lowers it, the
	 * calls sent at the old rate still fill parse.bot's window, and sending at the new rate
	 * before they leave it would only meet the next 429.
	 */
	ownWindowFreeAt(now: number): number {
		let stale = 0;
		while (stale < this.started.length && this.started[stale] <= now - MINUTE_MS) stale++;
		if (stale > 0) this.started.splice(0, stale);
		const budget = Math.max(1, Math.floor(this.rate.requestsPerMinute));
		if (this.started.length < budget) return now;
		return this.started[this.started.length - budget] + MINUTE_MS + WINDOW_MARGIN_MS;
	}

	/** When the next call may start at the earliest: after any Retry-After and within this process's own minute. */
	blockedUntil(now: number): number {
		return Math.max(this.heldUntilAt, this.ownWindowFreeAt(now));
	}

	/** Nobody starts a call before `until` (parse.bot asked us to wait with Retry-After). */
	holdUntil(until: number): void {
		this.nextSlotAt = Math.max(this.nextSlotAt, until);
		this.heldUntilAt = Math.max(this.heldUntilAt, until);
	}

	/**
	 * parse.bot refused a call sent at `sentAt` for the rate limit: the rate comes down, and the
	 * next free slot moves out to the new spacing so the calls queued behind it slow down too.
	 */
	rateLimited(sentAt: number, now: number): void {
		if (this.rate.rateLimited(sentAt, now)) this.nextSlotAt = Math.max(this.nextSlotAt, now + this.spacingMs);
	}

	/** parse.bot answered without a rate limit. */
	answered(now: number): void {
		this.rate.answered(now);
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

const schedules = new Map<string, CallSchedule>();

/**
 * The process-wide schedule for a key. The limits follow the credential used last, so a
 * user who corrects the plan or the process count sees the new pace without restarting n8n.
 */
export function scheduleFor(pacingKey: string, limits: RateLimits): CallSchedule {
	const existing = schedules.get(pacingKey);
	if (existing) {
		existing.rate.configure(limits);
		return existing;
	}
	const created = new CallSchedule(limits);
	schedules.set(pacingKey, created);
	return created;
}

/**
 * Waits for this caller's slot; rejects at once when `signal` aborts (execution cancelled).
 * A caller already asleep when parse.bot asks the key to hold off (429 + Retry-After) wakes
 * into the hold, so it takes a fresh slot after it instead of calling early.
 */
export async function waitForSlot(schedule: CallSchedule, signal?: AbortSignal): Promise<void> {
	let now = Date.now();
	let slot = schedule.reserve(now);
	try {
		for (;;) {
			if (slot > now) await sleep(slot - now, signal);
			now = Date.now();
			if (schedule.blockedUntil(now) <= now) {
				schedule.callStarted(now);
				return;
			}
			schedule.release();
			slot = schedule.reserve(now);
		}
	} finally {
		schedule.release();
	}
}
