/**
 * A failed parse.bot call as data: its kind, what parse.bot said, and whether the run must
 * stop. Classified once (failureClassification), worded once (failureMessages), and carried
 * as it is to whoever decides what the failure means for an item or a watched entry.
 */

const FAILURE_KINDS = [
	'badRequest',
	'badKey',
	'unknownScraper',
	'staleInput',
	'unavailable',
	'creditsExhausted',
	'rateLimited',
	'scraperCrashed',
	'upstreamError',
	'blocked',
	'unexpectedStatus',
	'network',
	'invalidResponse',
	'creditCap',
	'pastDeadline',
] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];

export function isFailureKind(value: unknown): value is FailureKind {
	return (FAILURE_KINDS as readonly unknown[]).includes(value);
}

export interface ParseBotFailure {
	kind: FailureKind;
	/** The HTTP status parse.bot answered with; null when no answer came. */
	httpStatus: number | null;
	/** `error.status` from the body (`stale_input`, `blocked`, …). */
	apiStatus: string | null;
	/** parse.bot's own words, trimmed and with the API key removed. */
	apiMessage: string | null;
	/** What Xiaohongshu answered parse.bot, when parse.bot says. */
	upstreamStatus: number | null;
	/** How long parse.bot asked us to wait (Retry-After or a body hint), if it did. */
	retryAfterMs: number | null;
	/** Whether parse.bot hinted that trying again can work. */
	retryHinted: boolean;
	/** Whether the run must stop at once. */
	fatal: boolean;
	/** Attempts made, retries included. */
	attempts: number;
	/** Extra detail for the description (network error code, validation path, …). */
	detail?: string;
}

/** A failure with its words for the user: what happened (message) and what to do (description). */
export interface DescribedFailure {
	failure: ParseBotFailure;
	message: string;
	description: string;
}

/** What a client call comes back with: the payload, or the failure as data for the caller to act on. */
export type CallResult<T> = { ok: true; payload: T } | ({ ok: false } & DescribedFailure);

/** What a call was about, for messages that name it. */
export interface FailureSubject {
	resource: 'note' | 'user';
	id: string;
}

const FATAL_KINDS = new Set<FailureKind>(['badKey', 'unknownScraper', 'creditsExhausted']);

/** Kinds after which every later call of the run would fail the same way. */
export function isFatalKind(kind: FailureKind): boolean {
	return FATAL_KINDS.has(kind);
}

/**
 * Kinds only the user can fix (a malformed request, an expired token, a deleted note): a
 * watched entry failing this way is reported at once, the others only when they persist.
 */
const NEEDS_USER_KINDS = new Set<FailureKind>(['badRequest', 'staleInput', 'unavailable']);

export function needsUser(kind: FailureKind): boolean {
	return NEEDS_USER_KINDS.has(kind);
}

export function localFailure(kind: FailureKind, detail?: string): ParseBotFailure {
	return {
		kind,
		httpStatus: null,
		apiStatus: null,
		apiMessage: null,
		upstreamStatus: null,
		retryAfterMs: null,
		retryHinted: false,
		fatal: isFatalKind(kind),
		attempts: 0,
		detail,
	};
}
