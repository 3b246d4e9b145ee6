/**
 * The watch list as users write it: broken entries next to good ones, invalid lines,
 * duplicates, short links, creators, entries removed; and state that stays small over
 * a long run.
 */
import { FIXTURES } from '../../tooling/sandbox';
import type { Sandbox } from '../../tooling/sandbox';
import { HOUR, SharedClock, apiCalls, eventsOf, noteLink, problemsOf, sandboxWithClockForThisFile, watcher } from './trigger-support';

const { singleImage, topics, expiredToken, deleted } = FIXTURES.notes;
const { femaleCreator } = FIXTURES.users;

let sandbox: Sandbox;
let clock: SharedClock;
sandboxWithClockForThisFile((started, startedClock) => {
	sandbox = started;
	clock = startedClock;
});

beforeEach(() => {
	for (const note of [singleImage, topics, expiredToken]) {
		sandbox.notes.setGrowth(note.noteId, { liked: 0, collected: 0, comment: 0, share: 0 });
	}
});

describe('a broken entry', () => {
	it('does not block the others, is reported once, and recovers when its link is replaced', async () => {
		const stale = noteLink(expiredToken, expiredToken.expiredXsecToken);
		const lines = [noteLink(singleImage), stale, noteLink(deleted), noteLink(topics)];
		const parameters = { fireWhen: ['change'], emitBaseline: true };
		const w = watcher(sandbox, { ...parameters, notes: lines.join('\n') });

		const firstPoll = await w.poll();
		// Events and problems leave on their own outputs.
		expect(eventsOf(firstPoll).map((e) => [e.event, e.entryId])).toEqual([
			['baseline', singleImage.noteId],
			['baseline', topics.noteId],
		]);
		const first = problemsOf(firstPoll);
		expect(first.map((e) => [e.event, e.entryId])).toEqual([
			['entryFailed', expiredToken.noteId],
			['entryFailed', deleted.noteId],
		]);
		expect(first[0]).toMatchObject({
			lineNumber: 2,
			error: { httpCode: '422' },
			summary: expect.stringMatching(/fresh share link/),
		});
		expect(first[1].summary).toMatch(/private or has been deleted/);

		// Later polls: the good entries keep firing, the broken ones stay quiet, even across a restart.
		sandbox.notes.setCounts(singleImage.noteId, { liked: 99 });
		clock.advance(HOUR);
		const second = await w.poll();
		expect(eventsOf(second).map((e) => [e.event, e.entryId])).toEqual([['change', singleImage.noteId]]);
		expect(problemsOf(second)).toEqual([]);
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();
		w.restart();
		clock.advance(HOUR);
		expect(await w.poll()).toBeNull();

		// The user pastes a fresh link in place of the stale one; the workflow keeps its state.
		lines[1] = noteLink(expiredToken);
		const edited = watcher(
			sandbox,
			{ ...parameters, notes: lines.join('\n') },
			{ staticData: w.storedWorkflowStaticData() },
		);
		clock.advance(HOUR);
		expect(eventsOf(await edited.poll()).map((e) => [e.event, e.entryId])).toEqual([['baseline', expiredToken.noteId]]);
		sandbox.notes.setCounts(expiredToken.noteId, { liked: 80 });
		clock.advance(HOUR);
		expect(eventsOf(await edited.poll())).toMatchObject([
			{ event: 'change', entryId: expiredToken.noteId, previousValue: 77, currentValue: 80 },
		]);
	});

	it('reports a failure that may pass by itself once, and only when it persists', async () => {
		const w = watcher(sandbox, { notes: [noteLink(singleImage), noteLink(topics)].join('\n'), fireWhen: ['change'] });
		expect(await w.poll()).toBeNull();
		const failedPerPoll: number[] = [];
		// Xiaohongshu blocks parse.bot for four polls in a row.
		sandbox.faults.inject({ count: 1_000, status: 503 });
		for (let i = 0; i < 4; i++) {
			clock.advance(HOUR);
			const result = await w.poll();
			expect(eventsOf(result)).toEqual([]);
			failedPerPoll.push(problemsOf(result).filter((e) => e.event === 'entryFailed').length);
		}
		sandbox.faults.clear();
		expect(failedPerPoll).toEqual([0, 0, 2, 0]);

		sandbox.notes.setCounts(topics.noteId, { liked: 9_999 });
		clock.advance(HOUR);
		expect(eventsOf(await w.poll()).map((e) => [e.event, e.entryId])).toEqual([['change', topics.noteId]]);
	});
});

describe('the watch list', () => {
	it('costs one call per unique valid entry: invalid lines and duplicates cost nothing and are reported once', async () => {
		const shortLinkToSingleImage = FIXTURES.shortLinks.mPath.url;
		const lines = [
			noteLink(singleImage),
			`${singleImage.title} ${noteLink(singleImage)} 复制本条信息，打开【小红书】App查看精彩内容！`,
			'hello world',
			`https://www.xiaohongshu.com/explore/${topics.noteId}`,
			shortLinkToSingleImage,
			noteLink(topics),
		];
		const w = watcher(sandbox, { notes: lines.join('\n'), fireWhen: ['change'] });

		const callsBefore = apiCalls(sandbox);
		const firstPoll = await w.poll();
		expect(eventsOf(firstPoll)).toEqual([]);
		const first = problemsOf(firstPoll);
		expect(first.map((e) => [e.event, e.lineNumber])).toEqual([
			['invalidEntry', 3],
			['invalidEntry', 4],
		]);
		expect(first[1].summary).toMatch(/xsec_token/);
		expect(apiCalls(sandbox) - callsBefore).toBe(2);
		const calledIds = sandbox.stats().calls.slice(-2).map((c) => c.noteId);
		expect(calledIds.sort()).toEqual([singleImage.noteId, topics.noteId].sort());

		for (let i = 0; i < 3; i++) {
			clock.advance(HOUR);
			expect(await w.poll()).toBeNull();
		}
		expect(apiCalls(sandbox) - callsBefore).toBe(8);
		// The short link was looked up once; its target is remembered.
		const lookups = sandbox.stats().proxy.hits.filter((h) => h.url.startsWith(shortLinkToSingleImage));
		expect(lookups).toHaveLength(1);
	});

	it('forgets entries removed from the list', async () => {
		const w = watcher(sandbox, { notes: [noteLink(singleImage), noteLink(topics)].join('\n'), fireWhen: ['change'] });
		await w.poll();
		const entriesOf = (data: Record<string, unknown>) =>
			Object.keys((data.xiaohongshuWatch as { entries: Record<string, unknown> }).entries).sort();
		expect(entriesOf(w.staticData())).toEqual([`note:${singleImage.noteId}`, `note:${topics.noteId}`].sort());

		const narrowed = watcher(
			sandbox,
			{ notes: noteLink(topics), fireWhen: ['change'] },
			{ staticData: w.storedWorkflowStaticData() },
		);
		clock.advance(HOUR);
		await narrowed.poll();
		expect(entriesOf(narrowed.staticData())).toEqual([`note:${topics.noteId}`]);
	});
});

describe('creators', () => {
	it('watches followers and names the creator', async () => {
		sandbox.users.setCounts(femaleCreator.userId, { fans: '1,204' });
		const w = watcher(sandbox, {
			watch: 'creators',
			creators: `https://www.xiaohongshu.com/user/profile/${femaleCreator.userId}`,
			creatorMetrics: ['followers'],
			fireWhen: ['change'],
		});
		expect(await w.poll()).toBeNull();
		sandbox.users.setCounts(femaleCreator.userId, { fans: '1,180' });
		clock.advance(3 * HOUR);
		const events = eventsOf(await w.poll());
		expect(events).toMatchObject([
			{
				event: 'change',
				entryKind: 'creator',
				entryId: femaleCreator.userId,
				title: femaleCreator.nickname,
				metric: 'followers',
				previousValue: 1204,
				currentValue: 1180,
				changeProvenAtLeast: -24,
			},
		]);
		expect(events[0].summary).toBe(`📉 Followers on "${femaleCreator.nickname}" fell 1,204 → 1,180 (−24, −2%) in 3 h`);
	});
});
