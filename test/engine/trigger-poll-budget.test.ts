/**
 * The trigger inside n8n's poll budget (getPollBudgetMs): a list longer than one budget is
 * fetched over several polls, most overdue first, each change alerted once; a slow answer
 * ends the poll early instead of running past the budget; n8n 1.x (no getPollBudgetMs) and the
 * legacy poller's 5 minutes still fetch a short list whole.
 */
import type { IDataObject } from 'n8n-workflow';

import { createPollRunner } from '../../tooling/harness';
import type { PollRunner } from '../../tooling/harness';
import { benchNote, catalogueWith } from '../../tooling/bench/dataset';
import type { Sandbox } from '../../tooling/sandbox';
import { ANSWER_ALLOWANCE_MS } from '../../nodes/Xiaohongshu/domain/watch/pollCapacity';
import { spacingMsFor } from '../../nodes/Xiaohongshu/transport/pacing';
import { HOUR, SharedClock, TRIGGER, credentials, eventsOf, noteLink, problemsOf, sandboxWithClockForThisFile, watchWorkflow } from './trigger-support';

const NOTES = Array.from({ length: 12 }, (_, i) => benchNote(27_000 + i));
/** Two seconds between calls: wide enough that the poll's own start (half a second in the harness) cannot cost a call. */
const RATE = 30;
/** Room for exactly four calls at RATE: the fourth starts three spacings in and has its answer's allowance. */
const BUDGET_FOR_FOUR = ANSWER_ALLOWANCE_MS + 3.5 * spacingMsFor(RATE);

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile(
	(started, startedClock) => {
		sandbox = started;
		clock = startedClock;
	},
	{ fixtures: catalogueWith(NOTES) },
);

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
		{ credentials: credentials(sandbox, options.rate ?? RATE), triggerNodeName: TRIGGER, mode: 'trigger', pollBudgetMs },
	);
}

/** Index in NOTES of each note fetched since `from` calls, in call order. */
function fetchedSince(from: number): number[] {
	return sandbox
		.stats()
		.calls.slice(from)
		.map((call) => NOTES.findIndex((n) => n.noteId === call.noteId));
}

describe('a list longer than one poll budget', () => {
	it('is covered over three polls, four notes each, most overdue first; each raised count alerts exactly once', async () => {
		const w = watch(BUDGET_FOR_FOUR);
		const fetched: number[][] = [];
		const poll = async () => {
			const before = sandbox.stats().calls.length;
			const result = await w.poll();
			fetched.push(fetchedSince(before));
			clock.advance(HOUR);
			return result;
		};

		const first = await poll();
		const notice = problemsOf(first).find((p) => p.event === 'pollCapacity');
		expect(notice).toMatchObject({ coverage: { entries: 12, perPoll: 4, pollsToCover: 3, coveredEveryMs: 3 * HOUR } });
		expect(notice?.summary).toContain('fetches 4 of the 12 entries');
		await poll();
		await poll();
		expect(fetched).toEqual([
			[0, 1, 2, 3],
			[4, 5, 6, 7],
			[8, 9, 10, 11],
		]);

		sandbox.notes.setCounts(NOTES[0].noteId, { liked: 5_000 });
		sandbox.notes.setCounts(NOTES[9].noteId, { liked: 6_000 });
		const alerts = [];
		for (let i = 0; i < 4; i++) {
			const result = await poll();
			alerts.push(eventsOf(result).map((e) => NOTES.findIndex((n) => n.noteId === e.entryId)));
			// The notice is given once, not every poll.
			expect(problemsOf(result)).toEqual([]);
		}
		expect(fetched.slice(3)).toEqual([
			[0, 1, 2, 3],
			[4, 5, 6, 7],
			[8, 9, 10, 11],
			[0, 1, 2, 3],
		]);
		expect(alerts).toEqual([[0], [], [9], []]);
		// Calls = credits = notes fetched: nothing paid for twice, nothing thrown away.
		const stats = sandbox.stats();
		expect(stats.totals.calls).toBe(fetched.flat().length);
		expect(stats.totals.creditsSpent).toBe(fetched.flat().length);
	}, 120_000);

	it('ends the poll early when an answer is slow, and the notes left out come first next poll', async () => {
		const w = watch(BUDGET_FOR_FOUR);
		await w.poll();
		clock.advance(HOUR);
		// The first answer of the next poll takes most of the budget: a second call could not answer in time.
		sandbox.faults.inject({ count: 1, delayMs: BUDGET_FOR_FOUR - ANSWER_ALLOWANCE_MS + 500 });
		let before = sandbox.stats().calls.length;
		const started = Date.now();
		await w.poll();
		const took = Date.now() - started;
		expect(fetchedSince(before)).toEqual([4]);
		expect(took).toBeLessThan(BUDGET_FOR_FOUR);
		clock.advance(HOUR);
		before = sandbox.stats().calls.length;
		await w.poll();
		expect(fetchedSince(before)).toEqual([5, 6, 7, 8]);
	}, 60_000);

	it('a poll n8n abandons is never committed: the next poll, from the last committed state, alerts the change once', async () => {
		// With baselines emitted every poll that fetches something is saved, as under durable cursors.
		const w = watch(BUDGET_FOR_FOUR, { emitBaseline: true });
		for (let i = 0; i < 3; i++) {
			await w.poll();
			clock.advance(HOUR);
		}
		sandbox.notes.setCounts(NOTES[1].noteId, { liked: 7_000 });
		// The abandoned poll runs on the committed state and sees the change; n8n neither dispatches nor saves what it found.
		let before = sandbox.stats().calls.length;
		const abandoned = watch(BUDGET_FOR_FOUR, { staticData: w.storedWorkflowStaticData(), emitBaseline: true });
		expect(eventsOf(await abandoned.poll()).map((e) => e.entryId)).toEqual([NOTES[1].noteId]);
		// Most overdue first (an activation's start-up may leave the fourth out).
		expect(fetchedSince(before).slice(0, 2)).toEqual([0, 1]);
		// The next poll starts from the last committed state: the same entries, the change reported once (the first report never left).
		w.restart();
		before = sandbox.stats().calls.length;
		expect(eventsOf(await w.poll()).map((e) => [e.event, e.entryId])).toEqual([['change', NOTES[1].noteId]]);
		// Most overdue first (an activation's start-up may leave the fourth out).
		expect(fetchedSince(before).slice(0, 2)).toEqual([0, 1]);
	}, 120_000);
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
			pollCapacity: { perPoll: 3, pollsToCover: 4, coveredEveryMs: 4 * 60_000 },
		});
		expect(item.summary).toContain('each entry is fetched about every 4 min');
	}, 60_000);
});
