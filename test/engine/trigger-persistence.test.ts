/**
 * n8n saves a trigger's static data only when a poll emits (and after activation); a silent
 * poll's changes die with a restart, a throwing poll saves nothing, manual mode never saves.
 * These tests drive those cases through the harness's poll runner, which reproduces them.
 */
import { runWorkflow } from '../../tooling/harness';
import { FIXTURES, SANDBOX_KEYS } from '../../tooling/sandbox';
import type { Sandbox } from '../../tooling/sandbox';
import { HOUR, SharedClock, TRIGGER, apiCalls, credentials, eventsOf, noteLink, sandboxWithClockForThisFile, watchWorkflow, watcher } from './trigger-support';

const { singleImage, topics, manyImages } = FIXTURES.notes;

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile((started, startedClock) => {
	sandbox = started;
	clock = startedClock;
});

beforeEach(() => {
	for (const note of [singleImage, topics, manyImages]) {
		sandbox.notes.setGrowth(note.noteId, { liked: 0, collected: 0, comment: 0, share: 0 });
	}
});

function setLikes(noteId: string, liked: number): void {
	sandbox.notes.setCounts(noteId, { liked });
}

describe('restarts', () => {
	it('sends no alert twice after a restart that follows an alert', async () => {
		setLikes(singleImage.noteId, 100);
		const w = watcher(sandbox, { notes: noteLink(singleImage), fireWhen: ['increase'], increaseBy: 100 });
		expect(await w.poll()).toBeNull();

		setLikes(singleImage.noteId, 250);
		clock.advance(HOUR);
		expect(eventsOf(await w.poll()).map((e) => e.currentValue)).toEqual([250]);
		expect(w.history[w.history.length - 1].saved).toBe(true);

		w.restart();
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();
		setLikes(singleImage.noteId, 349);
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();
		setLikes(singleImage.noteId, 350);
		clock.advance(HOUR);
		expect(eventsOf(await w.poll())).toMatchObject([{ previousValue: 250, currentValue: 350 }]);
	});

	it('loses no change when silent polls are lost to a restart', async () => {
		setLikes(singleImage.noteId, 100);
		const w = watcher(sandbox, { notes: noteLink(singleImage), fireWhen: ['increase'], increaseBy: 100 });
		expect(await w.poll()).toBeNull(); // activation: saved

		setLikes(singleImage.noteId, 160);
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull(); // silent: kept in memory only
		expect(w.history[w.history.length - 1].saved).toBe(false);

		w.restart();
		setLikes(singleImage.noteId, 210);
		clock.advance(HOUR);
		const events = eventsOf(await w.poll());
		expect(events).toMatchObject([{ event: 'increase', previousValue: 100, currentValue: 210, change: 110 }]);
		expect(events[0].windowHours).toBeCloseTo(2, 2);
	});
});

describe('a poll that throws', () => {
	it('saves nothing, and the next poll emits every change exactly once', async () => {
		setLikes(singleImage.noteId, 10);
		setLikes(topics.noteId, 20);
		const w = watcher(sandbox, {
			notes: [noteLink(singleImage), noteLink(topics)].join('\n'),
			fireWhen: ['change'],
		});
		expect(await w.poll()).toBeNull();
		const savedBefore = JSON.stringify(w.staticData());

		setLikes(singleImage.noteId, 11);
		setLikes(topics.noteId, 21);
		clock.advance(HOUR);
		// One credit left: the first note is fetched (and its change seen), then the credits run out.
		const balance = sandbox.credits.balances()[SANDBOX_KEYS.fast] as { credits: number };
		sandbox.credits.set(SANDBOX_KEYS.fast, balance.credits - 1);
		await expect(w.poll()).rejects.toThrow(/credits are used up/);
		expect(JSON.stringify(w.staticData())).toBe(savedBefore);

		sandbox.credits.set(SANDBOX_KEYS.fast, 0);
		clock.advance(HOUR);
		const events = eventsOf(await w.poll());
		expect(events.map((e) => [e.entryId, e.previousValue, e.currentValue])).toEqual([
			[singleImage.noteId, 10, 11],
			[topics.noteId, 20, 21],
		]);
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();
	});
});

describe('manual mode ("Fetch Test Event")', () => {
	it('returns the current state of one entry, costs one call and changes no state', async () => {
		setLikes(singleImage.noteId, 100);
		setLikes(topics.noteId, 200);
		const parameters = {
			notes: [noteLink(singleImage), noteLink(topics), noteLink(manyImages)].join('\n'),
			fireWhen: ['change'],
		};
		const active = watcher(sandbox, parameters);
		expect(await active.poll()).toBeNull();
		const stored = active.storedWorkflowStaticData();

		setLikes(singleImage.noteId, 130);
		const callsBefore = apiCalls(sandbox);
		const result = await runWorkflow(
			{ ...watchWorkflow(parameters), staticData: stored },
			{ credentials: credentials(sandbox), mode: 'manual', startNode: TRIGGER, destinationNode: TRIGGER },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox) - callsBefore).toBe(1);
		const items = result.outputOf(TRIGGER).map((i) => i.json);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'baseline',
			entryId: singleImage.noteId,
			metric: 'likes',
			currentValue: 130,
			watchList: { entries: 3, creditsPerPoll: 3, creditsPerMonth: 3 * 720 },
		});
		// n8n hands changed static data to the "after" hook; a test event must leave none.
		expect(result.changedStaticData).toBeUndefined();

		// The active workflow still alerts on the change the test event saw.
		clock.advance(HOUR);
		expect(eventsOf(await active.poll())).toMatchObject([{ entryId: singleImage.noteId, previousValue: 100, currentValue: 130 }]);
	});

	it('explains an unusable list instead of spending a credit', async () => {
		const callsBefore = apiCalls(sandbox);
		const w = watcher(sandbox, { notes: 'not a link at all', fireWhen: ['change'] }, { mode: 'manual' });
		// The manual run's error comes back as n8n stores it (a plain object), not an Error instance.
		await expect(w.poll()).rejects.toMatchObject({
			message: 'The watch list has no entry that can be watched',
			description: expect.stringContaining('Line 1:'),
		});
		expect(apiCalls(sandbox)).toBe(callsBefore);
	});
});
