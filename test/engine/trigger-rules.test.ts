/**
 * Each rule end to end: a real workflow with the trigger polled the way an active n8n polls
 * it, against the sandbox's drifting counts and virtual clock.
 */
import { FIXTURES } from '../../tooling/sandbox';
import type { Sandbox } from '../../tooling/sandbox';
import { HOUR, MINUTE, SharedClock, eventsOf, noteLink, sandboxWithClockForThisFile, watcher } from './trigger-support';

const { singleImage, videoSample, topics, countsFloor, countsWan } = FIXTURES.notes;

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile((started, startedClock) => {
	sandbox = started;
	clock = startedClock;
});

describe('any real change', () => {
	it('fires on a changed count and stays silent while it holds', async () => {
		sandbox.notes.setCounts(singleImage.noteId, { liked: 86 });
		sandbox.notes.setGrowth(singleImage.noteId, { liked: 0 });
		const w = watcher(sandbox, { notes: noteLink(singleImage), fireWhen: ['change'] });

		expect(await w.poll()).toBeNull();
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();

		sandbox.notes.setCounts(singleImage.noteId, { liked: 90 });
		clock.advance(HOUR);
		const [event, ...rest] = eventsOf(await w.poll());
		expect(rest).toEqual([]);
		expect(event).toMatchObject({
			event: 'change',
			entryKind: 'note',
			entryId: singleImage.noteId,
			title: singleImage.title,
			metric: 'likes',
			previousValue: 86,
			previousText: '86',
			currentValue: 90,
			currentText: '90',
			change: 4,
			changeProvenAtLeast: 4,
			// The second poll still showed 86: the change happened in the last hour, not over two (issue 25).
			windowHours: expect.closeTo(1, 2),
		});
		expect(event.growthPerHour).toBeCloseTo(4, 1);
		expect(event.summary).toBe(`📈 Likes on "${singleImage.title}" rose 86 → 90 (+4, +4.7%) in 1 h`);
		expect(event.link).toContain(singleImage.noteId);
		expect((event.snapshot as { likes: number }).likes).toBe(90);
		// An hour between the two polls, give or take the seconds a poll takes (times are whole seconds).
		const windowMs = Date.parse(event.to as string) - Date.parse(event.from as string);
		expect(windowMs).toBeGreaterThanOrEqual(HOUR - 5_000);
		expect(windowMs).toBeLessThanOrEqual(HOUR + 5_000);

		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();
	});

	it('ignores rounding noise: a drifting count that stays inside its display never fires', async () => {
		// 35,123 likes is shown as 3.5万; +300 over three hours stays 3.5万.
		sandbox.notes.setCounts(videoSample.noteId, { liked: 35_123 });
		sandbox.notes.setGrowth(videoSample.noteId, { liked: 100, collected: 0, comment: 0, share: 0 });
		const w = watcher(sandbox, { notes: noteLink(videoSample), fireWhen: ['change'] });
		expect(await w.poll()).toBeNull();
		for (let h = 0; h < 3; h++) {
			clock.advance(HOUR);
			expect(await w.poll()).toBeNull();
		}
		// 35,523 is shown as 3.6万: the display moved, so the count did.
		clock.advance(HOUR);
		const events = eventsOf(await w.poll());
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ previousText: '3.5万', currentText: '3.6万', changeProvenAtLeast: 1 });
	});

	it('never fires on unchanged floors and literal displays', async () => {
		const w = watcher(sandbox, {
			notes: [noteLink(countsFloor), noteLink(countsWan)].join('\n'),
			noteMetrics: ['likes', 'collects', 'comments', 'shares'],
			fireWhen: ['change', 'increase', 'milestone', 'spike'],
			increaseBy: 1,
			milestones: '1000, 10000, 100000',
			spikeMinIncrease: 1,
		});
		for (let h = 0; h < 6; h++) {
			expect(await w.poll()).toBeNull();
			clock.advance(HOUR);
		}
	});
});

describe('increase of at least N', () => {
	it('adds up steady drift and fires each time another N is proven', async () => {
		sandbox.notes.setCounts(singleImage.noteId, { liked: 100 });
		sandbox.notes.setGrowth(singleImage.noteId, { liked: 30 });
		const w = watcher(sandbox, { notes: noteLink(singleImage), fireWhen: ['increase'], increaseBy: 100 });

		const firedAt: number[] = [];
		for (let h = 0; h <= 8; h++) {
			const events = eventsOf(await w.poll());
			if (events.length > 0) firedAt.push(h);
			for (const e of events) expect(e).toMatchObject({ event: 'increase', metric: 'likes' });
			clock.advance(HOUR);
		}
		// 100 -> 130 -> 160 -> 190 -> 220 (+120 at hour 4) -> ... -> 340 (+120 at hour 8).
		expect(firedAt).toEqual([4, 8]);
	});
});

describe('increase of at least N%', () => {
	it('fires when the proven increase reaches the percentage of the last alerted count', async () => {
		sandbox.notes.setCounts(singleImage.noteId, { liked: 200 });
		sandbox.notes.setGrowth(singleImage.noteId, { liked: 0 });
		const w = watcher(sandbox, { notes: noteLink(singleImage), fireWhen: ['percentIncrease'], increasePercent: 10 });
		expect(await w.poll()).toBeNull();

		sandbox.notes.setCounts(singleImage.noteId, { liked: 219 });
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();

		sandbox.notes.setCounts(singleImage.noteId, { liked: 221 });
		clock.advance(HOUR);
		const events = eventsOf(await w.poll());
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ event: 'percentIncrease', previousValue: 200, currentValue: 221, changePercent: 10.5 });
	});
});

describe('milestone crossed', () => {
	it('fires once, when the display proves the count is past the milestone', async () => {
		sandbox.notes.setCounts(topics.noteId, { liked: 9_876 });
		sandbox.notes.setGrowth(topics.noteId, { liked: 300 });
		const w = watcher(sandbox, { notes: noteLink(topics), fireWhen: ['milestone'], milestones: '5000, 10000, 2万' });

		const fired: Array<{ hour: number; milestone: unknown; text: unknown }> = [];
		for (let h = 0; h <= 6; h++) {
			for (const e of eventsOf(await w.poll())) fired.push({ hour: h, milestone: e.milestone, text: e.currentText });
			clock.advance(HOUR);
		}
		// 10,176 and 10,476 are shown as "1万", which may still be below 10,000; 10,776 is "1.1万".
		expect(fired).toEqual([{ hour: 3, milestone: 10_000, text: '1.1万' }]);
	});
});

describe('spike', () => {
	it('tells a spike from steady growth', async () => {
		const steady = FIXTURES.notes.manyImages;
		sandbox.notes.setCounts(singleImage.noteId, { liked: 1_000 });
		sandbox.notes.setGrowth(singleImage.noteId, { liked: 20 });
		sandbox.notes.setCounts(steady.noteId, { liked: 2_000 });
		sandbox.notes.setGrowth(steady.noteId, { liked: 200 });
		const w = watcher(sandbox, {
			notes: [noteLink(singleImage), noteLink(steady)].join('\n'),
			fireWhen: ['spike'],
			spikeFactor: 3,
			spikeMinIncrease: 50,
		});
		for (let h = 0; h < 6; h++) {
			expect(await w.poll()).toBeNull();
			clock.advance(HOUR);
		}
		// Half an hour into the next hour, the first note gains 400 likes at once.
		sandbox.notes.scheduleSpike(singleImage.noteId, { at: sandbox.clock.now() - 30 * MINUTE, metric: 'liked', amount: 400 });
		const events = eventsOf(await w.poll());
		expect(events.map((e) => [e.entryId, e.event])).toEqual([[singleImage.noteId, 'spike']]);
		const spike = events[0].spike as { provenPerHour: number; averagePerHour: number; ratio: number };
		expect(spike.averagePerHour).toBeCloseTo(20, 0);
		expect(spike.provenPerHour).toBeGreaterThanOrEqual(400);
		expect(spike.ratio).toBeGreaterThanOrEqual(20);
		expect(events[0].summary).toMatch(/^🚀 Likes on ".+" are spiking: 1\d{3} → 1\d{3} in 1 h \(at least 4\d\d\/h, usual 2\d\/h\)$/);

		// Back to steady growth: no second alert.
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();
	});
});
