/**
 * Engagement as one number, end to end: Note → Get's Simplified and Selected Fields output
 * (with and without the author's profile), and the Trigger watching `engagement` as a metric
 * judged by what the four displays prove together. Real workflows, the sandbox's counts.
 */
import type { INodeParameters } from 'n8n-workflow';

import { FIXTURES, type Sandbox } from '../../tooling/sandbox';
import { credentialsFor, noteGet, runNode } from './node-support';
import { HOUR, SharedClock, eventsOf, noteLink, sandboxWithClockForThisFile, watcher } from './trigger-support';

const { singleImage, noIpLocation, videoSample } = FIXTURES.notes;

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile((started, startedClock) => {
	sandbox = started;
	clock = startedClock;
});

async function getNotes(notes: Array<typeof singleImage>, parameters: INodeParameters) {
	const run = await runNode(notes.map((n) => ({ link: noteLink(n) })), noteGet(parameters), { credentials: credentialsFor(sandbox) });
	expect(run.error).toBeUndefined();
	return run.json;
}

describe('Note → Get: engagement and engagement rate', () => {
	it('adds the four counts into engagement in Simplified output, exact when all four are', async () => {
		sandbox.notes.setCounts(singleImage.noteId, { liked: 86, collected: 12, comment: 5, share: 3 });
		sandbox.notes.setCounts(videoSample.noteId, { liked: 35_123, collected: 2227, comment: 529, share: 1108 });
		const [exact, rounded] = await getNotes([singleImage, videoSample], {});
		expect(exact).toMatchObject({ engagement: 106, engagementText: '106', engagementExact: true });
		expect(exact).not.toHaveProperty('engagementRate');
		// 3.5万 likes: the total is 35,000 + 3,864 as displayed, and not exact.
		expect(rounded).toMatchObject({ engagement: 38_864, engagementText: '3.5万 + 2227 + 529 + 1108', engagementExact: false });
	});

	it('with Include Author Profile, divides engagement by the author\'s followers; null when they are hidden', async () => {
		sandbox.notes.setCounts(singleImage.noteId, { liked: 86, collected: 12, comment: 5, share: 3 });
		const [withFollowers, hiddenFollowers] = await getNotes([singleImage, noIpLocation], { options: { includeAuthorProfile: true } });
		// femaleCreator has 86,400 followers, shown as 8.6万.
		expect(withFollowers).toMatchObject({ authorFollowers: 86_000, engagement: 106 });
		expect(withFollowers.engagementRate).toBeCloseTo(106 / 86_000, 12);
		// noGender hides its follower count.
		expect(hiddenFollowers).toMatchObject({ authorFollowers: null, engagement: 11, engagementRate: null });
	});

	it('Selected Fields knows engagement (with its text and exactness) and engagement rate', async () => {
		sandbox.notes.setCounts(singleImage.noteId, { liked: 86, collected: 12, comment: 5, share: 3 });
		const [picked] = await getNotes([singleImage], {
			output: 'selected',
			fields: ['noteId', 'engagement', 'engagementRate'],
			options: { includeAuthorProfile: true },
		});
		expect(picked).toEqual({
			noteId: singleImage.noteId,
			engagement: 106,
			engagementText: '106',
			engagementExact: true,
			engagementRate: 106 / 86_000,
		});
	});
});

describe('Trigger: engagement as a metric', () => {
	it('fires once the four counts together prove the increase, and not before', async () => {
		sandbox.notes.setCounts(singleImage.noteId, { liked: 86, collected: 12, comment: 5, share: 3 });
		sandbox.notes.setGrowth(singleImage.noteId, { liked: 0, collected: 0, comment: 0, share: 0 });
		const w = watcher(sandbox, { notes: noteLink(singleImage), noteMetrics: ['engagement'], fireWhen: ['increase'], increaseBy: 50 });

		expect(await w.poll()).toBeNull();
		sandbox.notes.setCounts(singleImage.noteId, { liked: 120 });
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();

		sandbox.notes.setCounts(singleImage.noteId, { collected: 30 });
		clock.advance(HOUR);
		const events = eventsOf(await w.poll());
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			event: 'increase',
			metric: 'engagement',
			previousValue: 106,
			previousText: '106',
			currentValue: 158,
			currentText: '158',
			change: 52,
			changeProvenAtLeast: 52,
		});
		expect(events[0].summary).toContain('Engagement on');

		// The baseline moved with the alert and was saved: the same counts stay silent.
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();
	});

	it('judges rounded displays by their bounds: a rise hidden in 3.5万 proves nothing, a new display does', async () => {
		sandbox.notes.setCounts(videoSample.noteId, { liked: 35_123, collected: 2227, comment: 529, share: 1108 });
		sandbox.notes.setGrowth(videoSample.noteId, { liked: 0, collected: 0, comment: 0, share: 0 });
		const w = watcher(sandbox, { notes: noteLink(videoSample), noteMetrics: ['engagement'], fireWhen: ['change'] });
		expect(await w.poll()).toBeNull();

		// +300 likes stays 3.5万 and +1 comment is inside that rounding: the total is not proven to move.
		sandbox.notes.setCounts(videoSample.noteId, { liked: 35_423, comment: 530 });
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();

		// 3.7万 proves at least 36,500 likes against at most 35,500 before.
		sandbox.notes.setCounts(videoSample.noteId, { liked: 37_100 });
		clock.advance(HOUR);
		const events = eventsOf(await w.poll());
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			event: 'change',
			metric: 'engagement',
			previousText: '3.5万 + 2227 + 529 + 1108',
			currentText: '3.7万 + 2227 + 530 + 1108',
			changeProvenAtLeast: 36_500 + 3_865 - (35_500 + 3_864),
		});
	});
});
