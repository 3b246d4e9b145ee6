/**
 * A classified failure turned into the n8n error for one item.
 *
 * Fatal failures (bad key, unknown scraper, credits used up) stop the whole run with one
 * error, even under Continue On Fail: every later call would fail the same way, and letting
 * them fail one by one would only hide the cause behind a wall of identical error items.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { isFailureKind } from './failure';
import type { FailureKind, ParseBotFailure } from './failure';
import { describeFailure } from './failureMessages';
import type { FailureContext } from './failureMessages';

/** What an error built by `toNodeError` carries of its failure, for callers that act on it. */
export interface FailureData {
	kind: FailureKind;
	fatal: boolean;
	httpStatus: number | null;
}

/**
 * The failure an error was built from, read off the error itself (its `errorResponse`, the
 * summary `toNodeError` gives it); undefined for any other error.
 */
export function failureOf(error: unknown): FailureData | undefined {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return undefined;
	const data = error.errorResponse;
	if (data === undefined || !isFailureKind(data.kind) || typeof data.fatal !== 'boolean') return undefined;
	const httpStatus = typeof data.httpStatus === 'number' ? data.httpStatus : null;
	return { kind: data.kind, fatal: data.fatal, httpStatus };
}

/** Whether `error` must stop the run even under Continue On Fail. */
export function isFatalError(error: unknown): boolean {
	return failureOf(error)?.fatal === true;
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
	const summary: JsonObject = {
		kind: failure.kind,
		fatal: failure.fatal,
		httpStatus: failure.httpStatus,
		apiStatus: failure.apiStatus,
		apiMessage: failure.apiMessage,
		upstreamStatus: failure.upstreamStatus,
		attempts: failure.attempts,
	};
	if (failure.httpStatus === null && failure.kind !== 'network') {
		const error = new NodeOperationError(node, message, { description, itemIndex });
		error.errorResponse = summary;
		return error;
	}
	const failureInfo = failureCause(failure);
	return new NodeApiError(node, summary, {
		message,
		description,
		httpCode: failure.httpStatus !== null ? String(failure.httpStatus) : undefined,
		itemIndex,
		...(failureInfo ? { failure: failureInfo } : {}),
	});
}

/** What a cancelled execution throws from inside a wait or a request. */
export function cancelledError(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled', {
		description: 'Nothing more was sent to parse.bot.',
		itemIndex,
	});
}
