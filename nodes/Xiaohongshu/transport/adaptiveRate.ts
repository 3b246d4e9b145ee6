/**
 * How fast this n8n process may call parse.bot on one key, learned from parse.bot's answers.
 *
 * In queue mode the main process and every worker pace themselves, each in its own memory,
 * and nothing in the package may talk to the others (no runtime dependency, so no Redis
 * client). What every process does see is parse.bot's answer. So each one runs the rule that
 * lets TCP senders share a link without talking to each other: a 429 lowers this process's
 * rate multiplicatively (to a little under what it actually got through in the last minute,
 * its real share of the full window), and clean answers raise it again (as TCP CUBIC: back
 * quickly towards the rate that met the 429, a while near it, then faster and faster beyond
 * it). Processes that all lower in proportion when the key is full and all climb the same
 * curve settle near equal shares, meeting a 429 only when they probe past them.
 *
 * The ceiling is the process's share of the plan: the plan divided by the credential's
 * "n8n Processes Sharing This Key". With 1 (the default) a process may use the whole plan
 * and learns from 429s when others use it too; with the real number of processes each keeps
 * to its share from the first call and never overshoots, at the price of leaving the share of
 * an idle process unused.
 *
 * Pure arithmetic on the times it is given, so a virtual clock can drive it. The constants
 * were chosen with test/unit/support/pacingSimulation.ts (2 and 3 processes on a plan of 60 a
 * minute over a sliding minute): see ARCHITECTURE.md.
 */
import { MINUTE_MS } from '../domain/units';

/** A 429 leaves this fraction of what this process got through in the last minute. */
export const DECREASE_FACTOR = 0.95;

/**
 * How fast the rate grows back: fractions of the ceiling per cubed minute of clean, busy time
 * away from the rate that met the last 429. From half the ceiling (two processes' shares)
 * back to 0.9 of it in about a minute and a half.
 */
export const GROWTH = 0.8;

/** The rate never drops below this fraction of the ceiling: Retry-After does the rest. */
export const FLOOR_FRACTION = 0.05;

/**
 * Time between two answers counts as busy for at most this many spacings: a process that sat
 * idle has learned nothing about the key meanwhile.
 */
const BUSY_SPACINGS = 2;


export interface RateLimits {
	/** The plan's requests per minute for the whole key. */
	requestsPerMinute: number;
	/** n8n processes (main and workers) that share the key; the credential's field. */
	processes: number;
}

/** The credential's process count as a whole number of at least 1, whatever was stored. */
export function processesSharing(value: unknown): number {
	const n = Math.floor(Number(value));
	return Number.isFinite(n) && n >= 1 ? n : 1;
}

export class AdaptiveRate {
	private limits: RateLimits = { requestsPerMinute: 1, processes: 1 };

	private rate = 1;

	/** What this process got through in the minute before its last 429: where the last overshoot began. */
	private rateAtOvershoot: number | null = null;

	/** Clean, busy time since the last decrease. */
	private busyMs = 0;

	/** When the last answer (or decrease) came; null before the first. */
	private lastEventAt: number | null = null;

	/** Since when this process has been calling on the key without a pause. */
	private busySince = 0;

	/** When the rate was last lowered: a 429 to a call sent before then was already paid for. */
	private decreasedAt = -Infinity;

	/** When parse.bot accepted this process's calls in the last minute (oldest first). */
	private accepted: number[] = [];

	constructor(limits: RateLimits) {
		this.configure(limits);
	}

	/** Starts over at the share when the plan or the process count changes (the credential was edited). */
	configure(limits: RateLimits): void {
		const normalized = { requestsPerMinute: limits.requestsPerMinute, processes: processesSharing(limits.processes) };
		if (
			normalized.requestsPerMinute === this.limits.requestsPerMinute &&
			normalized.processes === this.limits.processes &&
			this.lastEventAt !== null
		) {
			return;
		}
		this.limits = normalized;
		this.rate = this.ceiling;
		this.rateAtOvershoot = null;
		this.decreasedAt = -Infinity;
	}

	/** This process's share of the plan: the most it ever asks for. */
	get ceiling(): number {
		return this.limits.requestsPerMinute / this.limits.processes;
	}

	/** Requests per minute this process allows itself now. */
	get requestsPerMinute(): number {
		return this.rate;
	}

	/**
	 * parse.bot refused a call sent at `sentAt` for the rate limit. Lowers the rate once per
	 * overshoot: calls already in flight when the rate came down were sent at the old rate,
	 * and their 429s say nothing new. Returns whether the rate came down.
	 */
	rateLimited(sentAt: number, now: number): boolean {
		if (sentAt < this.decreasedAt) return false;
		this.noteActivity(now);
		// What got through in a minute of calling is this process's real share of the full window; its
		// own rate may have run ahead of it. After less than a minute the count says less: halve instead.
		const accepted = this.acceptedInLastMinute(now);
		const share = now - this.busySince >= MINUTE_MS ? accepted : Math.max(accepted, this.rate / 2);
		const overshoot = Math.max(this.ceiling * FLOOR_FRACTION, Math.min(this.rate, share));
		this.rateAtOvershoot = overshoot;
		this.rate = Math.max(this.ceiling * FLOOR_FRACTION, DECREASE_FACTOR * overshoot);
		this.busyMs = 0;
		this.decreasedAt = now;
		this.lastEventAt = now;
		return true;
	}

	/** Any answer that was not a rate limit: the busy time since the last answer raises the rate. */
	answered(now: number): void {
		this.noteActivity(now);
		this.accepted.push(now);
		if (this.lastEventAt !== null && now > this.lastEventAt && this.rateAtOvershoot !== null) {
			this.busyMs += Math.min(now - this.lastEventAt, (BUSY_SPACINGS * MINUTE_MS) / this.rate);
			this.rate = this.recovered(this.rateAtOvershoot, this.busyMs / MINUTE_MS);
		}
		this.lastEventAt = Math.max(now, this.lastEventAt ?? now);
	}

	/**
	 * The rate after `minutes` of clean, busy time since a decrease from `overshoot`: a cubic
	 * through the decreased rate that is flat at the rate that overshot (as TCP CUBIC). It climbs
	 * back quickly, lingers near the point where the key was full (where processes sharing it
	 * meet), then probes beyond it faster and faster, so a process left alone is back at its
	 * ceiling within two minutes.
	 */
	private recovered(overshoot: number, minutes: number): number {
		const scale = GROWTH * this.ceiling;
		const flatAfter = Math.cbrt((overshoot * (1 - DECREASE_FACTOR)) / scale);
		const rate = overshoot + scale * (minutes - flatAfter) ** 3;
		return Math.min(this.ceiling, Math.max(this.ceiling * FLOOR_FRACTION, rate));
	}

	/** Starts the busy period over after a pause longer than the busy-time cap. */
	private noteActivity(now: number): void {
		if (this.lastEventAt === null || now - this.lastEventAt > (BUSY_SPACINGS * MINUTE_MS) / this.rate) this.busySince = now;
	}

	private acceptedInLastMinute(now: number): number {
		let stale = 0;
		while (stale < this.accepted.length && this.accepted[stale] <= now - MINUTE_MS) stale++;
		if (stale > 0) this.accepted.splice(0, stale);
		return this.accepted.length;
	}
}
