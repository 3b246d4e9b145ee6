/**
 * Every way a parse.bot call can fail, classified once, then turned into an n8n error that
 * says what happened (message) and what to do about it (description).
 *
 * A failure is classified without an item: one fetch can serve several items (in-run
 * dedupe), and each of them gets its own error naming its own item.
 *
 * Fatal failures (bad key, unknown scraper, credits used up) stop the whole run with one
 * error, even under Continue On Fail: every later call would fail the same way, and letting
 * them fail one by one would only hide the cause behind a wall of identical error items.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { parseRetryAfter } from './retry';

export type FailureKind =
	| 'badRequest'
	| 'badKey'
	| 'unknownScraper'
	| 'staleInput'
	| 'unavailable'
	| 'creditsExhausted'
	| 'rateLimited'
	| 'scraperCrashed'
	| 'upstreamError'
	| 'blocked'
	| 'unexpectedStatus'
	| 'network'
	| 'invalidResponse'
	| 'creditCap';

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

/** What a call was about, for messages that name it. */
export interface FailureSubject {
	resource: 'note' | 'user';
	id: string;
}

const FATAL_KINDS = new Set<FailureKind>(['badKey', 'unknownScraper', 'creditsExhausted']);

/** parse.bot says "credits"/"quota"/"plan" when a 429 means the month is used up. */
const CREDITS_WORDS = /credit|quota|plan\b|monthly|month|billing|exhaust|used up|upgrade|payment/i;
/**
 * A 422 that blames the token: the most common case, and the one a fresh link fixes. Checked
 * first, because the site's "当前笔记暂时无法浏览" ("cannot be viewed right now") is what it
 * says for an expired token and for a private note alike.
 */
const TOKEN_WORDS = /xsec|token|expired|过期/i;
/** A 422 that says the item itself is gone or hidden, whatever the token. */
const UNAVAILABLE_WORDS = /private|deleted|removed|not exist|not found|under review|不存在|已删除|私密|仅自己可见|审核/i;

const API_MESSAGE_MAX = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

function integer(value: unknown): number | null {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

function header(headers: unknown, name: string): unknown {
	if (!isRecord(headers)) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return value;
	}
	return undefined;
}

/** Removes every occurrence of `secret` from `value`, so no message can carry the API key. */
export function redactSecret(value: string, secret: string | undefined): string {
	if (!secret || secret.length < 4) return value;
	return value.split(secret).join('[redacted]');
}

function clip(value: string): string {
	return value.length > API_MESSAGE_MAX ? `${value.slice(0, API_MESSAGE_MAX)}…` : value;
}

function kindFor(status: number, apiStatus: string | null, apiMessage: string | null): FailureKind {
	switch (status) {
		case 400:
			return 'badRequest';
		case 401:
		case 403:
			return 'badKey';
		case 402:
			return 'creditsExhausted';
		case 404:
			return 'unknownScraper';
		case 422:
			if (apiMessage === null || TOKEN_WORDS.test(apiMessage)) return 'staleInput';
			return UNAVAILABLE_WORDS.test(apiMessage) ? 'unavailable' : 'staleInput';
		case 429:
			return apiMessage !== null && CREDITS_WORDS.test(apiMessage) ? 'creditsExhausted' : 'rateLimited';
		case 500:
			return 'scraperCrashed';
		case 502:
			return 'upstreamError';
		case 503:
			return 'blocked';
		default:
			if (apiStatus === 'stale_input') return 'staleInput';
			return 'unexpectedStatus';
	}
}

/**
 * Classifies a non-2xx answer. Accepts parse.bot's documented error body
 * (`{error: {status, message, upstream_status_code}, status_code}`) and anything less tidy:
 * a bare `{message}`, `{error: "text"}`, or an HTML page.
 */
export function classifyHttpFailure(
	status: number,
	body: unknown,
	headers: unknown,
	options: { nowMs: number; apiKey?: string },
): ParseBotFailure {
	const error = isRecord(body) && isRecord(body.error) ? body.error : {};
	const apiStatus = text(error.status) ?? (isRecord(body) && body.status !== 'success' ? text(body.status) : null);
	const rawMessage =
		text(error.message) ??
		(isRecord(body) ? (text(body.message) ?? text(body.error) ?? text(body.detail)) : null) ??
		(typeof body === 'string' && !/^\s*</.test(body) ? text(body) : null);
	const apiMessage = rawMessage === null ? null : clip(redactSecret(rawMessage, options.apiKey));
	const bodyRetryAfter = error.retry_after ?? (isRecord(body) ? body.retry_after : undefined);
	const retryAfterMs =
		parseRetryAfter(header(headers, 'retry-after'), options.nowMs) ??
		parseRetryAfter(bodyRetryAfter, options.nowMs);
	const retryable = error.retryable ?? (isRecord(body) ? body.retryable : undefined);
	const kind = kindFor(status, apiStatus, apiMessage);
	return {
		kind,
		httpStatus: status,
		apiStatus,
		apiMessage,
		upstreamStatus: integer(error.upstream_status_code),
		retryAfterMs,
		retryHinted: retryAfterMs !== null || retryable === true,
		fatal: FATAL_KINDS.has(kind),
		attempts: 1,
	};
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
		fatal: FATAL_KINDS.has(kind),
		attempts: 0,
		detail,
	};
}

export interface FailureContext {
	subject: FailureSubject;
	scraperId: string;
	baseUrl: string;
	/** The credit cap in force, for the creditCap message. */
	maxCredits?: number;
}

function said(failure: ParseBotFailure): string {
	return failure.apiMessage ? ` parse.bot said: "${failure.apiMessage}".` : '';
}

function subjectName(subject: FailureSubject): string {
	return subject.resource === 'note' ? `note ${subject.id}` : `user ${subject.id}`;
}

const STOPPED = ' The run was stopped so that the remaining items did not fail one by one.';

/** The message (what happened) and description (what to do) for a failure. */
export function describeFailure(
	failure: ParseBotFailure,
	context: FailureContext,
): { message: string; description: string } {
	const name = subjectName(context.subject);
	const isNote = context.subject.resource === 'note';
	const tries = failure.attempts > 1 ? ` (tried ${failure.attempts} times)` : '';
	switch (failure.kind) {
		case 'badRequest':
			return {
				message: `parse.bot rejected the request for ${name} as malformed`,
				description: `Check the ${isNote ? 'note ID and xsec token' : 'user ID'}; the node sends them as given.${said(failure)}`,
			};
		case 'badKey':
			return {
				message: 'parse.bot did not accept the API key',
				description: `Open the "Parse.bot Xiaohongshu API" credential and paste a valid key from your parse.bot dashboard.${STOPPED}`,
			};
		case 'unknownScraper':
			return {
				message: `parse.bot does not know scraper ID ${context.scraperId}`,
				description: `Check the Scraper ID in the credential (the default is parse.bot's public Xiaohongshu scraper, 112e2db4-437f-4511-96f5-f0f62d23a010) and that your account may use it.${STOPPED}`,
			};
		case 'staleInput':
			return isNote
				? {
						message: `Xiaohongshu would not serve ${name} with this link's token`,
						description: `The xsec token has expired or belongs to another note, or the note is now private or deleted. Get a fresh share link for the note (Share → Copy Link in the app) and run again; if a fresh link fails too, the note is private or deleted.${said(failure)}`,
					}
				: {
						message: `Xiaohongshu would not serve the profile of ${name}`,
						description: `Check the user ID or profile link; the account may be deleted, banned or private.${said(failure)}`,
					};
		case 'unavailable':
			return {
				message: isNote ? `Note ${context.subject.id} is private or has been deleted` : `The profile of ${name} is unavailable`,
				description: `Xiaohongshu no longer shows it to anyone outside the author's circle; there is nothing to fetch. Remove it from your list, or get a fresh share link if you believe it is public.${said(failure)}`,
			};
		case 'creditsExhausted':
			return {
				message: 'Your parse.bot credits are used up',
				description: `parse.bot refuses further calls until your monthly credits renew or you upgrade your plan.${said(failure)}${STOPPED}`,
			};
		case 'rateLimited': {
			const asked =
				failure.retryAfterMs !== null ? ` parse.bot asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s.` : '';
			return {
				message: `parse.bot's rate limit stopped the request for ${name}${tries}`,
				description: `Set the credential's Plan to your real parse.bot plan so the node paces itself, and make sure no other tool uses the same API key at the same time.${asked}`,
			};
		}
		case 'scraperCrashed':
			return {
				message: `parse.bot's scraper failed while fetching ${name}${tries}`,
				description: `This is a fault on parse.bot's side, not in your input. Try again later.${said(failure)}`,
			};
		case 'upstreamError': {
			const upstream = failure.upstreamStatus !== null ? ` (status ${failure.upstreamStatus})` : '';
			return {
				message: `Xiaohongshu answered parse.bot with an error${upstream} for ${name}`,
				description: `Xiaohongshu refused or failed the request. Wait a few minutes and try again; if ${isNote ? 'this note' : 'this profile'} keeps failing, get a fresh share link.${said(failure)}`,
			};
		}
		case 'blocked':
			return {
				message: `Xiaohongshu blocked parse.bot's request for ${name}${tries}`,
				description: `Xiaohongshu's anti-bot protection turned parse.bot away. This is not caused by your settings; try again in a few minutes.${said(failure)}`,
			};
		case 'unexpectedStatus':
			return {
				message: `parse.bot answered HTTP ${failure.httpStatus ?? '?'} for ${name}`,
				description: `An answer the node does not expect from parse.bot. Try again later; if it persists, check parse.bot's status page.${said(failure)}`,
			};
		case 'network':
			return {
				message: `Could not reach parse.bot at ${context.baseUrl}`,
				description: `Check the Base URL in the credential and this machine's network access.${failure.detail ? ` (${failure.detail})` : ''}`,
			};
		case 'invalidResponse':
			return {
				message: `parse.bot answered with data the node does not understand for ${name}`,
				description: `parse.bot may have changed its format; please report it with this detail: ${failure.detail ?? 'unknown'}.`,
			};
		case 'creditCap':
			return {
				message: `Credit cap reached before ${name} was fetched`,
				description: `This execution already made ${context.maxCredits ?? 'the allowed number of'} parse.bot calls, the most allowed by the "Max Credits per Execution" option. Raise or clear that option to fetch more.`,
			};
	}
}

const fatalErrors = new WeakSet<object>();

/** Whether `error` must stop the run even under Continue On Fail. */
export function isFatalError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && fatalErrors.has(error);
}

function failureCause(failure: ParseBotFailure) {
	switch (failure.kind) {
		case 'badKey':
			return { cause: 'credential-invalid' as const };
		case 'unknownScraper':
			return { cause: 'configuration-invalid' as const };
		case 'creditsExhausted':
			return { cause: 'quota-exhausted' as const };
		case 'rateLimited':
			return failure.retryAfterMs !== null
				? { cause: 'rate-limited' as const, retryAfterMs: failure.retryAfterMs }
				: { cause: 'rate-limited' as const };
		case 'scraperCrashed':
		case 'blocked':
		case 'upstreamError':
		case 'network':
			return { cause: 'temporarily-unavailable' as const };
		default:
			return undefined;
	}
}

/**
 * The n8n error for one item. Built from our own sanitized summary only, never from the
 * HTTP library's error object, whose request config carries the X-API-Key header.
 */
export function toNodeError(
	node: INode,
	failure: ParseBotFailure,
	context: FailureContext,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	const { message, description } = describeFailure(failure, context);
	const failureInfo = failureCause(failure);
	let error: NodeApiError | NodeOperationError;
	if (failure.httpStatus === null && failure.kind !== 'network') {
		error = new NodeOperationError(node, message, { description, itemIndex });
	} else {
		const summary: JsonObject = {
			httpStatus: failure.httpStatus,
			apiStatus: failure.apiStatus,
			apiMessage: failure.apiMessage,
			upstreamStatus: failure.upstreamStatus,
			attempts: failure.attempts,
		};
		error = new NodeApiError(node, summary, {
			message,
			description,
			httpCode: failure.httpStatus !== null ? String(failure.httpStatus) : undefined,
			itemIndex,
			...(failureInfo ? { failure: failureInfo } : {}),
		});
	}
	if (failure.fatal) fatalErrors.add(error);
	return error;
}

/** What a cancelled execution throws from inside a wait or a request. */
export function cancelledError(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled', {
		description: 'Nothing more was sent to parse.bot.',
		itemIndex,
	});
}
