/**
 * A poll on any decodable static data completes, and so do the two after it: damaged state
 * (built from valid state by test/unit/support/damagedState.ts: numbers mutated, arrays
 * truncated, times shifted, keys injected) is loaded into an active workflow and polled three
 * times through n8n-core's poll executor, with and without a credit budget. And a watch list
 * whose lines carry other notes' links (percent-encoded in a parameter, or glued on) never
 * sends a note with another note's token.
 */
import './trigger-legacy-engine';

import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { STATE_KEY } from '../../nodes/Xiaohongshu/domain/watch/watchState';
import { decodeWatchState } from '../../nodes/Xiaohongshu/domain/watch/watchStateCodec';
import { FIXTURES } from '../../tooling/sandbox';
import type { Sandbox } from '../../tooling/sandbox';
import { damagedStored } from '../unit/support/damagedState';
import { fuzz } from '../unit/support/fuzz';
import { HOUR, SharedClock, TRIGGER, apiCalls, noteLink, problemsOf, sandboxWithClockForThisFile, watcher } from './trigger-support';

const { singleImage, topics } = FIXTURES.notes;
const NOTES = [singleImage, topics];
const KEYS = NOTES.map((n) => `note:${n.noteId}`);

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile((started, startedClock) => {
	sandbox = started;
	clock = startedClock;
});

const parameters = (creditBudget: number) => ({
	notes: NOTES.map((n) => noteLink(n)).join('\n'),
	noteMetrics: ['likes', 'collects', 'comments', 'shares'],
	fireWhen: ['change', 'increase', 'percentIncrease', 'milestone', 'spike'],
	increaseBy: 100,
	milestones: '1000, 5000, 1万, 5万',
	creditBudget,
});

/** Every number an item carries is finite, no text shows Infinity, NaN or an invalid date, and no window is negative. */
function checkItems(result: INodeExecutionData[][] | null): void {
	const walk = (value: unknown, path: string): void => {
		if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${path} is ${value}`);
		if (typeof value === 'string' && /Infinity|NaN|Invalid Date/.test(value)) throw new Error(`${path}: ${value}`);
		if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
	};
	for (const item of (result ?? []).flat()) {
		walk(item.json, 'json');
		const hours = item.json.windowHours;
		if (typeof hours === 'number' && hours < 0) throw new Error(`windowHours ${hours}`);
	}
}

function fetchesByNote(): Record<string, number> {
	const out: Record<string, number> = {};
	for (const call of sandbox.stats().calls) if (call.noteId) out[call.noteId] = (out[call.noteId] ?? 0) + 1;
	return out;
}

it('completes three polls in a row on damaged state, and saves state it can read', async () => {
	let seen = 0;
	await fc.assert(
		fc.asyncProperty(
			damagedStored(KEYS, Date.now()),
			fc.constantFrom(0, 1, 2, 40, 10_000),
			fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 3, maxLength: 3 }),
			async ({ stored }, creditBudget, likes) => {
				seen++;
				const staticData: IDataObject = { [`node:${TRIGGER}`]: { [STATE_KEY]: stored as IDataObject } };
				const w = watcher(sandbox, parameters(creditBudget), { requestsPerMinute: 1_000_000, staticData });
				for (let poll = 0; poll < 3; poll++) {
					for (const note of NOTES) sandbox.notes.setCounts(note.noteId, { liked: likes[poll] });
					const result = await w.poll();
					checkItems(result);
					for (const problem of problemsOf(result)) {
						if (problem.event === 'entryFailed') throw new Error(`entry failed: ${String(problem.summary)}`);
					}
					clock.advance(HOUR);
				}
				// Nothing is frozen: two longest gaps later, every entry is due and the budget pays for it.
				clock.advance(49 * HOUR);
				const before = fetchesByNote();
				checkItems(await w.poll());
				if (creditBudget === 0 || creditBudget >= 10_000) {
					const after = fetchesByNote();
					for (const note of NOTES) expect([note.noteId, after[note.noteId] ?? 0]).not.toEqual([note.noteId, before[note.noteId] ?? 0]);
				}
				// What the polls left behind is state the decoder keeps whole.
				const saved = w.liveStaticData()[STATE_KEY] as { entries: IDataObject };
				expect(Object.keys(decodeWatchState(saved, Date.now()).entries).sort()).toEqual(Object.keys(saved.entries).sort());
			},
		),
		{ ...fuzz(2501, 40), endOnFailure: true },
	);
	expect(seen).toBeGreaterThan(0);
	expect(apiCalls(sandbox)).toBeGreaterThan(0);
});

it('never sends a note with the token of a link carried or glued in its line, poll after poll', async () => {
	// The token last, after another parameter, as share links from the app carry it.
	const link = (note: (typeof NOTES)[number], withToken: boolean) =>
		`https://www.xiaohongshu.com/explore/${note.noteId}?xsec_source=pc_share${withToken ? `&xsec_token=${encodeURIComponent(note.xsecToken)}` : ''}`;
	const line = fc
		.record({
			own: fc.constantFrom(...NOTES),
			other: fc.constantFrom(...NOTES),
			ownToken: fc.boolean(),
			how: fc.constantFrom('redirect=', 'from=', 'url=', ',', ')', ';', '!', '*', "'"),
			rounds: fc.integer({ min: 1, max: 2 }),
		})
		.map(({ own, other, ownToken, how, rounds }) => {
			if (!how.endsWith('=')) return `${link(own, ownToken)}${how}${link(other, true)}`;
			let carried = link(other, true);
			for (let i = 0; i < rounds; i++) carried = encodeURIComponent(carried);
			return `${link(own, ownToken)}&${how}${carried}`;
		});
	await fc.assert(
		fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 3 }), async (lines) => {
			const callsBefore = sandbox.stats().calls.length;
			const w = watcher(sandbox, { ...parameters(0), notes: lines.join('\n') }, { requestsPerMinute: 1_000_000 });
			for (let poll = 0; poll < 3; poll++) {
				const result = await w.poll();
				checkItems(result);
				for (const problem of problemsOf(result)) {
					if (problem.event === 'entryFailed') throw new Error(`${lines.join(' | ')}: ${String(problem.summary)}`);
				}
				clock.advance(HOUR);
			}
			const refused = sandbox.stats().calls.slice(callsBefore).filter((call) => call.status !== 200);
			expect(refused).toEqual([]);
		}),
		{ ...fuzz(2502, 20), endOnFailure: true },
	);
});
