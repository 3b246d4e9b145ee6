import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { toNodeError } from '../../../nodes/Xiaohongshu/transport/errors';
import { localFailure } from '../../../nodes/Xiaohongshu/transport/failure';
import { classifyHttpFailure, redactSecret } from '../../../nodes/Xiaohongshu/transport/failureClassification';
import { describedFailure, describeFailure } from '../../../nodes/Xiaohongshu/transport/failureMessages';
import type { FailureContext } from '../../../nodes/Xiaohongshu/transport/failureMessages';
import type { ParseBotFailure } from '../../../nodes/Xiaohongshu/transport/failure';

const NOW = Date.UTC(2026, 0, 1);
const node: INode = { id: '1', name: 'Xiaohongshu', type: 'n8n-nodes-parsebot-xiaohongshu.xiaohongshu', typeVersion: 1, position: [0, 0], parameters: {} };
const context = { subject: { resource: 'note' as const, id: '641ae75d0000000013031c27' }, scraperId: 'scraper-1', baseUrl: 'https://api.parse.bot' };
const body = (status: number, error: object) => ({ error, status_code: status });
const errorOf = (failure: ParseBotFailure, ctx: FailureContext, itemIndex?: number) => toNodeError(node, describedFailure(failure, ctx), itemIndex);

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
		const error = errorOf(failure, context, 3) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('422');
		expect(error.context.itemIndex).toBe(3);
		expect(error.message).toBe("Xiaohongshu would not serve note 641ae75d0000000013031c27 with this link's token");
		expect(error.description).toMatch(/Get a fresh share link/);
		expect(error.errorResponse).toMatchObject({ kind: 'staleInput', fatal: false, httpStatus: 422 });
	});

	it('tells n8n why a fatal failure stopped the run, with its real status', () => {
		for (const [status, answer, cause] of [
			[401, {}, 'credential-invalid'],
			[404, {}, 'configuration-invalid'],
			[429, { message: 'credits used up' }, 'quota-exhausted'],
		] as const) {
			const error = errorOf(classifyHttpFailure(status, answer, {}, { nowMs: NOW }), context, 0) as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe(String(status));
			expect(error.description).toMatch(/The run was stopped/);
			expect((error as unknown as { failure?: { cause?: string } }).failure?.cause).toBe(cause);
		}
	});

	it('reports local failures as operation errors', () => {
		const error = errorOf(localFailure('creditCap'), { ...context, maxCredits: 5 }, 1);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/already made 5 parse.bot calls/);
	});

	it('words a failure once, for the error and for callers that act on its kind', () => {
		const stale = classifyHttpFailure(422, body(422, { status: 'stale_input' }), {}, { nowMs: NOW });
		const described = describedFailure(stale, context);
		expect(described.failure).toBe(stale);
		expect(described).toMatchObject(describeFailure(stale, context));
		expect(toNodeError(node, described, 0).message).toBe(described.message);
	});

	it('has a message and a description for every failure kind', () => {
		const kinds = ['badRequest', 'badKey', 'unknownScraper', 'staleInput', 'unavailable', 'creditsExhausted', 'rateLimited', 'scraperCrashed', 'upstreamError', 'blocked', 'unexpectedStatus', 'network', 'invalidResponse', 'creditCap', 'pastDeadline'] as const;
		for (const kind of kinds) {
			for (const resource of ['note', 'user'] as const) {
				const { message, description } = describeFailure(localFailure(kind), { ...context, subject: { resource, id: 'abc' } });
				expect(message.length).toBeGreaterThan(10);
				expect(description.length).toBeGreaterThan(20);
			}
		}
	});
});
