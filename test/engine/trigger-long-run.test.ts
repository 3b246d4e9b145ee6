/**
 * A workflow that runs for weeks: thousands of polls, every rule on, entries coming and
 * going. The trigger's static data must stop growing once each entry's history is full.
 */
import './trigger-legacy-engine';

import { stopEngine } from '../harness';
import { FIXTURES, startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { MINUTE, SharedClock, eventsOf, noteLink, watcher } from './trigger-support';

const { singleImage, topics, manyImages } = FIXTURES.notes;

let sandbox: Sandbox;
let clock: SharedClock;

beforeAll(async () => {
	sandbox = await startSandbox();
	clock = new SharedClock(sandbox);
});
afterAll(async () => {
	clock.restore();
	await sandbox.close();
	await stopEngine();
});

it('keeps static data bounded over two thousand polls', async () => {
	sandbox.notes.setCounts(singleImage.noteId, { liked: 100 });
	sandbox.notes.setGrowth(singleImage.noteId, { liked: 40, collected: 10, comment: 3, share: 1 });
	const parameters = {
		noteMetrics: ['likes', 'collects', 'comments', 'shares'],
		fireWhen: ['change', 'increase', 'percentIncrease', 'milestone', 'spike'],
		increaseBy: 50,
		milestones: '1000, 5000, 10000, 2万, 5万',
	};
	const both = [noteLink(singleImage), noteLink(topics)].join('\n');
	let w = watcher(sandbox, { ...parameters, notes: both });
	const sizes: number[] = [];
	let events = 0;
	for (let i = 0; i < 2_000; i++) {
		// Every 500 polls a third note joins the list for 250 polls, then leaves it again.
		if (i % 250 === 0) {
			const notes = i % 500 === 0 ? [both, noteLink(manyImages)].join('\n') : both;
			w = watcher(sandbox, { ...parameters, notes }, { staticData: w.storedWorkflowStaticData() });
		}
		events += eventsOf(await w.poll()).length;
		if (i % 500 === 499) sizes.push(JSON.stringify(w.liveStaticData()).length);
		clock.advance(15 * MINUTE);
	}
	expect(events).toBeGreaterThan(2_000);
	// Sampled when the third note has just left: the state is back to two full histories.
	const [first, ...later] = sizes;
	for (const size of later) expect(Math.abs(size - first)).toBeLessThan(300);
	expect(Math.max(...sizes)).toBeLessThan(12_000);
}, 300_000);
