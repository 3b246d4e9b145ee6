/**
 * The Trigger inside n8n's poll budget, in a real n8n with the packed package: 12 notes on the
 * Free plan (5 calls a minute), polled every minute.
 * - n8n 2.40.7 with the durable scheduler and durable cursors: no poll runs past n8n's timeout,
 *   every note is fetched within the interval the node announced, each raised count alerts
 *   exactly once, calls = credits = notes fetched. About ten minutes: a note whose count is
 *   raised after its first fetch alerts a round later and is fetched once more a round after.
 * - n8n 2.40.7 on the legacy poller and n8n 1.x: two polls, each fetching its share in order.
 */
import { startN8nWithPackage, type N8nWithPackage } from '../../tooling/n8n/n8n-with-package';
import type { Execution } from '../../tooling/n8n/rest-client';
import { getProfile } from '../../tooling/n8n/versions';
import { benchNote, catalogueWith } from '../../tooling/bench/dataset';
import { startSandbox, type Sandbox } from '../../tooling/sandbox';
import { stopAndArchive } from './artifacts';
import { describeE2e } from './e2e-guard';
import { packForE2e, type PackedPackage } from './package-under-test';
import { waitUntil } from './wait-until';

const TRIGGER = 'Xiaohongshu Trigger';
const NOTES = Array.from({ length: 12 }, (_, i) => benchNote(27_100 + i));
const KEYS = { durable: 'i27-durable-free', legacy: 'i27-legacy-free', v1: 'i27-v1-free' } as const;
/** What the durable scheduler needs to run polls, with durable cursors (README, Trigger section). */
const DURABLE_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};
/**
 * Calls closer together than this belong to one poll: a poll's calls go out at once or as the
 * Free plan's window frees, at most 26 s into its 36 s (the last must answer in time); the
 * next poll's come a minute after the poll's start.
 */
const SAME_POLL_MS = 30_000;
/**
 * How much later than its nominal time n8n's scheduler may start one poll than another: a due
 * poll is claimed on the executor's tick (N8N_SCHEDULER_EXECUTOR_INTERVAL, 5 s; its passes
 * jittered by N8N_SCHEDULER_JITTER_RATIO, 10%, so up to 5.5 s), then the execution starts and
 * reads its cursor (seconds on a loaded 2-core CI machine).
 */
const SCHEDULER_SLACK_MS = 17_000;

function link(i: number): string {
	return `https://www.xiaohongshu.com/explore/${NOTES[i].noteId}?xsec_token=${encodeURIComponent(NOTES[i].xsecToken)}&xsec_source=pc_share`;
}

function watchWorkflow(packageName: string, credential: { id: string; name: string }, name: string) {
	return {
		name,
		nodes: [
			{
				id: '27b7c6f0-0000-4000-8000-000000000001',
				name: TRIGGER,
				type: `${packageName}.xiaohongshuTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					watch: 'notes',
					notes: NOTES.map((_, i) => link(i)).join('\n'),
					fireWhen: ['change'],
				},
				credentials: { parseXhsApi: credential },
			},
		],
		connections: {},
		settings: {},
	};
}

interface Fetch {
	note: number;
	at: number;
}

function fetchesWith(sandbox: Sandbox, key: string): Fetch[] {
	return sandbox
		.stats()
		.calls.filter((call) => call.key === key)
		.map((call) => ({ note: NOTES.findIndex((n) => n.noteId === call.noteId), at: call.at }));
}

/** Fetches in groups, one per poll: calls closer together than SAME_POLL_MS belong to one poll. */
function pollGroups(fetches: Fetch[]): Fetch[][] {
	const groups: Fetch[][] = [];
	let last = Number.NEGATIVE_INFINITY;
	for (const f of fetches) {
		if (f.at - last > SAME_POLL_MS) groups.push([]);
		groups[groups.length - 1].push(f);
		last = f.at;
	}
	return groups;
}

function pollsOf(fetches: Fetch[]): number[][] {
	return pollGroups(fetches).map((group) => group.map((f) => f.note));
}

function triggerOutput(execution: Execution, output: 0 | 1): Array<Record<string, unknown>> {
	const run = execution.data.resultData.runData[TRIGGER]?.[0] as { data?: { main?: Array<Array<{ json: unknown }> | null> } } | undefined;
	return (run?.data?.main?.[output] ?? []).map((item) => item.json as Record<string, unknown>);
}

async function executionsOf(n8n: N8nWithPackage, workflowId: string): Promise<Execution[]> {
	const listed = await n8n.client.listExecutions(workflowId);
	return await Promise.all(listed.map((e) => n8n.client.getExecution(e.id)));
}

describeE2e('the Trigger inside n8n’s poll budget: 12 notes on the Free plan, polled every minute', () => {
	let packed: PackedPackage;
	let sandbox: Sandbox;

	beforeAll(async () => {
		packed = packForE2e();
		const free = { plan: 'free', requestsPerMinute: 5, credits: 1_000 };
		sandbox = await startSandbox({ fixtures: catalogueWith(NOTES), keys: { [KEYS.durable]: free, [KEYS.legacy]: free, [KEYS.v1]: free } });
		for (const note of NOTES) sandbox.notes.setGrowth(note.noteId, { liked: 0, collected: 0, comment: 0, share: 0 });
	}, 5 * 60_000);

	afterAll(async () => {
		await sandbox?.close();
	});

	async function startWatching(profile: 'v2' | 'v1', env: Record<string, string>, key: string, label: string) {
		const n8n = await startN8nWithPackage({ profile: getProfile(profile), tarball: packed.tarball, env });
		const credential = await n8n.client.createCredential({
			name: `Xiaohongshu (${label})`,
			type: 'parseXhsApi',
			data: { apiKey: key, plan: 'free', baseUrl: sandbox.url, scraperId: sandbox.scraperId },
		});
		const workflow = await n8n.client.createWorkflow(watchWorkflow(packed.name, { id: credential.id, name: credential.name }, `poll budget: ${label}`));
		await n8n.client.activateWorkflow(workflow.id);
		return { n8n, workflowId: workflow.id, activatedAt: Date.now() };
	}

	it('durable scheduler + durable cursors (n8n 2.40.7): no poll past its timeout, every note within the announced interval, each raise alerted once, calls = credits = fetches', async () => {
		const started = Date.now();
		const { n8n, workflowId, activatedAt } = await startWatching('v2', DURABLE_ENV, KEYS.durable, 'durable scheduler');
		try {
			const fetches = () => fetchesWith(sandbox, KEYS.durable);
			// Raise the notes of the first poll once their first fetch (the baseline) is done.
			const firstPoll = await waitUntil('the first poll', () => {
				const polls = pollsOf(fetches());
				return polls.length >= 2 || (polls.length === 1 && Date.now() - fetches()[0].at > 40_000) ? polls[0] : undefined;
			}, 3 * 60_000, 1_000);
			const raised = firstPoll;
			// Bench notes this far into the catalogue show about 100万 likes: raised to 200万 and more.
			for (const i of raised) sandbox.notes.setCounts(NOTES[i].noteId, { liked: 2_000_000 + i * 10_000 });
			const raisedAt = Date.now();

			// Until every raised note has been fetched twice after its raise: once to alert, once to show it does not alert again.
			await waitUntil(
				'two fetches of every raised note after the raise',
				() => (raised.every((i) => fetches().filter((f) => f.note === i && f.at > raisedAt).length >= 2) ? true : undefined),
				12 * 60_000,
				2_000,
			);
			await n8n.client.deactivateWorkflow(workflowId);
			await new Promise((resolve) => setTimeout(resolve, 5_000));

			const log = n8n.instance.readLog();
			const all = fetches();
			const polls = pollsOf(all);
			const executions = await executionsOf(n8n, workflowId);
			const events = executions.flatMap((e) => triggerOutput(e, 0));
			const problems = executions.flatMap((e) => triggerOutput(e, 1));
			const notice = problems.find((p) => p.event === 'pollCapacity') as { coverage: { coveredEveryMs: number; perPoll: number } } | undefined;
			const key = sandbox.stats().byKey[KEYS.durable];
			// Between two fetches of a note, and from the first poll's start to a note's first fetch.
			const firstCall = all[0].at;
			const gaps = NOTES.flatMap((_, i) => {
				const times = [firstCall, ...all.filter((f) => f.note === i).map((f) => f.at)];
				return times.slice(1).map((t, j) => ({ from: times[j], ms: t - times[j] }));
			});
			process.stdout.write(
				`[poll-budget] durable: ${polls.length} polls ${JSON.stringify(polls)}; ${all.length} calls, ${key.creditsSpent} credits; ` +
					`announced every ${notice ? notice.coverage.coveredEveryMs / 1000 : '?'} s, longest gap ${Math.max(...gaps.map((g) => g.ms)) / 1000} s; ` +
					`${events.length} events; first call ${Math.round((firstCall - activatedAt) / 1000)} s after activation; ${Math.round((Date.now() - started) / 1000)} s\n`,
			);

			expect(log).not.toContain('Poll exceeded its timeout');
			// The Free plan's five calls a minute go out together: five a poll, every note every 3 minutes.
			expect(notice?.coverage.perPoll).toBe(5);
			// Polls are told apart by the pause between calls; n8n's activation poll and the first
			// scheduled poll can follow each other within one pacing gap and read as one group (seen:
			// [0..4] on a cold CI run, the two polls of 3 and 2 with no timeout logged), so the first
			// group may hold two polls' share; every later one holds at most one.
			const [first, ...rest] = polls;
			expect(first.length).toBeLessThanOrEqual(2 * notice!.coverage.perPoll);
			for (const poll of rest) expect(poll.length).toBeLessThanOrEqual(notice!.coverage.perPoll);
			// In polls, free of the scheduler's jitter: any run of pollsToCover polls fetches every note.
			// The last poll is left out: the test deactivates the workflow as soon as the last raised
			// note's second fetch is in, which can cut that poll short (seen on a cold CI run: its
			// last poll fetched 2 of 3, the third was due 12 s later).
			const cover = notice!.coverage.coveredEveryMs / 60_000;
			const whole = polls.slice(0, -1);
			expect(whole.length).toBeGreaterThanOrEqual(cover);
			for (let k = 0; k + cover <= whole.length; k++) expect(new Set(whole.slice(k, k + cover).flat()).size).toBe(NOTES.length);
			// n8n polls once on activation, off the minute; a scheduled poll that comes while that
			// one still runs returns at once (pollGuard: one poll of a node at a time), so a note
			// fetched on activation may wait up to one activation poll longer for its next fetch
			// (seen on a cold CI run: 257.6 s for 240 s announced, the first scheduled poll 17.6 s
			// after activation, its share taken a minute later). Every later gap keeps the interval.
			const activationPoll = pollGroups(all)[0];
			const activationPollEnd = activationPoll[activationPoll.length - 1].at;
			const allowed = (from: number) =>
				notice!.coverage.coveredEveryMs + SCHEDULER_SLACK_MS + (from <= activationPollEnd ? activationPollEnd - firstCall : 0);
			expect(gaps.filter((gap) => gap.ms > allowed(gap.from)).map((gap) => ({ ...gap, allowed: allowed(gap.from) }))).toEqual([]);
			expect(events.filter((e) => e.event === 'change').map((e) => NOTES.findIndex((n) => n.noteId === e.entryId)).sort()).toEqual([...raised].sort());
			expect(key.calls).toBe(all.length);
			expect(key.creditsSpent).toBe(all.length);
			expect(all.every((f) => f.note >= 0)).toBe(true);
		} finally {
			await stopAndArchive(n8n.instance, 'poll-budget-durable');
		}
	}, 20 * 60_000);

	it.each([
		['the legacy poller (n8n 2.40.7)', 'v2' as const, KEYS.legacy],
		['n8n 1.123.81', 'v1' as const, KEYS.v1],
	])('%s: the list is fetched in order, a share per poll, no note twice, with no error', async (label, profile, key) => {
		const { n8n, activatedAt } = await startWatching(profile, {}, key, label);
		try {
			// The activation poll, then the polls on the minute: the first of those may meet the
			// activation poll's calls still in the window and fetch fewer. Two polls whole: a third began.
			const fetched = await waitUntil('two polls', () => {
				const seen = fetchesWith(sandbox, key);
				return pollGroups(seen).length >= 3 ? seen : undefined;
			}, 5 * 60_000, 1_000);
			const [first, second] = pollsOf(fetched);
			process.stdout.write(`[poll-budget] ${label}: ${JSON.stringify(pollsOf(fetched))} over ${Math.round((fetched[fetched.length - 1].at - activatedAt) / 1000)} s\n`);
			// The calls of a poll go out together and may arrive in any order: each poll takes the next run of the list.
			const byList = (notes: number[]) => [...notes].sort((a, b) => a - b);
			expect([...byList(first), ...byList(second)]).toEqual(Array.from({ length: first.length + second.length }, (_, i) => i));
			expect(n8n.instance.readLog()).not.toMatch(/Poll exceeded its timeout|XiaohongshuTrigger.*error/i);
		} finally {
			await stopAndArchive(n8n.instance, `poll-budget-${profile}`);
		}
	}, 8 * 60_000);
});
