import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { failureOf, isFatalError, toNodeError } from '../../../nodes/Xiaohongshu/transport/errors';
import { localFailure } from '../../../nodes/Xiaohongshu/transport/failure';
import { classifyHttpFailure, redactSecret } from '../../../nodes/Xiaohongshu/transport/failureClassification';
import { describeFailure } from '../../../nodes/Xiaohongshu/transport/failureMessages';

const NOW = Date.UTC(2026, 0, 1);
const node: INode = { id: '1', name: 'Xiaohongshu', type: 'n8n-nodes-parsebot-xiaohongshu.xiaohongshu', typeVersion: 1, position: [0, 0], parameters: {} };
const context = { subject: { resource: 'note' as const, id: '641ae75d0000000013031c27' }, scraperId: 'scraper-1', baseUrl: 'https://api.parse.bot' };
const body = (status: number, error: object) => ({ error, status_code: status });

describe('classifyHttpFailure', () => {
	it.each([
		[400, body(400, { message: 'Missing required parameter: note_id' }), 'badRequest', false],
		[401, body(401, { message: 'Invalid API key' }), 'badKey', true],
		[403, 'Forbidden', 'badKey', true],
		[404, body(404, { message: 'Scraper not found' }), 'unknownScraper', true],
		[422, body(422, { status: 'stale_input', message: 'The xsec_token has expired (当前笔记暂时无法浏览)' }), 'staleInput', false],
		[422, body(422, { status: 'stale_input', message: '当前笔记暂时无法浏览' }), 'staleInput', false],
		[422, body(422, { status: 'stale_input', message: 'Note not found upstream (笔记不存在)' }), 'unavailable', false],
		[422, body(422, { status: 'stale_input', message: 'it is private or under review' }), 'unavailable', false],
		[429, body(429, { message: 'Too many requests. Retry after 5 seconds.' }), 'rateLimited', false],
		[429, body(429, { message: 'Monthly credits used up' }), 'creditsExhausted', true],
		[429, { message: 'quota exceeded for your plan' }, 'creditsExhausted', true],
		[402, {}, 'creditsExhausted', true],
		[500, body(500, { status: 'error', message: 'TypeError' }), 'scraperCrashed', false],
		[502, body(502, { status: 'upstream_error', upstream_status_code: 461 }), 'upstreamError', false],
		[503, '<html>captcha</html>', 'blocked', false],
		[418, {}, 'unexpectedStatus', false],
	])('%i %j -> %s (fatal %p)', (status, answer, kind, fatal) => {
		const failure = classifyHttpFailure(status, answer, {}, { nowMs: NOW });
		expect(failure.kind).toBe(kind);
		expect(failure.fatal).toBe(fatal);
		expect(failure.httpStatus).toBe(status);
	});

	it('reads the retry hint from Retry-After (any header case) or from the body', () => {
		expect(classifyHttpFailure(503, body(503, {}), { 'Retry-After': '12' }, { nowMs: NOW })).toMatchObject({ retryAfterMs: 12_000, retryHinted: true });
		expect(classifyHttpFailure(503, body(503, { retry_after: 4 }), {}, { nowMs: NOW })).toMatchObject({ retryAfterMs: 4_000, retryHinted: true });
		expect(classifyHttpFailure(503, body(503, {}), {}, { nowMs: NOW })).toMatchObject({ retryAfterMs: null, retryHinted: false });
	});

	it('keeps the upstream status and a clipped message, without HTML pages', () => {
		const failure = classifyHttpFailure(502, body(502, { message: 'x'.repeat(500), upstream_status_code: '502' }), {}, { nowMs: NOW });
		expect(failure.upstreamStatus).toBe(502);
		expect(failure.apiMessage).toHaveLength(301);
		expect(classifyHttpFailure(502, '<html><body>Bad gateway</body></html>', {}, { nowMs: NOW }).apiMessage).toBeNull();
	});

	it('removes the API key from anything parse.bot echoes back', () => {
		const key = 'sk-live-0123456789abcdef';
		const failure = classifyHttpFailure(401, body(401, { message: `Invalid API key ${key} (key ${key})` }), {}, { nowMs: NOW, apiKey: key });
		expect(failure.apiMessage).toBe('Invalid API key [redacted] (key [redacted])');
		expect(redactSecret('abc', '')).toBe('abc');
	});
});

describe('toNodeError', () => {
	it('gives an API failure its real HTTP status, the item, a message and what to do', () => {
		const failure = classifyHttpFailure(422, body(422, { status: 'stale_input', message: 'token expired' }), {}, { nowMs: NOW });
		const error = toNodeError(node, failure, context, 3) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('422');
		expect(error.context.itemIndex).toBe(3);
		expect(error.message).toBe("Xiaohongshu would not serve note 641ae75d0000000013031c27 with this link's token");
		expect(error.description).toMatch(/Get a fresh share link/);
		expect(isFatalError(error)).toBe(false);
	});

	it('marks the failures that must stop the run', () => {
		for (const [status, answer] of [
			[401, {}],
			[404, {}],
			[429, { message: 'credits used up' }],
		] as const) {
			const error = toNodeError(node, classifyHttpFailure(status, answer, {}, { nowMs: NOW }), context, 0);
			expect(isFatalError(error)).toBe(true);
		}
		expect(isFatalError(new Error('x'))).toBe(false);
		expect(isFatalError(undefined)).toBe(false);
	});

	it('reports local failures as operation errors', () => {
		const error = toNodeError(node, localFailure('creditCap'), { ...context, maxCredits: 5 }, 1);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/already made 5 parse.bot calls/);
	});

	it('carries the failure kind on the error, read back without its message or HTTP code', () => {
		const stale = toNodeError(node, classifyHttpFailure(422, body(422, { status: 'stale_input' }), {}, { nowMs: NOW }), context, 0);
		expect(failureOf(stale)).toEqual({ kind: 'staleInput', fatal: false, httpStatus: 422 });
		expect(failureOf(toNodeError(node, localFailure('network', 'ECONNRESET'), context, 0))).toEqual({
			kind: 'network',
			fatal: false,
			httpStatus: null,
		});
		expect(failureOf(toNodeError(node, localFailure('invalidResponse'), context, 0))?.kind).toBe('invalidResponse');
		// Same words, same status, but not built from a failure: no kind is guessed.
		const lookalike = new NodeApiError(node, { httpStatus: 422 }, { message: stale.message, httpCode: '422' });
		expect(failureOf(lookalike)).toBeUndefined();
		expect(isFatalError(lookalike)).toBe(false);
	});

	it('has a message and a description for every failure kind', () => {
		const kinds = ['badRequest', 'badKey', 'unknownScraper', 'staleInput', 'unavailable', 'creditsExhausted', 'rateLimited', 'scraperCrashed', 'upstreamError', 'blocked', 'unexpectedStatus', 'network', 'invalidResponse', 'creditCap'] as const;
		for (const kind of kinds) {
			for (const resource of ['note', 'user'] as const) {
				const { message, description } = describeFailure(localFailure(kind), { ...context, subject: { resource, id: 'abc' } });
				expect(message.length).toBeGreaterThan(10);
				expect(description.length).toBeGreaterThan(20);
			}
		}
	});
});
