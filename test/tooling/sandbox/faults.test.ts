import { Socket } from 'node:net';
import { FIXTURES, SANDBOX_KEYS, startSandbox, type Sandbox } from '../../../tooling/sandbox/index';
import { call, noteParams } from '../../../tooling/sandbox/testClient';

const note = FIXTURES.notes.singleImage;
const profile = { user_id: FIXTURES.users.guoJiaFeng.userId };

describe('sandbox faults', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('fails exactly the next N calls with the given status, then serves normally', async () => {
		sandbox.faults.inject({ count: 2, status: 500 });
		const first = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(first.status).toBe(500);
		expect(first.json).toMatchObject({ error: { status: 'error', message: expect.any(String) }, status_code: 500 });
		expect((await call(sandbox, 'get_note_detail', noteParams(note))).status).toBe(500);
		expect((await call(sandbox, 'get_note_detail', noteParams(note))).status).toBe(200);
		const stats = sandbox.stats();
		expect(stats.calls.map((c) => c.fault)).toEqual(['500', '500', undefined]);
		expect(stats.totals.creditsSpent).toBe(1);
	});

	it('502 upstream_error carries the upstream status, an HTML snippet and the upstream URL', async () => {
		sandbox.faults.inject({ count: 1, status: 502 });
		const res = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(res.status).toBe(502);
		expect(res.json.error).toMatchObject({ status: 'upstream_error', upstream_status_code: 502, url: expect.stringContaining(note.noteId) });
		expect(res.json.error.snippet).toMatch(/^<html>/);
	});

	it('503 blocked without a retry hint has neither Retry-After nor retry_after', async () => {
		sandbox.faults.inject({ count: 1, status: 503 });
		const res = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(res.status).toBe(503);
		expect(res.json.error.status).toBe('blocked');
		expect(res.json.error.retry_after).toBeUndefined();
		expect(res.headers['retry-after']).toBeUndefined();
	});

	it('503 blocked with a retry hint has error.retry_after seconds and the same Retry-After header', async () => {
		sandbox.faults.inject({ count: 1, retryHint: true, retryAfter: 7 });
		const res = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(res.status).toBe(503);
		expect(res.json.error).toMatchObject({ status: 'blocked', retry_after: 7 });
		expect(res.headers['retry-after']).toBe('7');
	});

	it('a 429 fault can carry an HTTP-date Retry-After', async () => {
		const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
		sandbox.faults.inject({ count: 1, status: 429, retryAfter: date });
		const res = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe(date);
	});

	it('serves an HTML gateway page instead of JSON', async () => {
		sandbox.faults.inject({ count: 1, body: 'html' });
		const res = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(res.status).toBe(502);
		expect(res.headers['content-type']).toMatch(/text\/html/);
		expect(res.json).toBeUndefined();
		expect(res.text).toContain('502 Bad Gateway');
	});

	it('serves truncated JSON with 200 that no parser accepts', async () => {
		sandbox.faults.inject({ count: 1, body: 'truncated' });
		const res = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/application\/json/);
		expect(res.text.startsWith('{"data":{"note_id"')).toBe(true);
		expect(() => JSON.parse(res.text)).toThrow();
	});

	it('delays the real answer', async () => {
		sandbox.faults.inject({ count: 1, delayMs: 300 });
		const started = Date.now();
		const res = await call(sandbox, 'get_note_detail', noteParams(note));
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(res.status).toBe(200);
	});

	it('drops the connection without an answer', async () => {
		sandbox.faults.inject({ count: 1, drop: true });
		await expect(call(sandbox, 'get_note_detail', noteParams(note))).rejects.toThrow();
		expect(sandbox.stats().calls[0]).toMatchObject({ status: 0, fault: 'drop', credits: 0 });
		expect((await call(sandbox, 'get_note_detail', noteParams(note))).status).toBe(200);
	});

	it('applies a fault only to the endpoint and key it names', async () => {
		sandbox.faults.inject({ count: 1, status: 500, endpoint: 'get_user_profile', key: SANDBOX_KEYS.hobby });
		expect((await call(sandbox, 'get_note_detail', noteParams(note), { key: SANDBOX_KEYS.hobby })).status).toBe(200);
		expect((await call(sandbox, 'get_user_profile', profile)).status).toBe(200);
		expect(sandbox.faults.pending()).toHaveLength(1);
		expect((await call(sandbox, 'get_user_profile', profile, { key: SANDBOX_KEYS.hobby })).status).toBe(500);
		expect(sandbox.faults.pending()).toHaveLength(0);
	});

	it('clear() removes pending faults', async () => {
		sandbox.faults.inject({ count: 5, status: 503 });
		sandbox.faults.clear();
		expect((await call(sandbox, 'get_note_detail', noteParams(note))).status).toBe(200);
	});

	it('latencyMs slows every API answer', async () => {
		const slow = await startSandbox({ latencyMs: 200 });
		try {
			const started = Date.now();
			await call(slow, 'get_user_profile', profile);
			expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		} finally {
			await slow.close();
		}
	});

	it('close() ends open keep-alive connections', async () => {
		const s = await startSandbox();
		const socket = new Socket();
		await new Promise<void>((resolve) => socket.connect(Number(new URL(s.url).port), '127.0.0.1', resolve));
		const closed = new Promise<'socket closed'>((resolve) => socket.on('close', () => resolve('socket closed')));
		expect(socket.readyState).toBe('open');
		// A server that waits for idle keep-alive connections never finishes closing: say so, rather than time out.
		let timer: NodeJS.Timeout | undefined;
		const stuck = new Promise<'still open after 5 s'>((resolve) => (timer = setTimeout(() => resolve('still open after 5 s'), 5_000)));
		try {
			expect(await Promise.race([s.close().then(() => closed), stuck])).toBe('socket closed');
		} finally {
			clearTimeout(timer);
			socket.destroy();
		}
		expect(socket.destroyed).toBe(true);
	});
});
