/**
 * Every failure a user can meet, through a real workflow: local validation (free), every
 * parse.bot status with its message and what to do, retries where they can help and none
 * where they cannot, Continue On Fail with the right pairedItem, fatal failures that stop
 * the run once, and an API key that never shows up anywhere.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, runNode, userGet, sandboxForThisFile } from './node-support';

const { notes, users, shortLinks, unknown } = FIXTURES;
const FAST = SANDBOX_KEYS.fast;
const SECRET_KEY = 'sk-live-LEAKCHECK-7f3a9c1e5b2d4680';
const continueOnFail = { nodeSettings: { onError: 'continueRegularOutput' } };
/**
 * For "no more calls after a fatal answer": on a key this process has not called yet, the
 * first call and the probe for bursts go out together, and every other call waits for the
 * probe's answer; a fatal answer to either stops them. After that, the next even slot comes a
 * second later, long after the fatal answer is back even on a loaded machine.
 */
const ONE_CALL_A_SECOND = { plan: 'custom' as const, requestsPerMinute: 60 };

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started), {
		keys: { [SECRET_KEY]: { plan: 'custom', requestsPerMinute: 6_000, credits: 1_000_000 } },
	});

function link(n: { noteId: string }, token: string) {
	return `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(token)}&xsec_source=pc_feed`;
}
const good = (n: { noteId: string; xsecToken: string }) => link(n, n.xsecToken);

type ErrorShape = { message: string; description?: string; httpCode?: string | null; context?: { itemIndex?: number } };

/** A loopback address nothing listens on: a port taken and let go again. */
async function closedLoopbackUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}

async function failingNote(itemLink: string, credentialOptions = {}) {
	const run = await runNode([{ link: itemLink }], noteGet(), { credentials: credentialsFor(sandbox, credentialOptions) });
	expect(run.result.status).toBe('error');
	return run.error as unknown as ErrorShape;
}

describe('validation before any call (free)', () => {
	it.each([
		['a malformed note id in the link', 'https://www.xiaohongshu.com/explore/641ae75d00000000130?xsec_token=x', /note id should be/],
		['a note link without its xsec token', `https://www.xiaohongshu.com/explore/${notes.videoSample.noteId}`, /has no xsec/],
		['a damaged token', `https://www.xiaohongshu.com/explore/${notes.videoSample.noteId}?xsec_token=CB12`, /looks cut off or damaged/],
		['a Xiaohongshu link with no note', 'https://www.xiaohongshu.com/explore', /not to a note/],
		['a profile link where a note is wanted', `https://www.xiaohongshu.com/user/profile/${users.guoJiaFeng.userId}`, /profile link, not a note link/],
		['a link to another site', 'https://example.com/explore/641ae75d0000000013031c27', /not a Xiaohongshu link/],
		['text with no link', '今天天气不错', /No Xiaohongshu link/],
	])('%s fails its item with a clear error and costs nothing', async (_, input, message) => {
		const error = await failingNote(input);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/cost no credit|Nothing was sent/);
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.stats().totals.calls).toBe(0);
	});

	it('ID mode with the Xsec Token empty: the item fails with what to do, and nothing is sent', async () => {
		const run = await runNode([{}], { resource: 'note', operation: 'get', note: { __rl: true, mode: 'id', value: notes.videoSample.noteId } }, {
			credentials: credentialsFor(sandbox),
		});
		expect(run.error?.message).toBe(
			`Note ${notes.videoSample.noteId} was given without an xsec_token; Xiaohongshu needs the token to open note ${notes.videoSample.noteId}`,
		);
		expect(sandbox.stats().totals.calls).toBe(0);
	});

	it('ID mode: a token that resolves to nothing for one item fails that item only', async () => {
		const run = await runNode(
			[{ id: notes.topics.noteId, token: notes.topics.xsecToken }, { id: notes.videoSample.noteId, token: '' }],
			{
				resource: 'note',
				operation: 'get',
				note: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				xsec: '={{ $json.token }}',
			},
			{ credentials: credentialsFor(sandbox), ...continueOnFail },
		);
		expect(run.json[0].noteId).toBe(notes.topics.noteId);
		expect(run.json[1].error).toBe(
			`Note ${notes.videoSample.noteId} was given without an xsec_token; Xiaohongshu needs the token to open note ${notes.videoSample.noteId}`,
		);
		expect(callsWith(sandbox, FAST)).toHaveLength(1);
	});

	it('a red_id where a user is wanted explains it cannot be looked up', async () => {
		const run = await runNode([{ link: '117208536' }], userGet(), { credentials: credentialsFor(sandbox) });
		expect((run.error as unknown as ErrorShape).message).toMatch(/小红书号/);
		expect(sandbox.stats().totals.calls).toBe(0);
	});
});

describe('short links that do not lead to a note', () => {
	it.each([
		[shortLinks.notFound.url, /unknown or has expired/],
		[shortLinks.foreignHost.url, /leads outside Xiaohongshu \(example\.com\)/],
		[shortLinks.loopA.url, /redirects more than 5 times/],
	])('%s fails with a clear error, no parse.bot call', async (url, message) => {
		const error = await failingNote(url);
		expect(error.message).toMatch(message);
		expect(sandbox.stats().totals.calls).toBe(0);
		// The foreign host is never contacted: only xhslink.com is.
		expect(sandbox.stats().proxy.refused).toEqual([]);
	});
});

describe('parse.bot statuses', () => {
	it('422 for an expired token: get a fresh share link; not retried', async () => {
		const error = await failingNote(link(notes.expiredToken, notes.expiredToken.expiredXsecToken as string));
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe(`Xiaohongshu would not serve note ${notes.expiredToken.noteId} with this link's token`);
		expect(error.description).toMatch(/Get a fresh share link/);
		expect(callsWith(sandbox, FAST)).toHaveLength(1);
	});

	it('422 for a token that belongs to another note says the same', async () => {
		const error = await failingNote(link(notes.singleImage, notes.topics.xsecToken));
		expect(error.httpCode).toBe('422');
		expect(error.description).toMatch(/belongs to another note/);
	});

	it.each([
		['deleted', notes.deleted],
		['private', notes.private],
	])('422 for a %s note says it is private or deleted', async (_, n) => {
		const error = await failingNote(good(n));
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe(`Note ${n.noteId} is private or has been deleted`);
		expect(callsWith(sandbox, FAST)).toHaveLength(1);
	});

	it('422 for an unknown user', async () => {
		const run = await runNode([{ link: unknown.userId }], userGet(), { credentials: credentialsFor(sandbox) });
		const error = run.error as unknown as ErrorShape;
		expect(error.httpCode).toBe('422');
		expect(error.message).toMatch(`user ${unknown.userId}`);
	});

	it('400 is not retried and says to check the input', async () => {
		sandbox.faults.inject({ count: 1, status: 400 });
		const error = await failingNote(good(notes.topics));
		expect(error.httpCode).toBe('400');
		expect(error.message).toMatch(/rejected the request for note .* as malformed/);
		expect(callsWith(sandbox, FAST)).toHaveLength(1);
	});

	it('401: a bad key stops the run with one error telling to fix the credential', async () => {
		const error = await failingNote(good(notes.topics), { key: 'not-a-real-key' });
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('parse.bot did not accept the API key');
		expect(error.description).toMatch(/Copy the key again from your parse\.bot dashboard/);
	});

	it('404: an unknown scraper id names the id and says to check it', async () => {
		const error = await failingNote(good(notes.topics), { scraperId: 'no-such-scraper' });
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('parse.bot does not know scraper ID no-such-scraper');
		expect(error.description).toMatch(/Check the Scraper ID/);
	});

	it('429 with credits used up stops the run and is not retried', async () => {
		const error = await failingNote(good(notes.topics), { key: SANDBOX_KEYS.exhausted });
		expect(error.httpCode).toBe('429');
		expect(error.message).toBe('Your parse.bot credits are used up');
		expect(callsWith(sandbox, SANDBOX_KEYS.exhausted)).toHaveLength(1);
	});

	it('500 is retried with backoff and succeeds when the scraper recovers', async () => {
		sandbox.faults.inject({ count: 2, status: 500 });
		const run = await runNode([{ link: good(notes.topics) }], noteGet(), { credentials: credentialsFor(sandbox) });
		expect(run.error).toBeUndefined();
		expect(run.json[0].noteId).toBe(notes.topics.noteId);
		expect(callsWith(sandbox, FAST).map((c) => c.status)).toEqual([500, 500, 200]);
	});

	it('500 every time fails after a bounded number of tries', async () => {
		sandbox.faults.inject({ count: 10, status: 500 });
		const error = await failingNote(good(notes.topics));
		expect(error.httpCode).toBe('500');
		expect(error.message).toBe(`parse.bot's scraper failed while fetching note ${notes.topics.noteId} (tried 4 times)`);
		expect(callsWith(sandbox, FAST)).toHaveLength(4);
	});

	it('502 is not retried and names the upstream status', async () => {
		sandbox.faults.inject({ count: 5, status: 502 });
		const error = await failingNote(good(notes.topics));
		expect(error.httpCode).toBe('502');
		expect(error.message).toBe(`Xiaohongshu answered parse.bot with an error (status 502) for note ${notes.topics.noteId}`);
		expect(callsWith(sandbox, FAST)).toHaveLength(1);
	});

	it('503 without a retry hint is not retried', async () => {
		sandbox.faults.inject({ count: 5, status: 503 });
		const error = await failingNote(good(notes.topics));
		expect(error.httpCode).toBe('503');
		expect(error.message).toBe(`Xiaohongshu blocked parse.bot's request for note ${notes.topics.noteId}`);
		expect(error.description).toMatch(/anti-bot/);
		expect(callsWith(sandbox, FAST)).toHaveLength(1);
	});

	it('503 with a retry hint is retried after the hinted wait', async () => {
		sandbox.faults.inject({ count: 1, retryHint: true, retryAfter: 1 });
		const started = Date.now();
		const run = await runNode([{ link: good(notes.topics) }], noteGet(), { credentials: credentialsFor(sandbox) });
		expect(run.error).toBeUndefined();
		const calls = callsWith(sandbox, FAST);
		expect(calls.map((c) => c.status)).toEqual([503, 200]);
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('an answer cut mid-JSON is reported as a format problem, not as a crash', async () => {
		sandbox.faults.inject({ count: 1, body: 'truncated' });
		const error = await failingNote(good(notes.topics));
		expect(error.message).toMatch(/data the node does not understand/);
	});

	it('a dropped connection says parse.bot could not be reached', async () => {
		sandbox.faults.inject({ count: 1, drop: true });
		const error = await failingNote(good(notes.topics));
		expect(error.message).toMatch(new RegExp(`^Could not reach parse\\.bot at ${sandbox.url.replace(/[.]/g, '\\.')}: the connection to .* was cut off$`));
		expect(error.description).toMatch(/Try again.*no credit was spent\. \(Error code: ECONNRESET\)$/s);
	});

	it('a closed port is explained in words (refused, check the Base URL), not as a bare ECONNREFUSED', async () => {
		const closed = await closedLoopbackUrl();
		const run = await runNode([{ link: good(notes.topics) }], noteGet(), {
			credentials: { parseXhsApi: { ...credentialsFor(sandbox).parseXhsApi, baseUrl: closed } },
		});
		const error = run.error as unknown as ErrorShape;
		expect(error.message).toBe(`Could not reach parse.bot at ${closed}: ${new URL(closed).host} refused the connection`);
		expect(error.description).toMatch(/Base URL.*no credit was spent\. \(Error code: ECONNREFUSED\)$/s);
	});
});

describe('Continue On Fail', () => {
	it('turns each failing item into an error item with its pairedItem, and every other item goes through', async () => {
		const inputs = [
			{ link: good(notes.topics) },
			{ link: 'https://www.xiaohongshu.com/explore/not-an-id?xsec_token=x' },
			{ link: link(notes.expiredToken, notes.expiredToken.expiredXsecToken as string) },
			{ link: good(notes.singleImage) },
			{ link: 'no link here' },
			{ link: good(notes.private) },
			{ link: shortLinks.oPath.url },
		];
		const run = await runNode(inputs, noteGet(), { credentials: credentialsFor(sandbox), ...continueOnFail });
		expect(run.result.status).toBe('success');
		expect(run.items.map((i) => i.pairedItem)).toEqual(inputs.map((_, item) => ({ item })));
		const summary = run.json.map((j) => (j.error ? `error: ${String(j.error).slice(0, 60)}` : j.noteId));
		expect(summary).toEqual([
			notes.topics.noteId,
			expect.stringMatching(/^error: /),
			expect.stringMatching(/^error: Xiaohongshu would not serve/),
			notes.singleImage.noteId,
			expect.stringMatching(/^error: No Xiaohongshu link/),
			expect.stringMatching(/^error: Note .* is private/),
			notes.topics.noteId,
		]);
		expect(run.json[2]).toMatchObject({ httpCode: '422', description: expect.stringMatching(/fresh share link/) });
		// Items 1 and 4 cost nothing; the short link (item 6) is the same note as item 0: fetched once.
		expect(callsWith(sandbox, FAST).map((c) => c.noteId)).toEqual(
			expect.arrayContaining([notes.topics.noteId, notes.expiredToken.noteId, notes.singleImage.noteId, notes.private.noteId]),
		);
		expect(callsWith(sandbox, FAST)).toHaveLength(4);
	});

	it('still fails the node, once, when the credits are used up: no error item per remaining item, no more calls', async () => {
		const inputs = [notes.topics, notes.singleImage, notes.manyImages, notes.emptyTitle].map((n) => ({ link: good(n) }));
		const run = await runNode(inputs, noteGet(), {
			credentials: credentialsFor(sandbox, { key: SANDBOX_KEYS.exhausted, ...ONE_CALL_A_SECOND }),
			...continueOnFail,
		});
		expect(run.result.status).toBe('error');
		const task = run.result.runData.Xiaohongshu[0];
		expect(task.executionStatus).toBe('error');
		expect(task.error?.message).toBe('Your parse.bot credits are used up');
		// What n8n does with a node that fails under Continue On Fail: it passes the input on untouched.
		expect(run.json).toEqual(inputs);
		// The first call and the probe; none of the two items behind them.
		expect(callsWith(sandbox, SANDBOX_KEYS.exhausted)).toHaveLength(2);
	});

	it('still stops the whole run, once, on a bad key', async () => {
		const inputs = [notes.topics, notes.singleImage, notes.manyImages].map((n) => ({ link: good(n) }));
		const run = await runNode(inputs, noteGet(), {
			credentials: credentialsFor(sandbox, { key: 'wrong-key', ...ONE_CALL_A_SECOND }),
			...continueOnFail,
		});
		expect(run.result.status).toBe('error');
		expect((run.error as unknown as ErrorShape).message).toBe('parse.bot did not accept the API key');
		// The first call and the probe; not the third item behind them.
		expect(callsWith(sandbox, 'wrong-key')).toHaveLength(2);
	});

	it('without Continue On Fail, the first failing item stops the run and is named', async () => {
		const inputs = [{ link: good(notes.topics) }, { link: 'no link' }, { link: good(notes.singleImage) }];
		const run = await runNode(inputs, noteGet(), { credentials: credentialsFor(sandbox) });
		expect(run.result.status).toBe('error');
		expect((run.error as unknown as ErrorShape).context?.itemIndex).toBe(1);
	});
});

describe('the API key', () => {
	it('never appears in output items, errors or the stored execution', async () => {
		sandbox.faults.inject({ count: 1, status: 502, key: SECRET_KEY });
		const inputs = [
			{ link: good(notes.topics) },
			{ link: good(notes.singleImage) },
			{ link: link(notes.expiredToken, notes.expiredToken.expiredXsecToken as string) },
			{ link: 'nothing' },
		];
		const run = await runNode(inputs, noteGet({ options: { includeAuthorProfile: true } }), {
			credentials: credentialsFor(sandbox, { key: SECRET_KEY }),
			...continueOnFail,
		});
		expect(run.json.filter((j) => j.error)).toHaveLength(3);
		expect(callsWith(sandbox, SECRET_KEY).length).toBeGreaterThan(0);
		const everything = JSON.stringify(run.result.run) + JSON.stringify(run.items);
		expect(everything).not.toContain(SECRET_KEY);
		expect(everything).not.toContain('LEAKCHECK');

		const failed = await runNode([{ link: good(notes.topics) }], noteGet(), {
			credentials: credentialsFor(sandbox, { key: 'sk-bad-LEAKCHECK-0000' }),
		});
		const failure = failed.error as unknown as Record<string, unknown>;
		const errorText = JSON.stringify(failed.result.run) + JSON.stringify(failure) + String(failure.stack) + String(failure.description);
		expect(errorText).not.toContain('LEAKCHECK');
	});
});
