import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleApi } from './api';
import { handleControl } from './control';
import { CORE_DEFAULTS, SandboxCore } from './core';
import type { FaultSpec } from './faults';
import { DEFAULT_CATALOGUE, type Catalogue, type CountSeed, type NoteMetric, type UserMetric } from './fixtures';
import { DEFAULT_PLANS, type LimiterKind, type PlanSpec } from './plans';
import { handleProxy, isPlayedHost } from './proxy';
import type { SandboxStats } from './stats';

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: '127.0.0.1';
	/** Seeds engagement growth rates; same seed, same numbers. Default 1. */
	seed?: number;
	/** Extra keys, merged over the default ones (SANDBOX_KEYS). */
	keys?: Record<string, PlanSpec>;
	scraperId?: string;
	fixtures?: 'default' | Catalogue;
	/** How keys that do not name their own limiter count calls (default `sliding`). */
	limiter?: LimiterKind;
	/** Rate-limit window for plans that do not set their own (real ms, default 60,000). */
	rateWindowMs?: number;
	/** Whether 4xx/5xx answers cost a credit (default false: only 2xx cost one; 401 and 429 never do). */
	chargeFailedCalls?: boolean;
	/** Added before every API answer (real ms). */
	latencyMs?: number;
	/** Added before every proxied media answer (real ms). */
	mediaLatencyMs?: number;
	/** Virtual clock start (ms since epoch); default SANDBOX_EPOCH_MS. */
	clockStartMs?: number;
}

export type CountsInput = Partial<Record<NoteMetric, CountSeed>>;

export interface Sandbox {
	url: string;
	proxyUrl: string;
	scraperId: string;
	catalogue: Catalogue;
	clock: { now(): number; advance(ms: number): void; set(ms: number): void };
	notes: {
		/** Numbers are rendered as the site renders them and keep drifting; strings are served verbatim; null hides the key. */
		setCounts(noteId: string, counts: CountsInput): void;
		scheduleSpike(noteId: string, spike: { at: number; metric: NoteMetric; amount: number }): void;
		setGrowth(noteId: string, perHour: Partial<Record<NoteMetric, number>>): void;
		remove(noteId: string): void;
		makePrivate(noteId: string): void;
		restore(noteId: string): void;
		/** `interact_info` as the API would serve it now. */
		interactInfo(noteId: string): Record<string, string>;
		/** The true value behind a drifting count now (null for literal counts). */
		value(noteId: string, metric: NoteMetric): number | null;
	};
	users: { setCounts(userId: string, counts: Partial<Record<UserMetric, CountSeed>>): void };
	tokens: {
		/** The note's working token now answers 422; returns the fresh token that replaces it. */
		expire(noteId: string): string;
		current(noteId: string): string;
	};
	faults: { inject(fault: FaultSpec): void; clear(): void; pending(): FaultSpec[] };
	credits: {
		set(key: string, used: number): void;
		balances(): ReturnType<SandboxCore['limits']['balances']>;
	};
	stats(): SandboxStats;
	resetStats(): void;
	/** Back to the start: clock, counts, tokens, note states, credits, rate windows, faults, stats. */
	reset(): void;
	close(): Promise<void>;
}

function withLimiter(keys: Record<string, PlanSpec>, limiter: LimiterKind | undefined): Record<string, PlanSpec> {
	if (!limiter) return keys;
	return Object.fromEntries(Object.entries(keys).map(([key, spec]) => [key, { limiter, ...spec }]));
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const core = new SandboxCore({
		catalogue: !options.fixtures || options.fixtures === 'default' ? DEFAULT_CATALOGUE : options.fixtures,
		seed: options.seed ?? CORE_DEFAULTS.seed,
		scraperId: options.scraperId ?? CORE_DEFAULTS.scraperId,
		keys: withLimiter({ ...DEFAULT_PLANS, ...options.keys }, options.limiter),
		rateWindowMs: options.rateWindowMs ?? CORE_DEFAULTS.rateWindowMs,
		chargeFailedCalls: options.chargeFailedCalls ?? CORE_DEFAULTS.chargeFailedCalls,
		latencyMs: options.latencyMs ?? CORE_DEFAULTS.latencyMs,
		mediaLatencyMs: options.mediaLatencyMs ?? CORE_DEFAULTS.mediaLatencyMs,
		clockStartMs: options.clockStartMs ?? CORE_DEFAULTS.clockStartMs,
	});
	const host = options.host ?? '127.0.0.1';
	const tunnels = new WeakMap<Socket, string>();
	const sockets = new Set<Socket>();
	let sandbox: Sandbox;

	const server = createServer((req, res) => {
		route(req, res).catch((error: Error) => {
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: { status: 'error', message: `sandbox bug: ${error.message}` }, status_code: 500 }));
		});
	});

	async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const raw = req.url ?? '/';
		const tunnelHost = tunnels.get(req.socket as Socket);
		let target: URL;
		if (/^https?:\/\//i.test(raw)) target = new URL(raw);
		else if (tunnelHost) target = new URL(`http://${tunnelHost}${raw}`);
		else target = new URL(raw, sandbox.url);
		if (!isSelf(target)) return handleProxy(core, req, res, target);
		if (target.pathname.startsWith('/__sandbox/')) return handleControl(sandbox, req, res, target);
		return handleApi(core, req, res, target);
	}

	function isSelf(target: URL): boolean {
		const port = (server.address() as AddressInfo).port;
		return ['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname) && Number(target.port || 80) === port;
	}

	// HTTPS can't be played without a certificate, but plain HTTP tunnelled through CONNECT
	// (what undici's ProxyAgent does) is: the tunnel is fed back into this server.
	server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
		const [hostname, port] = (req.url ?? '').split(':');
		const target = new URL(`http://${hostname}`);
		if (port === '80' && isPlayedHost(target.hostname)) {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			tunnels.set(socket, hostname);
			if (head.length) socket.unshift(head);
			server.emit('connection', socket);
			return;
		}
		core.stats.recordProxy({ method: 'CONNECT', url: req.url ?? '', host: hostname, status: 502, kind: 'refused', bytes: 0, at: Date.now() });
		socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
	});

	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${host}:${address.port}`;

	sandbox = {
		url,
		proxyUrl: url,
		scraperId: core.options.scraperId,
		catalogue: core.options.catalogue,
		clock: { now: () => core.clock.now(), advance: (ms) => core.clock.advance(ms), set: (ms) => core.clock.set(ms) },
		notes: {
			setCounts: (noteId, counts) => core.engagement.setNoteCounts(noteId, counts),
			scheduleSpike: (noteId, spike) => core.engagement.scheduleSpike(noteId, spike),
			setGrowth: (noteId, perHour) => core.engagement.setGrowth(noteId, perHour),
			remove: (noteId) => core.setNoteState(noteId, 'deleted'),
			makePrivate: (noteId) => core.setNoteState(noteId, 'private'),
			restore: (noteId) => core.setNoteState(noteId, 'public'),
			interactInfo: (noteId) => core.engagement.interactInfo(noteId),
			value: (noteId, metric) => core.engagement.noteValue(noteId, metric),
		},
		users: { setCounts: (userId, counts) => core.engagement.setUserCounts(userId, counts) },
		tokens: { expire: (noteId) => core.tokens.expire(noteId), current: (noteId) => core.tokens.currentToken(noteId) },
		faults: { inject: (f) => core.faults.inject(f), clear: () => core.faults.clear(), pending: () => core.faults.pending() },
		credits: { set: (key, used) => core.limits.setUsed(key, used), balances: () => core.limits.balances() },
		stats: () => core.stats.snapshot(),
		resetStats: () => core.stats.reset(),
		reset: () => core.reset(),
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
	return sandbox;
}
