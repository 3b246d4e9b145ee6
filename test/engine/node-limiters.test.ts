/**
 * The node against each limiter kind the sandbox plays (sliding window, fixed window, token
 * bucket of one), on keys whose window is shrunk from a minute to a few seconds. The credential
 * names its window (Custom plan, Rate Limit Window) a second longer than the sandbox's and the
 * same number of calls, so a loaded machine's event-loop lag (up to a second) never turns the
 * node's waves into 429s; a token bucket's key refills faster than the node's even spacing for
 * the same reason.
 *
 * What each test proves: a sheet within the window's allowance goes out at once (not a spacing
 * apart); a longer one in waves, with no 429 on the window limiters; two executions back to
 * back (the second starting while the first's calls still fill the window) meet no 429 either;
 * on the token bucket the node learns from one refused call and spaces the rest, failing no item.
 */
import { busiestWindow } from '../../tooling/bench/busiest-window';
import { FIXTURES, type LimiterKind, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, runNode, sandboxForThisFile } from './node-support';

const WINDOW_MS = 5_000;
const LIMIT = 10;
/** The credential: 10 calls per 6 s (100 a minute). */
const CREDENTIAL = { plan: 'custom' as const, requestsPerMinute: 100, windowSeconds: 6 };
/** The token bucket refills every 400 ms (150 a minute); the node spaces 100 a minute (616 ms). */
const BUCKET_WINDOW_MS = 4_000;
const continueOnFail = { nodeSettings: { onError: 'continueRegularOutput' } };

const ALL_NOTES = Object.values(FIXTURES.notes);
/** Deleted and private notes fail on their own (422), whatever the pacing. */
const GOOD_NOTES = ALL_NOTES.filter((n) => (n.state ?? 'public') === 'public');
const link = (n: { noteId: string; xsecToken: string }) =>
	`https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}`;

const key = (kind: LimiterKind, test: string) => `limiter-${kind}-${test}`;
const KINDS: LimiterKind[] = ['sliding', 'fixed', 'tokenBucket'];
const TESTS = ['short', 'long', 'back-to-back'];

let sandbox: Sandbox;

sandboxForThisFile((started) => (sandbox = started), {
	keys: Object.fromEntries(
		KINDS.flatMap((kind) =>
			TESTS.map((test) => [
				key(kind, test),
				kind === 'tokenBucket'
					? { plan: 'custom', limiter: kind, requestsPerMinute: LIMIT, windowMs: BUCKET_WINDOW_MS, credits: 10_000 }
					: { plan: 'custom', limiter: kind, requestsPerMinute: LIMIT, windowMs: WINDOW_MS, credits: 10_000 },
			]),
		),
	),
});

async function sheet(apiKey: string, notes: typeof ALL_NOTES) {
	return await runNode(
		notes.map((n) => ({ link: link(n) })),
		noteGet(),
		{ credentials: credentialsFor(sandbox, { key: apiKey, ...CREDENTIAL }), ...continueOnFail },
	);
}

const fetched = (run: Awaited<ReturnType<typeof sheet>>) => run.json.filter((j) => j.noteId).length;

describe.each(['sliding', 'fixed'] as const)('a %s window limiter', (kind) => {
	it('takes a sheet within the window at once: all calls in one wave, after the probe', async () => {
		const apiKey = key(kind, 'short');
		const notes = GOOD_NOTES.slice(0, 6);
		const run = await sheet(apiKey, notes);
		const calls = callsWith(sandbox, apiKey);
		expect(fetched(run)).toBe(notes.length);
		expect(calls.map((c) => c.status)).toEqual(Array(notes.length).fill(200));
		// Even spacing would put the last call 3 s after the first (616 ms apart).
		expect(calls[calls.length - 1].at - calls[0].at).toBeLessThan(1_500);
	}, 30_000);

	it('sends a longer sheet in window-sized waves with no 429', async () => {
		const apiKey = key(kind, 'long');
		const run = await sheet(apiKey, ALL_NOTES);
		const calls = callsWith(sandbox, apiKey);
		expect(calls).toHaveLength(ALL_NOTES.length);
		expect(calls.filter((c) => c.status === 429)).toEqual([]);
		expect(busiestWindow(calls.map((c) => c.at), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
		expect(fetched(run)).toBe(GOOD_NOTES.length);
		// Two waves: the second a window after the first, not a spacing apart.
		const at = calls.map((c) => c.at);
		expect(at[LIMIT - 1] - at[0]).toBeLessThan(1_500);
		expect(at[LIMIT] - at[0]).toBeGreaterThanOrEqual(WINDOW_MS);
	}, 60_000);

	it("meets no 429 when a second execution starts while the first one's calls still fill the window", async () => {
		const apiKey = key(kind, 'back-to-back');
		const first = await sheet(apiKey, GOOD_NOTES.slice(0, LIMIT));
		const second = await sheet(apiKey, GOOD_NOTES.slice(0, LIMIT));
		const calls = callsWith(sandbox, apiKey);
		expect(calls).toHaveLength(2 * LIMIT);
		expect(calls.filter((c) => c.status === 429)).toEqual([]);
		expect(fetched(first) + fetched(second)).toBe(2 * LIMIT);
		expect(busiestWindow(calls.map((c) => c.at), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
	}, 60_000);
});

describe('a token bucket of one (strict spacing)', () => {
	it('refuses the probe once; the node spaces the rest and fails no item', async () => {
		const apiKey = key('tokenBucket', 'long');
		const run = await sheet(apiKey, ALL_NOTES);
		const calls = callsWith(sandbox, apiKey);
		// The refused call is the probe, retried after its Retry-After; every good note answered once.
		expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
		expect(calls[1].status).toBe(429);
		expect(calls.filter((c) => c.status === 200)).toHaveLength(GOOD_NOTES.length);
		expect(fetched(run)).toBe(GOOD_NOTES.length);
	}, 60_000);

	it('a short sheet: one refusal, every note fetched', async () => {
		const apiKey = key('tokenBucket', 'short');
		const notes = GOOD_NOTES.slice(0, 4);
		const run = await sheet(apiKey, notes);
		const calls = callsWith(sandbox, apiKey);
		expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
		expect(fetched(run)).toBe(notes.length);
	}, 30_000);

	it('two executions back to back: the second, already spacing, meets no 429 at all', async () => {
		const apiKey = key('tokenBucket', 'back-to-back');
		const first = await sheet(apiKey, GOOD_NOTES.slice(0, 6));
		const second = await sheet(apiKey, GOOD_NOTES.slice(0, 6));
		const calls = callsWith(sandbox, apiKey);
		expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
		expect(calls.slice(7).filter((c) => c.status === 429)).toEqual([]);
		expect(fetched(first) + fetched(second)).toBe(12);
	}, 60_000);
});
