/**
 * How a key's limiter counts, since parse.bot does not publish it:
 * - `sliding`: at most `requestsPerMinute` calls in any window ending now (the default);
 * - `fixed`: at most that many in each window counted from the epoch (the counter resets on the
 *   minute, or on each multiple of `windowMs`);
 * - `tokenBucket`: a bucket of one token refilled every window ÷ limit: calls strictly spaced,
 *   any burst refused.
 */
export type LimiterKind = 'sliding' | 'fixed' | 'tokenBucket';

export const LIMITER_KINDS: readonly LimiterKind[] = ['sliding', 'fixed', 'tokenBucket'];

/**
 * API keys and the plans behind them. Plan numbers follow parse.bot's listing;
 * `custom-fast` exists so tests that are not about limits never meet one.
 */
export interface PlanSpec {
	/** Requests allowed in one sliding window (a minute unless `windowMs` says otherwise). */
	requestsPerMinute: number;
	/** Credits in the month. */
	credits: number;
	/** Credits already used when the sandbox starts. */
	creditsUsed?: number;
	/** Window length in real ms; tests shrink it so a limit can be tested without waiting a minute. */
	windowMs?: number;
	/** How the limit is counted (`sliding` when absent). */
	limiter?: LimiterKind;
	/** A label for messages and stats. */
	plan?: string;
}

export const SANDBOX_KEYS = {
	free: 'sandbox-free-key',
	hobby: 'sandbox-hobby-key',
	developer: 'sandbox-developer-key',
	fast: 'sandbox-custom-fast-key',
	exhausted: 'sandbox-exhausted-key',
} as const;

export const DEFAULT_PLANS: Record<string, PlanSpec> = {
	[SANDBOX_KEYS.free]: { plan: 'free', requestsPerMinute: 5, credits: 100 },
	[SANDBOX_KEYS.hobby]: { plan: 'hobby', requestsPerMinute: 20, credits: 1_000 },
	[SANDBOX_KEYS.developer]: { plan: 'developer', requestsPerMinute: 250, credits: 5_000 },
	[SANDBOX_KEYS.fast]: { plan: 'custom', requestsPerMinute: 6_000, credits: 1_000_000 },
	[SANDBOX_KEYS.exhausted]: { plan: 'free', requestsPerMinute: 5, credits: 100, creditsUsed: 100 },
};

export const DEFAULT_WINDOW_MS = 60_000;
