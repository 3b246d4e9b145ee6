/**
 * A classified failure turned into the n8n error for one item.
 *
 * Fatal failures (bad key, unknown scraper, credits used up) stop the whole run with one
 * error, even under Continue On Fail: every later call would fail the same way, and letting
 * them fail one by one would only hide the cause behind a wall of identical error items.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { DescribedFailure, ParseBotFailure } from './failure';

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
 * The n8n error for one item, built where a failure is handed to n8n (the action's item
 * loop, the trigger's poll). Built from our own sanitized summary only, never from the HTTP
 * library's error object, whose request config carries the X-API-Key header. An API failure
 * keeps its real HTTP status: n8n classifies 429 and 401/403 from it.
 */
export function toNodeError(
	node: INode,
	{ failure, message, description }: DescribedFailure,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (failure.httpStatus === null && failure.kind !== 'network') {
		return new NodeOperationError(node, message, { description, itemIndex });
	}
	// What n8n shows as the error's details: our own summary, nothing of the request.
	const summary: JsonObject = {
		kind: failure.kind,
		fatal: failure.fatal,
		httpStatus: failure.httpStatus,
		apiStatus: failure.apiStatus,
		apiMessage: failure.apiMessage,
		upstreamStatus: failure.upstreamStatus,
		attempts: failure.attempts,
	};
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
