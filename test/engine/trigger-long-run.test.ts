/**
 * A workflow that runs for weeks: a thousand polls (ten days at 15 minutes), every rule on,
 * entries coming and going. The trigger's static data must stop growing once each entry's
 * history is full (36 polls here). The rule engine and the stored form are driven through
 * thousands more updates without n8n in test/unit/engagement*.test.ts.
 */
import './trigger-legacy-engine';

import { FIXTURES } from '../../tooling/sandbox';
import type { Sandbox } from '../../tooling/sandbox';
import { MINUTE, SharedClock, eventsOf, noteLink, sandboxWithClockForThisFile, watcher } from './trigger-support';

const { singleImage, topics, manyImages } = FIXTURES.notes;

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile((started, startedClock) => {
	sandbox = started;
	clock = startedClock;
});

/** Polls in the run; entry churn and samples repeat every CYCLE polls, long after histories fill (36 polls). */
const POLLS = 1_000;
const CYCLE = 200;
/**
 * The credential's plan, far above what the run needs (three calls a virtual 15 minutes, well
 * inside the sandbox key's 6,000/min): the 10 ms pacing gap between a poll's calls is not what
 * this test is about, and at thousands of polls it was most of the wall time.
 */
const UNPACED = { requestsPerMinute: 1_000_000 };

it('keeps static data bounded over a thousand polls', async () => {
	sandbox.notes.setCounts(singleImage.noteId, { liked: 100 });
	sandbox.notes.setGrowth(singleImage.noteId, { liked: 40, collected: 10, comment: 3, share: 1 });
	const parameters = {
		noteMetrics: ['likes', 'collects', 'comments', 'shares'],
		fireWhen: ['change', 'increase', 'percentIncrease', 'milestone', 'spike'],
		increaseBy: 50,
		milestones: '1000, 5000, 10000, 2万, 5万',
	};
	const both = [noteLink(singleImage), noteLink(topics)].join('\n');
	let w = watcher(sandbox, { ...parameters, notes: both }, UNPACED);
	const sizes: number[] = [];
	let events = 0;
	for (let i = 0; i < POLLS; i++) {
		// Every CYCLE polls a third note joins the list for half a cycle, then leaves it again.
		if (i % (CYCLE / 2) === 0) {
			const notes = i % CYCLE === 0 ? [both, noteLink(manyImages)].join('\n') : both;
			w = watcher(sandbox, { ...parameters, notes }, { ...UNPACED, staticData: w.storedWorkflowStaticData() });
		}
		events += eventsOf(await w.poll()).length;
		if (i % CYCLE === CYCLE - 1) sizes.push(JSON.stringify(w.liveStaticData()).length);
		clock.advance(15 * MINUTE);
	}
	// More than one event a poll: the rules keep firing, so the state is saved all along.
	expect(events).toBeGreaterThan(POLLS);
	// Sampled when the third note has just left: the state is back to two full histories.
	const [first, ...later] = sizes;
	expect(later).toHaveLength(POLLS / CYCLE - 1);
	for (const size of later) expect(Math.abs(size - first)).toBeLessThan(300);
	expect(Math.max(...sizes)).toBeLessThan(12_000);
	// Issue 7's target: under 2 kB per watched entry with every metric and rule on.
	expect(Math.max(...sizes) / 2).toBeLessThan(2_048);
}, 300_000);
