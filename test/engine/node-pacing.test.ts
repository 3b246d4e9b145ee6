/**
 * Pacing, Retry-After and cancellation, against sandbox keys whose plan window is shrunk
 * from a minute to five seconds so a plan's limit can be met in seconds; the credential (a
 * Custom plan) names its window too.
 *
 * Real time, so every bound leaves room for a loaded 2-core machine (event-loop lag of a
 * second) and stays short of what a broken node would take:
 * - The margin the node keeps per window (1 s per minute) shrinks with the window to about
 *   80 ms, less than the lag under load. The credential therefore states the sandbox's 15 calls
 *   over a window of 6 s: about 1 s of margin per window, while an unpaced run still meets 429s
 *   (the first test).
 * - Cancellation must end the run long before the next window (a minute on the free plan) or
 *   the retry (30 s) would have come.
 */
import { busiestWindow } from '../../tooling/bench/busiest-window';
import { FIXTURES, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, runNode, sandboxForThisFile } from './node-support';

const PACED = 'pacing-15-per-5-seconds';
const SHARED_BY_TWO = 'pacing-shared-by-two-processes';
const SHARED = 'pacing-shared-15-per-5-seconds';
const WINDOW_MS = 5_000;
const LIMIT_PER_WINDOW = 15;
/** What the credential says: 15 calls (150 a minute) over 6 s, for the margin above. */
const CREDENTIAL_RATE = 150;
const CREDENTIAL_WINDOW_SECONDS = 6;
const RETRY = 'retry-after-key';
const SLOW = 'slow-free-plan-key';
const continueOnFail = { nodeSettings: { onError: 'continueRegularOutput' } };

const ALL_NOTES = Object.values(FIXTURES.notes);
const link = (n: { noteId: string; xsecToken: string }) =>
	`https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}`;

let sandbox: Sandbox;

sandboxForThisFile((started) => (sandbox = started), {
	keys: {
		// 15 calls per 5 seconds is 180 per minute: the credential says exactly that.
		[PACED]: { plan: 'custom', requestsPerMinute: LIMIT_PER_WINDOW, windowMs: WINDOW_MS, credits: 10_000 },
		[SHARED]: { plan: 'custom', requestsPerMinute: LIMIT_PER_WINDOW, windowMs: WINDOW_MS, credits: 10_000 },
		[SHARED_BY_TWO]: { plan: 'custom', requestsPerMinute: LIMIT_PER_WINDOW, windowMs: WINDOW_MS, credits: 10_000 },
		[RETRY]: { plan: 'custom', requestsPerMinute: 6_000, credits: 10_000 },
		[SLOW]: { plan: 'free', requestsPerMinute: 5, credits: 100 },
	},
});

describe('pacing', () => {
	it('without pacing, a burst at this key does meet 429s (the test below has teeth)', async () => {
		const burst = await Promise.all(
			ALL_NOTES.map((n) =>
				fetch(`${sandbox.url}/scraper/${sandbox.scraperId}/get_note_detail?note_id=${n.noteId}&xsec_token=${encodeURIComponent(n.xsecToken)}`, {
					headers: { 'X-API-Key': PACED },
				}),
			),
		);
		expect(burst.filter((r) => r.status === 429).length).toBeGreaterThan(0);
	});

	it("paces many items to the plan's window: every note fetched, zero 429s", async () => {
		const started = Date.now();
		const run = await runNode(
			ALL_NOTES.map((n) => ({ link: link(n) })),
			noteGet(),
			{ credentials: credentialsFor(sandbox, { key: PACED, plan: 'custom', requestsPerMinute: CREDENTIAL_RATE, windowSeconds: CREDENTIAL_WINDOW_SECONDS }), ...continueOnFail },
		);
		const calls = callsWith(sandbox, PACED);
		expect(calls).toHaveLength(ALL_NOTES.length);
		expect(calls.filter((c) => c.status === 429)).toEqual([]);
		expect(sandbox.stats().byKey[PACED].status429).toBe(0);
		expect(busiestWindow(calls.map((c) => c.at), WINDOW_MS)).toBeLessThanOrEqual(LIMIT_PER_WINDOW);
		// Deleted and private notes fail on their own; every other item is a note.
		expect(run.json.filter((j) => j.noteId).length).toBe(ALL_NOTES.length - 2);
		// 18 notes, 15 a window: the last three a window after the first.
		expect(Date.now() - started).toBeGreaterThanOrEqual(CREDENTIAL_WINDOW_SECONDS * 1_000);
	}, 30_000);

	it('is shared by two workflows running at once on the same key', async () => {
		// 18 calls in all: more than one window allows, so two unpaced runs together would meet 429s.
		const halves = [ALL_NOTES.slice(0, 9), ALL_NOTES.slice(9, 18)];
		await Promise.all(
			halves.map((notes) =>
				runNode(
					notes.map((n) => ({ link: link(n) })),
					noteGet(),
					{ credentials: credentialsFor(sandbox, { key: SHARED, plan: 'custom', requestsPerMinute: CREDENTIAL_RATE, windowSeconds: CREDENTIAL_WINDOW_SECONDS }), ...continueOnFail },
				),
			),
		);
		const calls = callsWith(sandbox, SHARED);
		expect(calls).toHaveLength(18);
		expect(calls.filter((c) => c.status === 429)).toEqual([]);
		expect(busiestWindow(calls.map((c) => c.at), WINDOW_MS)).toBeLessThanOrEqual(LIMIT_PER_WINDOW);
	}, 30_000);
});

describe('n8n Processes Sharing This Key', () => {
	it('keeps this process to its share of the plan: half of it when two processes share the key', async () => {
		const notes = ALL_NOTES.slice(0, 8);
		await runNode(
			notes.map((n) => ({ link: link(n) })),
			noteGet(),
			{
				credentials: credentialsFor(sandbox, {
					key: SHARED_BY_TWO,
					plan: 'custom',
					requestsPerMinute: CREDENTIAL_RATE,
					windowSeconds: CREDENTIAL_WINDOW_SECONDS,
					processes: 2,
				}),
				...continueOnFail,
			},
		);
		const arrivals = callsWith(sandbox, SHARED_BY_TWO).map((c) => c.at);
		expect(arrivals).toHaveLength(notes.length);
		// 15 calls per window for the key; this process's share, 7: the eighth waits for the next window.
		expect(arrivals[6] - arrivals[0]).toBeLessThan(1_500);
		expect(arrivals[7] - arrivals[0]).toBeGreaterThanOrEqual(CREDENTIAL_WINDOW_SECONDS * 1_000);
	}, 30_000);
});

describe('Retry-After', () => {
	it('waits the seconds parse.bot asks for on a 429, then succeeds', async () => {
		sandbox.faults.inject({ count: 1, status: 429, retryAfter: 2, key: RETRY });
		const run = await runNode([{ link: link(FIXTURES.notes.topics) }], noteGet(), {
			credentials: credentialsFor(sandbox, { key: RETRY }),
		});
		expect(run.error).toBeUndefined();
		const calls = callsWith(sandbox, RETRY);
		expect(calls.map((c) => c.status)).toEqual([429, 200]);
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(2_000);
		// Waiting twice (the hold, then a sleep as long) would take 4 s or more.
		expect(calls[1].at - calls[0].at).toBeLessThan(4_000);
	});

	it('reads an HTTP-date Retry-After too, and holds every item on the key, not just the one refused', async () => {
		const until = new Date(Date.now() + 3_000);
		sandbox.faults.inject({ count: 1, status: 429, retryAfter: until.toUTCString(), key: RETRY });
		const run = await runNode(
			[FIXTURES.notes.topics, FIXTURES.notes.singleImage, FIXTURES.notes.manyImages].map((n) => ({ link: link(n) })),
			noteGet(),
			// 300 a minute: calls start 200 ms apart, long after the 429 has reached the node, so
			// no call is already on the wire when the hold begins.
			{ credentials: credentialsFor(sandbox, { key: RETRY, plan: 'custom', requestsPerMinute: 300 }) },
		);
		expect(run.error).toBeUndefined();
		const calls = callsWith(sandbox, RETRY);
		expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
		const refusedAt = calls.find((c) => c.status === 429)!.at;
		// HTTP dates have one-second resolution: the wait is at least until the second named.
		const resumeAt = Math.floor(until.getTime() / 1000) * 1000;
		for (const later of calls.filter((c) => c.at > refusedAt)) expect(later.at).toBeGreaterThanOrEqual(resumeAt - 50);
	});

	it('gives up with a clear error when parse.bot asks for a longer wait than the node will sit out', async () => {
		sandbox.faults.inject({ count: 1, status: 429, retryAfter: 600, key: RETRY });
		const run = await runNode([{ link: link(FIXTURES.notes.emptyTitle) }], noteGet(), {
			credentials: credentialsFor(sandbox, { key: RETRY }),
		});
		const error = run.error as unknown as { message: string; description: string; httpCode: string };
		expect(error.httpCode).toBe('429');
		expect(error.message).toMatch(/rate limit stopped the request/);
		expect(error.description).toMatch(/asked to wait 600 s/);
		expect(callsWith(sandbox, RETRY)).toHaveLength(1);
	});
});

describe('retries used up on 429s', () => {
	it('say that other processes or tools use the key, and what to set', async () => {
		sandbox.faults.inject({ count: 4, status: 429, retryAfter: 1, key: RETRY });
		const run = await runNode([{ link: link(FIXTURES.notes.topics) }], noteGet(), {
			credentials: credentialsFor(sandbox, { key: RETRY }),
		});
		const error = run.error as unknown as { message: string; description: string; httpCode: string };
		expect(callsWith(sandbox, RETRY).map((c) => c.status)).toEqual([429, 429, 429, 429]);
		expect(error.httpCode).toBe('429');
		expect(error.message).toMatch(/rate limit stopped the request for note .* \(tried 4 times\)/);
		expect(error.description).toMatch(/Other n8n processes \(queue-mode workers, another n8n\) or other tools are using this API key/);
		expect(error.description).toMatch(/"n8n Processes Sharing This Key" to the number of n8n processes using the key/);
	}, 30_000);
});

describe('cancellation', () => {
	it('stops waiting for the next pacing slot at once', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const notes = ALL_NOTES.slice(0, 7);
		const pending = runNode(
			notes.map((n) => ({ link: link(n) })),
			noteGet(),
			{ credentials: credentialsFor(sandbox, { key: SLOW, plan: 'free' }), signal: controller.signal },
		);
		// The free plan allows 5 calls a minute: after them the run waits for the next minute.
		while (callsWith(sandbox, SLOW).length < 5 && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 20));
		controller.abort();
		const run = await pending;
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(run.result.status).toBe('canceled');
		expect(callsWith(sandbox, SLOW)).toHaveLength(5);
	});

	it('stops a retry backoff at once', async () => {
		sandbox.faults.inject({ count: 1, retryHint: true, retryAfter: 30, key: RETRY });
		const controller = new AbortController();
		const started = Date.now();
		const pending = runNode([{ link: link(FIXTURES.notes.countsWan) }], noteGet(), {
			credentials: credentialsFor(sandbox, { key: RETRY }),
			signal: controller.signal,
		});
		while (callsWith(sandbox, RETRY).length === 0 && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 20));
		controller.abort();
		const run = await pending;
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(run.result.status).toBe('canceled');
		expect(callsWith(sandbox, RETRY)).toHaveLength(1);
	});
});
