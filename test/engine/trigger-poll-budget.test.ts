/**
 * The trigger inside n8n's poll budget (getPollBudgetMs): a list longer than one budget is
 * fetched over several polls, most overdue first, each change alerted once; a slow answer
 * ends the poll early instead of running past the budget; n8n 1.x (no getPollBudgetMs) and the
 * legacy poller's 5 minutes still fetch a short list whole.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { IDataObject } from 'n8n-workflow';

import { createPollRunner } from '../../tooling/harness';
import type { PollRunner } from '../../tooling/harness';
import { benchNote, catalogueWith } from '../../tooling/bench/dataset';
import type { Sandbox } from '../../tooling/sandbox';
import { ANSWER_ALLOWANCE_MS } from '../../nodes/Xiaohongshu/domain/watch/pollCapacity';
import { SANDBOX_KEYS } from '../../tooling/sandbox';
import { HOUR, SharedClock, TRIGGER, credentials, eventsOf, noteLink, problemsOf, sandboxWithClockForThisFile, watchWorkflow } from './trigger-support';

const NOTES = Array.from({ length: 12 }, (_, i) => benchNote(27_000 + i));
/** A Custom plan of 120 calls a minute counted over 2 s windows: four calls a window, the next four a window (and its margin) later. */
const RATE = 120;
const WINDOW_SECONDS = 2;
/**
 * Room for one window's four calls with their answers' allowance, and 1.8 s to spare for the
 * poll's own start (half a second in the harness) and the four answers (the trigger fetches one
 * entry after another): the next window's calls, 2 s on, could not answer in time.
 */
const BUDGET_FOR_FOUR = ANSWER_ALLOWANCE_MS + 1_800;
/** Polls are at least a window apart, as a real Trigger's minute is: each starts on a free window. */
const windowPasses = () => sleep(WINDOW_SECONDS * 1_000 + 100);

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile(
	(started, startedClock) => {
		sandbox = started;
		clock = startedClock;
	},
	{ fixtures: catalogueWith(NOTES) },
);

// What a process that has polled this key before knows: the key lets a window's calls start at
// once (the probe of the first burst). Polls then fetch a window's four calls each, from the first.
beforeAll(async () => {
	const parameters = { notes: NOTES.slice(0, 2).map((n) => noteLink(n)).join('\n'), fireWhen: ['change'], emitBaseline: false };
	await createPollRunner(watchWorkflow(parameters), { credentials: windowCredentials(RATE), triggerNodeName: TRIGGER, mode: 'trigger' }).poll();
	await windowPasses();
});

beforeEach(() => {
	for (const note of NOTES) sandbox.notes.setGrowth(note.noteId, { liked: 0, collected: 0, comment: 0, share: 0 });
});

function watch(
	pollBudgetMs: number | 'absent' | undefined,
	options: { rate?: number; staticData?: IDataObject; emitBaseline?: boolean } = {},
): PollRunner {
	const parameters = { notes: NOTES.map((n) => noteLink(n)).join('\n'), fireWhen: ['change'], emitBaseline: options.emitBaseline ?? false };
	return createPollRunner(
		{ ...watchWorkflow(parameters), staticData: options.staticData },
		{ credentials: windowCredentials(options.rate ?? RATE), triggerNodeName: TRIGGER, mode: 'trigger', pollBudgetMs },
	);
}

function windowCredentials(rate: number) {
	return { parseXhsApi: { ...credentials(sandbox, rate).parseXhsApi, rateWindowSeconds: WINDOW_SECONDS } };
}

/** Index in NOTES of each note fetched since `from` calls, in call order. */
function fetchedSince(from: number): number[] {
	return sandbox
		.stats()
		.calls.slice(from)
		.map((call) => NOTES.findIndex((n) => n.noteId === call.noteId));
}

describe('a list longer than one poll budget', () => {
	it('is covered round after round, most overdue first, never more than four notes a poll; each raised count alerts exactly once', async () => {
		const w = watch(BUDGET_FOR_FOUR);
		const callsBefore = sandbox.stats().totals;
		const fetched: number[][] = [];
		const alerts: number[] = [];
		const problems: Array<Record<string, unknown>> = [];
		const poll = async () => {
			const before = sandbox.stats().calls.length;
			const result = await w.poll();
			fetched.push(fetchedSince(before));
			alerts.push(...eventsOf(result).map((e) => NOTES.findIndex((n) => n.noteId === e.entryId)));
			problems.push(...problemsOf(result));
			clock.advance(HOUR);
			await windowPasses();
		};
		const fetchesOf = (note: number, since = 0) => fetched.slice(since).flat().filter((i) => i === note).length;

		// The harness takes about half a second before a poll's first call, more on a busy machine:
		// a poll may fit one call fewer than planned on a free schedule, never more.
		// At most as many polls as one call each would need: an entry left behind fails the test, not its timeout.
		while (fetched.flat().length < NOTES.length && fetched.length < NOTES.length) await poll();
		sandbox.notes.setCounts(NOTES[0].noteId, { liked: 5_000_000 });
		sandbox.notes.setCounts(NOTES[9].noteId, { liked: 6_000_000 });
		const raisedAt = fetched.length;
		while ((fetchesOf(0, raisedAt) < 2 || fetchesOf(9, raisedAt) < 2) && fetched.length < raisedAt + 8) await poll();

		expect(problems.filter((p) => p.event === 'pollCapacity')).toEqual([
			expect.objectContaining({ coverage: { entries: 12, perPoll: 4, fitsOnePoll: false, pollsToCover: 3, coveredEveryMs: 3 * HOUR } }),
		]);
		expect(problems[0].summary).toContain('fetches 4 of the 12 entries');
		// Most overdue first: the fetches run through the list in order, round after round.
		const all = fetched.flat();
		expect(all).toEqual(all.map((_, k) => k % NOTES.length));
		for (const p of fetched) expect(p.length).toBeGreaterThanOrEqual(1);
		for (const p of fetched) expect(p.length).toBeLessThanOrEqual(4);
		expect(alerts.sort()).toEqual([0, 9]);
		// Calls = credits = notes fetched: nothing paid for twice, nothing thrown away.
		const stats = sandbox.stats();
		expect(stats.totals.calls - callsBefore.calls).toBe(all.length);
		expect(stats.totals.creditsSpent - callsBefore.creditsSpent).toBe(all.length);
	}, 180_000);

	it("sends a window's calls together: a slow answer holds up none of the others", async () => {
		const w = watch(BUDGET_FOR_FOUR);
		// Every answer of this poll takes 1.5 s: one entry after another, the fourth call would reach parse.bot 4.5 s after the first.
		sandbox.faults.inject({ count: 4, delayMs: 1_500 });
		const before = sandbox.stats().calls.length;
		await w.poll();
		const calls = sandbox.stats().calls.slice(before);
		expect(calls).toHaveLength(4);
		const arrivals = calls.map((call) => call.at);
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(1_500);
		await windowPasses();
	}, 60_000);

	it('a poll n8n abandons is never committed: the next poll, from the last committed state, alerts the change once', async () => {
		// With baselines emitted, every poll that fetches something is saved, as under durable cursors.
		const w = watch(BUDGET_FOR_FOUR, { emitBaseline: true });
		const seen = new Set<number>();
		while (seen.size < NOTES.length) {
			const before = sandbox.stats().calls.length;
			await w.poll();
			for (const i of fetchedSince(before)) seen.add(i);
			clock.advance(HOUR);
			await windowPasses();
		}
		const changes = (result: Awaited<ReturnType<PollRunner['poll']>>) =>
			eventsOf(result).filter((e) => e.event === 'change').map((e) => NOTES.findIndex((n) => n.noteId === e.entryId));
		// Every note changes: whatever a poll fetches, it has a change to report.
		NOTES.forEach((note, i) => sandbox.notes.setCounts(note.noteId, { liked: 7_000_000 + i * 10_000 }));
		// The abandoned poll runs on the committed state and sees changes; n8n neither dispatches nor saves what it found.
		let before = sandbox.stats().calls.length;
		const abandoned = watch(BUDGET_FOR_FOUR, { staticData: w.storedWorkflowStaticData(), emitBaseline: true });
		const seenByAbandoned = changes(await abandoned.poll());
		expect(seenByAbandoned).toEqual(fetchedSince(before));
		expect(seenByAbandoned.length).toBeGreaterThanOrEqual(1);
		// The next poll starts from the last committed state: the same most overdue entries, their changes reported (once: the first report never left).
		w.restart();
		before = sandbox.stats().calls.length;
		const reported = changes(await w.poll());
		expect(reported).toEqual(fetchedSince(before));
		expect(reported[0]).toBe(seenByAbandoned[0]);
	}, 180_000);
});

describe('an entry that keeps failing', () => {
	it('takes its turn like the others: a deleted note does not jump the queue every poll and push the rest past the announced interval', async () => {
		const gone = 5;
		sandbox.notes.remove(NOTES[gone].noteId);
		const w = watch(BUDGET_FOR_FOUR);
		const fetched: number[][] = [];
		const problems: Array<Record<string, unknown>> = [];
		try {
			for (let poll = 0; poll < 6; poll++) {
				const before = sandbox.stats().calls.length;
				problems.push(...problemsOf(await w.poll()));
				fetched.push(fetchedSince(before));
				clock.advance(HOUR);
				await windowPasses();
			}
		} finally {
			sandbox.notes.restore(NOTES[gone].noteId);
		}
		// Twelve notes, four a poll: every note, the deleted one too, once in each run of three polls.
		const all = fetched.flat();
		expect(all).toEqual(all.map((_, k) => k % NOTES.length));
		expect(all.length).toBeGreaterThanOrEqual(18);
		// Reported once, not every time it is fetched.
		expect(problems.filter((p) => p.event !== 'pollCapacity').map((p) => p.link)).toEqual([noteLink(NOTES[gone])]);
	}, 180_000);
});

describe('where a poll has time for the whole list', () => {
	it.each([
		['the legacy poller (5 minutes)', undefined],
		['n8n 1.x (no getPollBudgetMs)', 'absent' as const],
	])('%s: one poll fetches all twelve notes, with no capacity notice', async (_name, budget) => {
		const w = watch(budget, { rate: 600 });
		const before = sandbox.stats().calls.length;
		const result = await w.poll();
		expect(fetchedSince(before)).toEqual(NOTES.map((_, i) => i));
		expect(problemsOf(result).filter((p) => p.event === 'pollCapacity')).toEqual([]);
	});
});

describe('Fetch Test Event', () => {
	it('makes one call whatever the list, says how much of it a poll covers, and counts what it left out', async () => {
		// Past the minute of any earlier test's calls on this key: the Free plan's own window is clear.
		clock.advance(HOUR);
		const parameters = { notes: NOTES.map((n) => noteLink(n)).join('\n'), fireWhen: ['change'], pollTimes: { item: [{ mode: 'everyMinute' }] } };
		const w = createPollRunner(watchWorkflow(parameters), { credentials: credentials(sandbox, 5), triggerNodeName: TRIGGER, mode: 'manual' });
		const before = sandbox.stats().calls.length;
		const [item] = eventsOf(await w.poll());
		expect(fetchedSince(before)).toEqual([0]);
		expect(item.watchList).toMatchObject({
			entries: 12,
			notFetchedInTest: 11,
			// The Free plan's five calls a minute go out at once: a poll of n8n's 36 s fetches five.
			pollCapacity: { perPoll: 5, pollsToCover: 3, coveredEveryMs: 3 * 60_000 },
		});
		expect(item.summary).toContain('each entry is fetched about every 3 min');
	}, 60_000);
});

describe('an answer that does not come by the deadline', () => {
	it('is given up at the deadline: the poll ends in its budget, where n8n would abandon it', async () => {
		const w = watch(BUDGET_FOR_FOUR);
		sandbox.faults.inject({ count: 1, delayMs: 40_000 });
		const started = Date.now();
		await w.poll();
		const took = Date.now() - started;
		// The call is given up at the deadline (a second of slack for the poll's own work).
		expect(took).toBeLessThan(BUDGET_FOR_FOUR + 1_000);
		expect(took).toBeGreaterThanOrEqual(BUDGET_FOR_FOUR - 1_000);
	}, 90_000);
});

describe('a call whose slot a Retry-After pushed past the deadline', () => {
	it('is not made: its entry is left as it was, unreported, and comes first next poll', async () => {
		// A key this process has not called yet: the first call and the probe go together, the other two wait for the probe's answer.
		const fresh = { parseXhsApi: { ...windowCredentials(RATE).parseXhsApi, apiKey: SANDBOX_KEYS.developer } };
		const w = createPollRunner(
			{ ...watchWorkflow({ notes: NOTES.map((n) => noteLink(n)).join('\n'), fireWhen: ['change'], emitBaseline: false }) },
			{ credentials: fresh, triggerNodeName: TRIGGER, mode: 'trigger', pollBudgetMs: BUDGET_FOR_FOUR },
		);
		// The first answer asks the key to wait 2 s: the two calls still waiting would then start too late to answer in the budget.
		sandbox.faults.inject({ count: 1, status: 429, retryAfter: 2 });
		let before = sandbox.stats().calls.length;
		const problems = problemsOf(await w.poll()).filter((p) => p.event !== 'pollCapacity');
		const first = sandbox.stats().calls.slice(before);
		expect(first).toHaveLength(2);
		expect(first.filter((call) => call.status === 429)).toHaveLength(1);
		expect(problems).toEqual([]);
		clock.advance(HOUR);
		await sleep(2_100);
		before = sandbox.stats().calls.length;
		await w.poll();
		// The two calls not made left their entries as never fetched: they come first, in list order; the answered one waits its turn.
		const answered = first.findIndex((call) => call.status !== 429);
		const next = fetchedSince(before);
		expect(next.slice(0, 2)).toEqual([2, 3]);
		expect(next).not.toContain(answered);
	}, 60_000);
});

// Last in the file: the Retry-After it meets holds the key's schedule for half a minute.
describe('a retry the poll has no time for', () => {
	it("is not made: a Retry-After longer than the time left ends the call's turn, and the poll ends within its budget", async () => {
		const w = watch(BUDGET_FOR_FOUR);
		sandbox.faults.inject({ count: 1, status: 429, retryAfter: 30 });
		const before = sandbox.stats().calls.length;
		const started = Date.now();
		await w.poll();
		const took = Date.now() - started;
		// The window's four calls, one refused; its retry would start 30 s on, past the budget, so it is not made.
		const calls = sandbox.stats().calls.slice(before);
		expect(calls).toHaveLength(4);
		expect(calls.filter((call) => call.status === 429)).toHaveLength(1);
		expect(took).toBeLessThan(BUDGET_FOR_FOUR);
	}, 60_000);
});
