/**
 * Credits are the user's money: the same note or author is fetched once per execution, a
 * second token is tried only when the first was refused, and the credit cap holds.
 */
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, runNode, userGet, sandboxForThisFile } from './node-support';

const { notes, users, shortLinks } = FIXTURES;
const FAST = SANDBOX_KEYS.fast;
const continueOnFail = { nodeSettings: { onError: 'continueRegularOutput' } };
const enc = encodeURIComponent;
const link = (n: { noteId: string }, token: string) => `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${enc(token)}`;

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

const noteCalls = () => callsWith(sandbox, FAST).filter((c) => c.endpoint === 'get_note_detail');
const profileCalls = () => callsWith(sandbox, FAST).filter((c) => c.endpoint === 'get_user_profile');

describe('in-run dedupe', () => {
	it('fetches a note asked for by many items once, and gives every item its answer', async () => {
		const inputs = [
			link(notes.topics, notes.topics.xsecToken),
			link(notes.singleImage, notes.singleImage.xsecToken),
			shortLinks.oPath.url,
			`看看 https://www.xiaohongshu.com/discovery/item/${notes.topics.noteId}?xsec_token=${enc(notes.topics.xsecToken)}，复制本条信息`,
			link(notes.topics, notes.topics.xsecToken),
		].map((l) => ({ link: l }));
		const run = await runNode(inputs, noteGet(), { credentials: credentialsFor(sandbox) });
		expect(run.json.map((j) => j.noteId)).toEqual([
			notes.topics.noteId,
			notes.singleImage.noteId,
			notes.topics.noteId,
			notes.topics.noteId,
			notes.topics.noteId,
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual(inputs.map((_, item) => ({ item })));
		expect(noteCalls().map((c) => c.noteId)).toEqual([notes.topics.noteId, notes.singleImage.noteId]);
	});

	it('shares a failure too: the same stale link in three items costs one call', async () => {
		const stale = link(notes.expiredToken, notes.expiredToken.expiredXsecToken as string);
		const run = await runNode([{ link: stale }, { link: stale }, { link: stale }], noteGet(), {
			credentials: credentialsFor(sandbox),
			...continueOnFail,
		});
		expect(run.json.every((j) => typeof j.error === 'string')).toBe(true);
		expect(noteCalls()).toHaveLength(1);
	});

	it('tries a second token for a note only when the first was refused', async () => {
		const run = await runNode(
			[
				{ link: link(notes.expiredToken, notes.expiredToken.expiredXsecToken as string) },
				{ link: link(notes.expiredToken, notes.expiredToken.xsecToken) },
				{ link: link(notes.topics, notes.topics.xsecToken) },
				{ link: link(notes.topics, notes.singleImage.xsecToken) },
			],
			noteGet(),
			{ credentials: credentialsFor(sandbox), ...continueOnFail },
		);
		expect(run.json[0].error).toMatch(/would not serve/);
		expect(run.json[1].noteId).toBe(notes.expiredToken.noteId);
		// The note was already fetched with a working token: the other token is not worth a credit.
		expect(run.json[3].noteId).toBe(notes.topics.noteId);
		const calls = noteCalls().map((c) => `${c.noteId} ${c.status}`);
		expect([...calls].sort()).toEqual(
			[`${notes.expiredToken.noteId} 422`, `${notes.expiredToken.noteId} 200`, `${notes.topics.noteId} 200`].sort(),
		);
		// The second token was tried after the first was refused, never before.
		expect(calls.indexOf(`${notes.expiredToken.noteId} 422`)).toBeLessThan(calls.indexOf(`${notes.expiredToken.noteId} 200`));
	});

	it('resolves a short link given by several items once', async () => {
		const run = await runNode([{ link: shortLinks.aPath.url }, { link: shortLinks.aPath.url }, { link: shortLinks.cnHost.url }], noteGet(), {
			credentials: credentialsFor(sandbox),
		});
		expect(run.json.map((j) => j.noteId)).toEqual([notes.videoSample.noteId, notes.videoSample.noteId, notes.emptyTitle.noteId]);
		// Items run a few at a time: the first two may both be in flight before either resolves.
		expect(sandbox.stats().proxy.hits.length).toBeLessThanOrEqual(3);
		expect(noteCalls()).toHaveLength(2);
	});

	it('User → Get fetches each creator once', async () => {
		const inputs = [users.femaleCreator.userId, `https://www.xiaohongshu.com/user/profile/${users.femaleCreator.userId}`, users.guoJiaFeng.userId];
		await runNode(inputs.map((l) => ({ link: l })), userGet(), { credentials: credentialsFor(sandbox) });
		expect(profileCalls().map((c) => c.userId)).toEqual([users.femaleCreator.userId, users.guoJiaFeng.userId]);
	});
});

describe('Include Author Profile', () => {
	const authoredBy = [notes.singleImage, notes.topics, notes.mediaExpired, notes.videoSample];

	it('adds the author profile, fetching each distinct author once', async () => {
		const run = await runNode(
			authoredBy.map((n) => ({ link: link(n, n.xsecToken) })),
			noteGet({ options: { includeAuthorProfile: true } }),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			authorId: users.femaleCreator.userId,
			authorName: '小鹿爱探店',
			authorRedId: 'xiaolu_tandian',
			authorGender: 'female',
			authorFollowers: 86_000,
			authorFollowersText: '8.6万',
			authorFollowersExact: false,
			authorTags: ['美食博主', '上海·静安'],
		});
		expect(run.json[3]).toMatchObject({ authorId: users.guoJiaFeng.userId, authorGender: 'male', authorRegion: '北京' });
		expect(noteCalls()).toHaveLength(4);
		expect(profileCalls().map((c) => c.userId)).toEqual([users.femaleCreator.userId, users.guoJiaFeng.userId]);
	});

	it('keeps the note when the profile fails, and says why', async () => {
		sandbox.faults.inject({ count: 1, status: 502, endpoint: 'get_user_profile' });
		const run = await runNode([{ link: link(notes.topics, notes.topics.xsecToken) }], noteGet({ options: { includeAuthorProfile: true } }), {
			credentials: credentialsFor(sandbox),
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ noteId: notes.topics.noteId, authorProfileError: expect.stringMatching(/Xiaohongshu answered parse.bot with an error/) });
	});

	it('in Raw output puts the raw profile beside the note payload', async () => {
		const run = await runNode([{ link: link(notes.videoSample, notes.videoSample.xsecToken) }], noteGet({ output: 'raw', options: { includeAuthorProfile: true } }), {
			credentials: credentialsFor(sandbox),
		});
		expect(run.json[0]).toMatchObject({ note_id: notes.videoSample.noteId, author_profile: { user_id: users.guoJiaFeng.userId, profile: { nickname: '郭嘉峰' } } });
	});
});

describe('Max Credits per Execution', () => {
	it('stops calling at the cap; items beyond it fail without a call', async () => {
		const list = [notes.topics, notes.singleImage, notes.manyImages, notes.emptyTitle];
		const run = await runNode(list.map((n) => ({ link: link(n, n.xsecToken) })), noteGet({ options: { maxCredits: 2 } }), {
			credentials: credentialsFor(sandbox),
			...continueOnFail,
		});
		expect(run.json.filter((j) => j.noteId)).toHaveLength(2);
		const capped = run.json.filter((j) => j.error);
		expect(capped).toHaveLength(2);
		expect(capped[0].error).toMatch(/^Credit cap reached before note/);
		expect(capped[0].description).toMatch(/2 parse.bot calls/);
		expect(noteCalls()).toHaveLength(2);
	});
});
