/**
 * A tiny loopback HTTP server for the harness's own tests (the real parse.bot stand-in
 * lives in tooling/sandbox/). It records every request and answers a few fixed routes.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Set when the client closed the connection before the answer was sent. */
	aborted: boolean;
}

export interface StubServer {
	baseUrl: string;
	seen: SeenRequest[];
	/** Items `/feed` lists. */
	feed: Array<{ id: number; title: string }>;
	/** The next N `/feed` calls answer 500. */
	failNextFeedCalls: number;
	/** Bytes `/file` serves. */
	fileBytes: Buffer;
	/** The API key `/scraper/…/get_user_profile` accepts. */
	validKey: string;
	/** Resolves when the next request to `/slow` arrives. */
	nextSlowRequest(): Promise<SeenRequest>;
	close(): Promise<void>;
}

export async function startStubServer(): Promise<StubServer> {
	const slowWaiters: Array<(request: SeenRequest) => void> = [];
	let server: Server;
	const stub: StubServer = {
		baseUrl: '',
		seen: [],
		feed: [],
		failNextFeedCalls: 0,
		fileBytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 255]),
		validKey: 'key-valid',
		nextSlowRequest: () => new Promise((resolve) => slowWaiters.push(resolve)),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};

	server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const seen: SeenRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			aborted: false,
		};
		stub.seen.push(seen);
		res.on('close', () => {
			if (!res.writableFinished) seen.aborted = true;
		});
		const json = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};

		if (url.pathname === '/echo') {
			if (seen.query.link === 'missing') return json(404, { error: 'no such note' });
			return json(200, { link: seen.query.link ?? null, apiKey: req.headers['x-api-key'] ?? null });
		}
		if (url.pathname === '/feed') {
			if (stub.failNextFeedCalls > 0) {
				stub.failNextFeedCalls--;
				return json(500, { error: 'feed unavailable' });
			}
			return json(200, { items: stub.feed });
		}
		if (url.pathname === '/file') {
			res.writeHead(200, { 'content-type': 'image/png' });
			return res.end(stub.fileBytes);
		}
		if (url.pathname === '/slow') {
			slowWaiters.splice(0).forEach((resolve) => resolve(seen));
			return; // never answers; the client must give up
		}
		if (/^\/scraper\/[^/]+\/get_user_profile$/.test(url.pathname)) {
			// parse.bot's error body carries its status as status_code, which the credential test reads.
			if (req.headers['x-api-key'] !== stub.validKey) return json(401, { error: { message: 'invalid api key' }, status_code: 401 });
			if (!seen.query.user_id) return json(400, { error: { message: 'user_id is required' }, status_code: 400 });
			return json(200, { data: { user_id: seen.query.user_id }, status: 'success' });
		}
		json(404, { error: `unknown route ${url.pathname}` });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	stub.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return stub;
}
