/**
 * Sorts a non-2xx answer from parse.bot into a failure kind, once. A failure is classified
 * without an item: one fetch can serve several items (in-run dedupe).
 */
import { isRecord } from '../domain/guards';
import { isFatalKind } from './failure';
import type { FailureKind, ParseBotFailure } from './failure';
import { headerValue } from './headers';
import { parseRetryAfter } from './retry';

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

function text(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

function integer(value: unknown): number | null {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) ? n : null;
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
		parseRetryAfter(headerValue(headers, 'retry-after'), options.nowMs) ??
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
		fatal: isFatalKind(kind),
		attempts: 1,
	};
}
