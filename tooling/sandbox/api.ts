import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxCore } from './core';
import { errorBody, genericError, UPSTREAM_SNIPPETS, type ParseBotErrorBody } from './errors';
import { faultStatus, type FaultSpec } from './faults';
import { notePayload, userPayload } from './payloads';
import type { CallRecord } from './stats';

/**
 * The parse.bot API: `/scraper/<scraperId>/<endpoint>`, GET with a query string
 * or POST with a JSON body. Checks run in the order a real gateway runs them:
 * key, scraper, endpoint, plan limits, then the scraper itself.
 */

const ENDPOINTS = ['get_note_detail', 'get_user_profile'] as const;
type Endpoint = (typeof ENDPOINTS)[number];

const OBJECT_ID = /^[0-9a-f]{24}$/;

interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export async function handleApi(core: SandboxCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const record: CallRecord = {
		key: headerValue(req.headers['x-api-key']),
		endpoint: url.pathname,
		method: req.method ?? 'GET',
		status: 0,
		at: Date.now(),
		virtualAt: core.clock.now(),
		credits: 0,
	};
	const rawBody = await readBody(req);
	const route = /^\/scraper\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
	if (route) record.endpoint = route[2];

	const answer = await answerCall(core, req, url, rawBody, route, record);
	if (answer === 'dropped') {
		res.socket?.destroy();
		record.status = 0;
	} else {
		record.status = answer.status;
		const chargeable =
			answer.status < 300 ||
			(core.options.chargeFailedCalls && answer.status !== 401 && answer.status !== 429 && record.key !== '' && core.limits.has(record.key));
		if (chargeable && core.limits.has(record.key)) {
			record.credits = 1;
			core.limits.charge(record.key, 1);
		}
		const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
		const contentType = typeof answer.body === 'string' && answer.body.startsWith('<') ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
		res.writeHead(answer.status, { 'Content-Type': contentType, ...answer.headers });
		res.end(text);
	}
	core.stats.recordCall(record);
}

async function answerCall(
	core: SandboxCore,
	req: IncomingMessage,
	url: URL,
	rawBody: string,
	route: RegExpExecArray | null,
	record: CallRecord,
): Promise<Answer | 'dropped'> {
	const key = record.key;
	if (!key) return { status: 401, body: errorBody(401, { message: 'Missing API key: send it in the X-API-Key header' }) };
	if (!core.limits.has(key)) return { status: 401, body: errorBody(401, { message: 'Invalid API key' }) };
	if (!route) return { status: 404, body: errorBody(404, { message: `No route for ${url.pathname}` }) };
	if (route[1] !== core.options.scraperId) {
		return { status: 404, body: errorBody(404, { message: `Scraper ${route[1]} not found or not accessible with this API key` }) };
	}
	const endpoint = route[2] as Endpoint;
	if (!ENDPOINTS.includes(endpoint)) {
		return { status: 404, body: errorBody(404, { message: `Endpoint ${route[2]} not found on scraper ${route[1]}` }) };
	}
	if (req.method !== 'GET' && req.method !== 'POST') {
		return { status: 405, body: errorBody(405, { message: `Method ${req.method} not allowed; use GET or POST` }), headers: { Allow: 'GET, POST' } };
	}

	const verdict = core.limits.admit(key);
	if (!verdict.ok && verdict.reason === 'burst') {
		const perWhat = verdict.windowMs === 60_000 ? 'per minute' : `per ${verdict.windowMs / 1000} s`;
		return {
			status: 429,
			// Worded without "credit", "quota" or "plan": clients read those words as a monthly exhaustion.
			body: errorBody(429, {
				message: `Too many requests: at most ${verdict.limit} requests ${perWhat}. Retry after ${verdict.retryAfterSeconds} seconds.`,
			}),
			headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
		};
	}
	if (!verdict.ok && verdict.reason === 'credits') {
		const plan = core.limits.plan(key).plan ?? 'custom';
		return {
			status: 429,
			body: errorBody(429, {
				message: `Monthly credits used up: ${verdict.used} of ${verdict.credits} credits on the ${plan} plan are spent. Upgrade your plan or wait for next month's quota.`,
			}),
		};
	}

	const fault = core.faults.take(endpoint, key);
	if (fault) record.fault = describeFault(fault);
	if (fault?.delayMs) await sleep(fault.delayMs);
	if (fault?.drop) return 'dropped';
	if (core.options.latencyMs > 0) await sleep(core.options.latencyMs);

	let params: Record<string, unknown>;
	try {
		params = readParams(url, rawBody);
	} catch (error) {
		return { status: 400, body: errorBody(400, { message: (error as Error).message }) };
	}
	if (typeof params.note_id === 'string') record.noteId = params.note_id;
	if (typeof params.user_id === 'string') record.userId = params.user_id;

	const real = endpoint === 'get_note_detail' ? noteDetail(core, params) : userProfile(core, params);
	return fault ? applyFault(fault, real, upstreamUrl(endpoint, params)) : real;
}

function noteDetail(core: SandboxCore, params: Record<string, unknown>): Answer {
	const missing = requireStrings(params, ['note_id', 'xsec_token']);
	if (missing) return missing;
	const noteId = params.note_id as string;
	const token = params.xsec_token as string;
	if (!OBJECT_ID.test(noteId)) {
		return { status: 400, body: errorBody(400, { message: `Invalid note_id "${noteId}": expected 24 lowercase hexadecimal characters` }) };
	}
	const url = `https://www.xiaohongshu.com/explore/${noteId}?xsec_token=${encodeURIComponent(token)}&xsec_source=pc_share`;
	const stale = (message: string, snippet: string): Answer => ({
		status: 422,
		body: errorBody(422, { status: 'stale_input', message, upstream_status_code: 200, snippet, url }),
	});
	const n = core.note(noteId);
	if (!n) return stale('Note not found upstream (笔记不存在). It may have been deleted, or the id is wrong.', UPSTREAM_SNIPPETS.noteMissing);
	switch (core.tokens.check(noteId, token)) {
		case 'expired':
			return stale('The xsec_token has expired (当前笔记暂时无法浏览). Get a fresh share link for this note.', UPSTREAM_SNIPPETS.noteUnavailable);
		case 'otherNote':
			return stale('The xsec_token was issued for a different note (当前笔记暂时无法浏览). Use the token from this note\'s own link.', UPSTREAM_SNIPPETS.noteUnavailable);
		case 'unknown':
			return stale('The xsec_token was rejected upstream (当前笔记暂时无法浏览). Get a fresh share link for this note.', UPSTREAM_SNIPPETS.noteUnavailable);
		case 'ok':
			break;
	}
	const state = core.noteState(noteId);
	if (state === 'deleted') return stale('Note not found upstream (笔记不存在): it has been deleted.', UPSTREAM_SNIPPETS.noteMissing);
	if (state === 'private') {
		return stale('The note cannot be viewed (当前笔记暂时无法浏览): it is private or under review.', UPSTREAM_SNIPPETS.noteUnavailable);
	}
	const payload = notePayload(n, core.user(n.userId), core.engagement);
	return { status: 200, body: n.envelope === false ? payload : { data: payload, status: 'success' } };
}

function userProfile(core: SandboxCore, params: Record<string, unknown>): Answer {
	const missing = requireStrings(params, ['user_id']);
	if (missing) return missing;
	const userId = params.user_id as string;
	if (!OBJECT_ID.test(userId)) {
		return { status: 400, body: errorBody(400, { message: `Invalid user_id "${userId}": expected 24 lowercase hexadecimal characters` }) };
	}
	const u = core.user(userId);
	if (!u) {
		return {
			status: 422,
			body: errorBody(422, {
				status: 'stale_input',
				message: 'User not found upstream (用户不存在). The account may have been closed, or the id is wrong.',
				upstream_status_code: 200,
				snippet: UPSTREAM_SNIPPETS.userMissing,
				url: `https://www.xiaohongshu.com/user/profile/${userId}`,
			}),
		};
	}
	const payload = userPayload(u, core.engagement);
	return { status: 200, body: u.envelope === false ? payload : { data: payload, status: 'success' } };
}

function requireStrings(params: Record<string, unknown>, names: string[]): Answer | undefined {
	for (const name of names) {
		const value = params[name];
		if (value === undefined || value === null || value === '') {
			return { status: 400, body: errorBody(400, { message: `Missing required parameter: ${name}` }) };
		}
		if (typeof value !== 'string') {
			return { status: 400, body: errorBody(400, { message: `Parameter ${name} must be a string` }) };
		}
	}
	return undefined;
}

function readParams(url: URL, rawBody: string): Record<string, unknown> {
	const params: Record<string, unknown> = Object.fromEntries(url.searchParams.entries());
	if (rawBody.trim() === '') return params;
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		throw new Error('Request body is not valid JSON');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('Request body must be a JSON object');
	return { ...params, ...(body as Record<string, unknown>) };
}

function applyFault(fault: FaultSpec, real: Answer, url: string): Answer {
	const status = faultStatus(fault);
	if (status === undefined) return real;
	const headers: Record<string, string> = {};
	if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
	const hintSeconds =
		fault.retryHint ? (typeof fault.retryAfter === 'number' ? fault.retryAfter : Number(fault.retryAfter) || 30) : undefined;
	if (hintSeconds !== undefined && headers['Retry-After'] === undefined) headers['Retry-After'] = String(hintSeconds);
	if (fault.body === 'html') {
		return { status, body: status === 503 ? UPSTREAM_SNIPPETS.captcha : UPSTREAM_SNIPPETS.badGateway, headers };
	}
	if (fault.body === 'truncated') {
		const full = JSON.stringify(real.body);
		return { status, body: full.slice(0, Math.max(1, Math.floor(full.length / 2))), headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } };
	}
	const body: ParseBotErrorBody = status >= 300 ? genericError(status, url, status === 503 ? hintSeconds : undefined) : (real.body as ParseBotErrorBody);
	return { status, body, headers };
}

function describeFault(f: FaultSpec): string {
	if (f.drop) return 'drop';
	return [f.status ?? faultStatus(f) ?? 'delay', f.body, f.delayMs ? `delay ${f.delayMs}ms` : undefined].filter(Boolean).join(' ');
}

function upstreamUrl(endpoint: Endpoint, params: Record<string, unknown>): string {
	return endpoint === 'get_note_detail'
		? `https://www.xiaohongshu.com/explore/${String(params.note_id ?? '')}`
		: `https://www.xiaohongshu.com/user/profile/${String(params.user_id ?? '')}`;
}

function headerValue(value: string | string[] | undefined): string {
	return (Array.isArray(value) ? value[0] : value ?? '').trim();
}

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
