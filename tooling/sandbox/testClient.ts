import { request } from 'undici';
import type { Sandbox } from './server';

/** Thin undici helpers for the sandbox's own tests: one call, parsed. */
export interface CallResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: any;
}

export async function call(
	sandbox: Sandbox,
	endpoint: string,
	params: Record<string, string>,
	options: { key?: string | null; method?: 'GET' | 'POST'; scraperId?: string } = {},
): Promise<CallResult> {
	const method = options.method ?? 'GET';
	const path = `/scraper/${options.scraperId ?? sandbox.scraperId}/${endpoint}`;
	const query = method === 'GET' ? `?${new URLSearchParams(params).toString()}` : '';
	const headers: Record<string, string> = {};
	if (options.key !== null) headers['x-api-key'] = options.key ?? 'sandbox-custom-fast-key';
	if (method === 'POST') headers['content-type'] = 'application/json';
	const res = await request(`${sandbox.url}${path}${query}`, {
		method,
		headers,
		body: method === 'POST' ? JSON.stringify(params) : undefined,
	});
	const text = await res.body.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, text, json };
}

export function noteParams(n: { noteId: string; xsecToken: string }): Record<string, string> {
	return { note_id: n.noteId, xsec_token: n.xsecToken };
}

export async function control(sandbox: Sandbox, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<CallResult> {
	const res = await request(`${sandbox.url}/__sandbox/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.body.text();
	return { status: res.statusCode, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}
