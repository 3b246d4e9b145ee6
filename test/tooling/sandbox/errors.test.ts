import { FIXTURES, SANDBOX_KEYS, startSandbox, type Sandbox } from '../../../tooling/sandbox/index';
import { call, noteParams } from '../../../tooling/sandbox/testClient';

const { notes, users, unknown } = FIXTURES;

describe('sandbox parse.bot API: documented errors', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('401 for a missing key and for an unknown key, in the parse.bot error body', async () => {
		const missing = await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: null });
		expect(missing.status).toBe(401);
		expect(missing.json).toEqual({ error: { message: expect.stringMatching(/API key/) }, status_code: 401 });
		const wrong = await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: 'not-a-key' });
		expect(wrong.status).toBe(401);
		expect(wrong.json.status_code).toBe(401);
		expect(sandbox.stats().byKey['not-a-key']).toMatchObject({ calls: 1, creditsSpent: 0 });
	});

	it('404 for an unknown scraper id and for an unknown endpoint', async () => {
		const scraper = await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { scraperId: '00000000-0000-0000-0000-000000000000' });
		expect(scraper.status).toBe(404);
		expect(scraper.json.error.message).toMatch(/Scraper .* not found/);
		const endpoint = await call(sandbox, 'search_notes', { keyword: '咖啡' });
		expect(endpoint.status).toBe(404);
	});

	it('400 for missing, empty or malformed parameters and a malformed JSON body', async () => {
		const noToken = await call(sandbox, 'get_note_detail', { note_id: notes.singleImage.noteId });
		expect(noToken.status).toBe(400);
		expect(noToken.json.error.message).toBe('Missing required parameter: xsec_token');
		expect((await call(sandbox, 'get_note_detail', { note_id: '', xsec_token: 'x' })).status).toBe(400);
		const badId = await call(sandbox, 'get_note_detail', { note_id: 'not-an-id', xsec_token: notes.singleImage.xsecToken });
		expect(badId.status).toBe(400);
		expect(badId.json.error.message).toMatch(/24 lowercase hexadecimal/);
		expect((await call(sandbox, 'get_user_profile', {})).status).toBe(400);
		expect((await call(sandbox, 'get_user_profile', { user_id: notes.singleImage.noteId.toUpperCase() })).status).toBe(400);

		const { request } = await import('undici');
		const res = await request(`${sandbox.url}/scraper/${sandbox.scraperId}/get_user_profile`, {
			method: 'POST',
			headers: { 'x-api-key': SANDBOX_KEYS.fast, 'content-type': 'application/json' },
			body: '{"user_id": ',
		});
		expect(res.statusCode).toBe(400);
		expect(((await res.body.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
	});

	it('422 stale_input for a token from another note, an expired token and a never-issued token', async () => {
		const other = await call(sandbox, 'get_note_detail', { note_id: notes.singleImage.noteId, xsec_token: notes.topics.xsecToken });
		expect(other.status).toBe(422);
		expect(other.json).toMatchObject({
			error: { status: 'stale_input', message: expect.stringMatching(/different note/), upstream_status_code: 200, url: expect.stringContaining(notes.singleImage.noteId) },
			status_code: 422,
		});
		expect(other.json.error.snippet).toContain('当前笔记暂时无法浏览');

		const expired = await call(sandbox, 'get_note_detail', { note_id: notes.expiredToken.noteId, xsec_token: notes.expiredToken.expiredXsecToken! });
		expect(expired.status).toBe(422);
		expect(expired.json.error.message).toMatch(/expired/);
		expect((await call(sandbox, 'get_note_detail', noteParams(notes.expiredToken))).status).toBe(200);

		const never = await call(sandbox, 'get_note_detail', { note_id: notes.singleImage.noteId, xsec_token: unknown.xsecToken });
		expect(never.status).toBe(422);
	});

	it('tokens.expire() makes the current token stale and hands out a working replacement', async () => {
		const n = notes.manyImages;
		const fresh = sandbox.tokens.expire(n.noteId);
		expect(fresh).toMatch(/^CB[A-Za-z0-9_-]{43}=$/);
		expect(fresh).not.toBe(n.xsecToken);
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).json.error.status).toBe('stale_input');
		expect((await call(sandbox, 'get_note_detail', { note_id: n.noteId, xsec_token: fresh })).status).toBe(200);
		expect(sandbox.tokens.current(n.noteId)).toBe(fresh);
		sandbox.reset();
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).status).toBe(200);
	});

	it('422 stale_input for deleted, private and unknown notes and unknown users, with the upstream wording', async () => {
		const deleted = await call(sandbox, 'get_note_detail', noteParams(notes.deleted));
		expect(deleted.status).toBe(422);
		expect(deleted.json.error.message).toContain('笔记不存在');
		const priv = await call(sandbox, 'get_note_detail', noteParams(notes.private));
		expect(priv.json.error).toMatchObject({ status: 'stale_input', message: expect.stringContaining('当前笔记暂时无法浏览') });
		expect((await call(sandbox, 'get_note_detail', { note_id: unknown.noteId, xsec_token: unknown.xsecToken })).status).toBe(422);
		const user = await call(sandbox, 'get_user_profile', { user_id: unknown.userId });
		expect(user.status).toBe(422);
		expect(user.json.error.message).toContain('用户不存在');
	});

	it('notes.remove() and makePrivate() turn a working note stale at run time; restore() brings it back', async () => {
		const n = notes.singleImage;
		sandbox.notes.remove(n.noteId);
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).json.error.message).toContain('笔记不存在');
		sandbox.notes.makePrivate(n.noteId);
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).json.error.message).toContain('无法浏览');
		sandbox.notes.restore(n.noteId);
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).status).toBe(200);
	});

	it('errors cost no credit by default', async () => {
		await call(sandbox, 'get_note_detail', noteParams(notes.deleted), { key: SANDBOX_KEYS.hobby });
		await call(sandbox, 'get_user_profile', {}, { key: SANDBOX_KEYS.hobby });
		expect(sandbox.stats().byKey[SANDBOX_KEYS.hobby]).toMatchObject({ calls: 2, creditsSpent: 0 });
		expect(sandbox.credits.balances()[SANDBOX_KEYS.hobby].used).toBe(0);
	});
});

describe('sandbox charging failed calls when configured', () => {
	it('charges 4xx/5xx answers but never 401 or 429 when chargeFailedCalls is on', async () => {
		const sandbox = await startSandbox({ chargeFailedCalls: true, keys: { tiny: { requestsPerMinute: 2, credits: 10, windowMs: 60_000 } } });
		try {
			await call(sandbox, 'get_note_detail', noteParams(notes.deleted), { key: 'tiny' });
			await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: 'tiny' });
			await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: 'tiny' });
			await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: 'bogus' });
			const stats = sandbox.stats();
			expect(stats.calls.map((c) => [c.status, c.credits])).toEqual([
				[422, 1],
				[200, 1],
				[429, 0],
				[401, 0],
			]);
		} finally {
			await sandbox.close();
		}
	});
});

describe('sandbox plan limits', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({
			keys: {
				burst: { plan: 'custom', requestsPerMinute: 3, credits: 1000, windowMs: 1500 },
				fewCredits: { plan: 'hobby', requestsPerMinute: 100, credits: 2 },
			},
		});
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('answers 429 with Retry-After once the sliding window is full, and admits again after it slides', async () => {
		const params = noteParams(notes.singleImage);
		for (let i = 0; i < 3; i++) expect((await call(sandbox, 'get_note_detail', params, { key: 'burst' })).status).toBe(200);
		const refused = await call(sandbox, 'get_note_detail', params, { key: 'burst' });
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBe('2');
		expect(refused.json.status_code).toBe(429);
		// A burst refusal must not read like a monthly exhaustion.
		expect(refused.json.error.message).not.toMatch(/credit|quota|plan/i);
		await new Promise((r) => setTimeout(r, 1600));
		expect((await call(sandbox, 'get_note_detail', params, { key: 'burst' })).status).toBe(200);
		expect(sandbox.stats().byKey.burst).toMatchObject({ calls: 5, creditsSpent: 4, status429: 1 });
	});

	it('limits each key separately', async () => {
		const params = noteParams(notes.singleImage);
		for (let i = 0; i < 4; i++) await call(sandbox, 'get_note_detail', params, { key: 'burst' });
		expect((await call(sandbox, 'get_note_detail', params, { key: SANDBOX_KEYS.fast })).status).toBe(200);
	});

	it("the free plan's real limit is 5 per minute", async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await call(sandbox, 'get_user_profile', { user_id: users.guoJiaFeng.userId }, { key: SANDBOX_KEYS.free })).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
	});

	it('answers 429 saying the monthly credits are used up, without Retry-After, once credits run out', async () => {
		const params = { user_id: users.guoJiaFeng.userId };
		expect((await call(sandbox, 'get_user_profile', params, { key: 'fewCredits' })).status).toBe(200);
		expect((await call(sandbox, 'get_user_profile', params, { key: 'fewCredits' })).status).toBe(200);
		const out = await call(sandbox, 'get_user_profile', params, { key: 'fewCredits' });
		expect(out.status).toBe(429);
		expect(out.headers['retry-after']).toBeUndefined();
		expect(out.json.error.message).toMatch(/Monthly credits used up/);
		expect(out.json.error.message).toMatch(/2 of 2 credits/);
		expect(sandbox.credits.balances().fewCredits).toMatchObject({ used: 2, remaining: 0 });
	});

	it("the exhausted key is out of credits from the start; credits.set() tops it up", async () => {
		const res = await call(sandbox, 'get_user_profile', { user_id: users.guoJiaFeng.userId }, { key: SANDBOX_KEYS.exhausted });
		expect(res.status).toBe(429);
		expect(res.json.error.message).toMatch(/credits/);
		sandbox.credits.set(SANDBOX_KEYS.exhausted, 99);
		expect((await call(sandbox, 'get_user_profile', { user_id: users.guoJiaFeng.userId }, { key: SANDBOX_KEYS.exhausted })).status).toBe(200);
	});
});
