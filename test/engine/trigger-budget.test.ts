/**
 * The credit budget over a simulated month, through n8n-core's poll executor with n8n's
 * static-data rules (a silent poll's state is lost at a restart): the credits the sandbox
 * charged in each calendar month of the trigger's clock never exceed the budget, however
 * often n8n restarts or the list is edited (a re-activation from the stored state).
 */
import './trigger-legacy-engine';

import type { INodeParameters } from 'n8n-workflow';

import type { PollRunner } from '../../tooling/harness';
import type { Sandbox } from '../../tooling/sandbox';
import { CAMPAIGN_MONTH_START, campaignMonthCatalogue, campaignMonthNotes } from '../../tooling/sandbox/campaignMonth';
import type { WatchedNote } from '../../tooling/sandbox/campaignMonth';
import { HOUR, SharedClock, eventsOf, noteLink, problemsOf, sandboxWithClockForThisFile, watcher } from './trigger-support';

const UNPACED = { requestsPerMinute: 1_000_000 };
/** Three days of February, then the whole of March 2027: one calendar month counted in full. */
const START = CAMPAIGN_MONTH_START - 3 * 24 * HOUR;
const POLLS = (3 + 31) * 24;

let sandbox: Sandbox;
let clock: SharedClock;
// The trigger's clock is the sandbox's, both starting at START: months are counted on the trigger's own clock.
sandboxWithClockForThisFile(
	(started, shared) => {
		sandbox = started;
		clock = shared;
	},
	{ fixtures: campaignMonthCatalogue(CAMPAIGN_MONTH_START), clockStartMs: START },
);

const advance = (ms: number): void => clock.advance(ms);

function monthOf(ms: number): string {
	return new Date(ms).toISOString().slice(0, 7);
}

function creditsByMonth(): Record<string, number> {
	const out: Record<string, number> = {};
	for (const call of sandbox.stats().calls) out[monthOf(call.at)] = (out[monthOf(call.at)] ?? 0) + call.credits;
	return out;
}

const parameters = (notes: WatchedNote[], creditBudget: number): INodeParameters => ({
	notes: notes.map((w) => noteLink(w.note)).join('\n'),
	noteMetrics: ['likes'],
	fireWhen: ['increase', 'milestone'],
	increaseBy: 500,
	milestones: '1000, 5000, 1万, 5万, 10万',
	creditBudget,
});

it('never spends more than the budget in a calendar month, across restarts and list edits', async () => {
	const BUDGET = 400;
	const all = campaignMonthNotes(CAMPAIGN_MONTH_START);
	// Old notes are watched from the start; campaign notes join when they are published.
	const listed = (now: number) => all.filter((w) => w.kind !== 'campaign' || w.listedAt <= now);
	let notes = listed(Date.now());
	let runner: PollRunner = watcher(sandbox, parameters(notes, BUDGET), UNPACED);
	let events = 0;
	let restarts = 0;
	let savedPolls = 0;
	for (let poll = 0; poll < POLLS; poll++) {
		const now = listed(Date.now());
		if (now.length !== notes.length) {
			// A list edit: n8n re-activates the workflow from the stored static data.
			notes = now;
			runner = watcher(sandbox, parameters(notes, BUDGET), { ...UNPACED, staticData: runner.storedWorkflowStaticData() });
			restarts++;
		} else if (poll % 37 === 36) {
			runner.restart();
			restarts++;
		}
		events += eventsOf(await runner.poll()).length;
		if (runner.history[runner.history.length - 1].saved) savedPolls++;
		advance(HOUR);
	}
	const byMonth = creditsByMonth();
	process.stderr.write(`budget ${BUDGET}: ${JSON.stringify(byMonth)}, ${restarts} restarts, ${savedPolls} saved polls, ${events} events\n`);
	// The run really spent (it is not trivially within the budget) and really restarted.
	expect(Object.keys(byMonth).sort()).toEqual([monthOf(START), monthOf(CAMPAIGN_MONTH_START)]);
	expect(restarts).toBeGreaterThan(20);
	expect(savedPolls).toBeLessThan(POLLS / 2);
	expect(events).toBeGreaterThan(0);
	expect(byMonth[monthOf(CAMPAIGN_MONTH_START)]).toBeGreaterThan(BUDGET * 0.8);
	for (const spent of Object.values(byMonth)) expect(spent).toBeLessThanOrEqual(BUDGET);
}, 120_000);

describe('turns and the plan', () => {
	const apiCalls = () => sandbox.stats().totals.calls;
	const thirty = () => campaignMonthNotes(CAMPAIGN_MONTH_START);

	it('fetches new entries at their first poll, then only those whose turn has come', async () => {
		const [first, ...rest] = thirty();
		let runner = watcher(sandbox, parameters(rest, 1000), UNPACED);
		let before = apiCalls();
		await runner.poll();
		expect(apiCalls() - before).toBe(29);
		advance(HOUR);
		before = apiCalls();
		await runner.poll();
		const second = apiCalls() - before;
		expect(second).toBeLessThan(5);
		// A list edit re-activates the workflow: the new note is fetched at once, from the bucket's floor.
		runner = watcher(sandbox, parameters([first, ...rest], 1000), { ...UNPACED, staticData: runner.storedWorkflowStaticData() });
		advance(HOUR);
		before = apiCalls();
		await runner.poll();
		const calledIds = sandbox.stats().calls.slice(before).map((c) => c.noteId);
		expect(calledIds).toContain(first.note.noteId);
	});

	it('"Fetch Test Event" reports the plan, and explains a budget too small for the longest gap', async () => {
		const notes = thirty();
		const enough = watcher(sandbox, parameters(notes, 5000), { ...UNPACED, mode: 'manual' });
		const before = apiCalls();
		const [item] = eventsOf(await enough.poll());
		expect(apiCalls() - before).toBe(1);
		expect(item.budget).toMatchObject({ creditsPerMonth: 5000, longestGapHours: 24, fitsLongestGap: true });
		const entries = (item.budget as { entries: Array<{ entry: string; intervalHours: number }> }).entries;
		expect(entries).toHaveLength(30);
		for (const e of entries) expect(e.intervalHours).toBeGreaterThanOrEqual(1);

		const small = watcher(sandbox, parameters(notes, 300), { ...UNPACED, mode: 'manual' });
		const result = await small.poll();
		expect(eventsOf(result).map((i) => i.event)).toEqual(['baseline']);
		const problems = problemsOf(result);
		expect(problems.map((i) => i.event)).toEqual(['budgetTooSmall']);
		expect(problems[0].summary).toContain('cannot fetch each of the 30 entries every 24 h');
		expect(problems[0].summary).toContain('900 credits a month');
	});

	it('tells an active workflow once that the budget is too small', async () => {
		const runner = watcher(sandbox, parameters(thirty(), 300), UNPACED);
		const notices = [];
		for (let i = 0; i < 3; i++) {
			const result = await runner.poll();
			expect(eventsOf(result).filter((e) => e.event === 'budgetTooSmall')).toEqual([]);
			notices.push(...problemsOf(result).filter((e) => e.event === 'budgetTooSmall'));
			advance(HOUR);
		}
		expect(notices).toHaveLength(1);
	});
});

describe('a failing entry', () => {
	it('is retried less and less often, so a deleted note does not eat the budget', async () => {
		const [gone, ...rest] = campaignMonthNotes(CAMPAIGN_MONTH_START);
		sandbox.notes.remove(gone.note.noteId);
		const runner = watcher(sandbox, parameters([gone, ...rest.slice(0, 3)], 100_000), UNPACED);
		const before = sandbox.stats().calls.length;
		for (let i = 0; i < 16; i++) {
			await runner.poll();
			advance(HOUR);
		}
		const tries = sandbox.stats().calls.slice(before).filter((c) => c.noteId === gone.note.noteId).length;
		// Hours 0, 2, 6 and 14: the gap doubles after each failure.
		expect(tries).toBe(4);
		sandbox.notes.restore(gone.note.noteId);
	});
});
