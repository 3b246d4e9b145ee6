import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './api';
import type { Sandbox } from './server';

/**
 * The in-process controls over HTTP, for callers in another process (a real n8n
 * e2e run, benchmarks). JSON in, JSON out, no API key. Routes:
 *
 *   GET  /__sandbox/health                  {ok, url, proxyUrl, scraperId}
 *   GET  /__sandbox/fixtures                the catalogue (ids, tokens, URLs)
 *   GET  /__sandbox/stats                   stats()
 *   POST /__sandbox/stats/reset             resetStats()
 *   POST /__sandbox/reset                   reset()
 *   GET  /__sandbox/clock                   {now}
 *   POST /__sandbox/clock/advance {ms}      POST /__sandbox/clock/set {ms}
 *   POST /__sandbox/notes/:id/counts {liked?, collected?, comment?, share?}
 *   POST /__sandbox/notes/:id/spike {at, metric, amount}
 *   POST /__sandbox/notes/:id/growth {liked?, ...}   (per hour)
 *   POST /__sandbox/notes/:id/remove | /private | /restore
 *   GET  /__sandbox/notes/:id               {interactInfo, token}
 *   POST /__sandbox/users/:id/counts {fans?, follows?, interaction?}
 *   POST /__sandbox/tokens/:noteId/expire   {xsecToken: <fresh token>}
 *   POST /__sandbox/faults {count, status?, ...}   DELETE /__sandbox/faults   GET /__sandbox/faults
 *   GET  /__sandbox/credits                 POST /__sandbox/credits/:key {used}
 */
export async function handleControl(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const method = req.method ?? 'GET';
	const parts = url.pathname.replace(/^\/__sandbox\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
	let body: Record<string, unknown> = {};
	try {
		const raw = await readBody(req);
		if (raw.trim()) body = JSON.parse(raw) as Record<string, unknown>;
	} catch {
		return send(res, 400, { error: 'body is not valid JSON' });
	}
	try {
		const result = dispatch(sandbox, method, parts, body);
		if (result === undefined) return send(res, 404, { error: `no control route ${method} ${url.pathname}` });
		return send(res, 200, result);
	} catch (error) {
		return send(res, 400, { error: (error as Error).message });
	}
}

function dispatch(s: Sandbox, method: string, parts: string[], body: Record<string, unknown>): unknown {
	const [area, id, action] = parts;
	const get = method === 'GET';
	const post = method === 'POST';
	switch (area) {
		case 'health':
			return get ? { ok: true, url: s.url, proxyUrl: s.proxyUrl, scraperId: s.scraperId } : undefined;
		case 'fixtures':
			return get ? s.catalogue : undefined;
		case 'stats':
			if (get && !id) return s.stats();
			if (post && id === 'reset') return s.resetStats(), { ok: true };
			return undefined;
		case 'reset':
			return post ? (s.reset(), { ok: true }) : undefined;
		case 'clock':
			if (get && !id) return { now: s.clock.now() };
			if (post && id === 'advance') return s.clock.advance(num(body.ms, 'ms')), { now: s.clock.now() };
			if (post && id === 'set') return s.clock.set(num(body.ms, 'ms')), { now: s.clock.now() };
			return undefined;
		case 'notes':
			if (!id) return undefined;
			if (get && !action) return { interactInfo: s.notes.interactInfo(id), xsecToken: s.tokens.current(id) };
			if (!post) return undefined;
			switch (action) {
				case 'counts':
					s.notes.setCounts(id, body);
					return { interactInfo: s.notes.interactInfo(id) };
				case 'spike':
					s.notes.scheduleSpike(id, { at: num(body.at, 'at'), metric: body.metric as never, amount: num(body.amount, 'amount') });
					return { ok: true };
				case 'growth':
					s.notes.setGrowth(id, body as Record<string, number>);
					return { ok: true };
				case 'remove':
					return s.notes.remove(id), { ok: true };
				case 'private':
					return s.notes.makePrivate(id), { ok: true };
				case 'restore':
					return s.notes.restore(id), { ok: true };
				default:
					return undefined;
			}
		case 'users':
			if (post && id && action === 'counts') return s.users.setCounts(id, body), { ok: true };
			return undefined;
		case 'tokens':
			if (post && id && action === 'expire') return { xsecToken: s.tokens.expire(id) };
			return undefined;
		case 'faults':
			if (get) return s.faults.pending();
			if (method === 'DELETE' || (post && id === 'clear')) return s.faults.clear(), { ok: true };
			if (post && !id) return s.faults.inject(body as never), { ok: true, pending: s.faults.pending().length };
			return undefined;
		case 'credits':
			if (get && !id) return s.credits.balances();
			if (post && id) return s.credits.set(id, num(body.used, 'used')), s.credits.balances()[id];
			return undefined;
		default:
			return undefined;
	}
}

function num(value: unknown, name: string): number {
	const n = typeof value === 'string' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`${name} must be a number`);
	return n;
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}
