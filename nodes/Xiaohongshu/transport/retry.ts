/**
 * When to try a parse.bot call again, and how long to wait first. Pure arithmetic: the
 * waiting itself happens in the client, through the shared pacing schedule.
 *
 * Every call costs the user a credit, so retries are few and only where a second try can
 * succeed: a crashed scraper (500) and an anti-bot block that says when to come back (503
 * with a retry hint). A rate limit (429) waits exactly as long as parse.bot asks.
 */
import type { ParseBotFailure } from './failure';

export interface RetryPolicy {
	/** Retries after the first attempt (so at most maxRetries + 1 calls). */
	maxRetries: number;
	/** First backoff step; doubles each retry. */
	baseDelayMs: number;
	/** Ceiling for one backoff step. */
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited out: the item fails and says so. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 90_000,
};

/**
 * Milliseconds to wait from a Retry-After value: delta-seconds ("120", "1.5") or an HTTP
 * date. Null when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | null {
	if (Array.isArray(value)) return parseRetryAfter(value[0], nowMs);
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return null;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = Date.parse(text);
	if (!Number.isFinite(at)) return null;
	return Math.max(0, at - nowMs);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries
 * from many items spread out but never come back sooner than half a step.
 * `retry` is 0 for the first retry.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
	return Math.round(step / 2 + random() * (step / 2));
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * Whether to try again after `failure`, having already retried `retriesDone` times.
 * Never retried: 400, 401, 404, 422, 502, credit exhaustion, and anything fatal.
 */
export function decideRetry(
	failure: ParseBotFailure,
	retriesDone: number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random: () => number = Math.random,
): RetryDecision {
	if (failure.fatal || retriesDone >= policy.maxRetries) return { retry: false };
	switch (failure.kind) {
		case 'rateLimited': {
			const asked = failure.retryAfterMs;
			if (asked !== null && asked > policy.maxRetryAfterMs) return { retry: false };
			// Without a Retry-After, back off as for a crash: the pacing schedule was already right.
			return { retry: true, delayMs: asked ?? backoffDelayMs(retriesDone, policy, random) };
		}
		case 'scraperCrashed':
			return {
				retry: true,
				delayMs: Math.max(failure.retryAfterMs ?? 0, backoffDelayMs(retriesDone, policy, random)),
			};
		case 'blocked': {
			// A block without a hint means every proxy is burned: another try only spends a credit.
			if (!failure.retryHinted) return { retry: false };
			const asked = failure.retryAfterMs ?? 0;
			if (asked > policy.maxRetryAfterMs) return { retry: false };
			return { retry: true, delayMs: Math.max(asked, backoffDelayMs(retriesDone, policy, random)) };
		}
		default:
			return { retry: false };
	}
}
