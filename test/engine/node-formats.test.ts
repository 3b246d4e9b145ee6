/**
 * What users paste and what the site displays, end to end: every link form and share-text
 * shape, every count form, every gender, both payload nestings and envelopes, and the three
 * output modes.
 */
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, noteParseLink, runNode, userGet, sandboxForThisFile } from './node-support';

const { notes, users, shortLinks } = FIXTURES;
const SHARE_TAIL = '复制本条信息，打开【小红书】App查看精彩内容！';

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

const credentials = () => credentialsFor(sandbox);
const enc = encodeURIComponent;

describe('every link form and share-text shape', () => {
	const n = notes.topics;
	const forms: Array<[string, string, { noteId: string; xsecToken: string | null; linkKind: string; xsecSource?: string | null }]> = [
		['explore link', `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${enc(n.xsecToken)}&xsec_source=pc_feed`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'explore', xsecSource: 'pc_feed' }],
		['explore link over http without www', `http://xiaohongshu.com/explore/${n.noteId}?xsec_token=${enc(n.xsecToken)}&xsec_source=pc_search`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'explore', xsecSource: 'pc_search' }],
		['rednote.com host', `https://www.rednote.com/explore/${n.noteId}?xsec_token=${enc(n.xsecToken)}`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'explore' }],
		['token with a raw "="', `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${n.xsecToken}&xsec_source=pc_user`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'explore' }],
		['token double-encoded', `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${n.xsecToken.replace('=', '%253D')}`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'explore' }],
		['discovery/item share link with many parameters', `https://www.xiaohongshu.com/discovery/item/${n.noteId}?app_platform=ios&app_version=8.86&share_from_user_hidden=true&xsec_source=app_share&type=normal&xsec_token=${enc(n.xsecToken)}&author_share=1&xhsshare=CopyLink&shareRedId=ODlGNUk2&apptime=1762000000&share_id=abc`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'discovery', xsecSource: 'app_share' }],
		['note opened from a profile', `https://www.xiaohongshu.com/user/profile/${n.userId}/${n.noteId}?xsec_token=${enc(n.xsecToken)}&xsec_source=pc_user`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'profile_note', xsecSource: 'pc_user' }],
		['newer share text: title first, full-width comma against the link', `秋天的第一杯奶茶 https://www.xiaohongshu.com/discovery/item/${n.noteId}?xsec_token=${enc(n.xsecToken)}&xsec_source=app_share，${SHARE_TAIL}`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'discovery' }],
		['old share text with emoji and a bare short link', `13 我是DM发布了一篇小红书笔记，快来看吧！ 😆 F02MULzeoQVJ7YY 😆 ${shortLinks.bareCode.url}，${SHARE_TAIL}`, { noteId: notes.manyImages.noteId, xsecToken: notes.manyImages.xsecToken, linkKind: 'short_link', xsecSource: 'app_share' }],
		['newer share text with an /o/ short link', `秋天的第一杯奶茶 ${shortLinks.oPath.url} ${SHARE_TAIL}`, { noteId: n.noteId, xsecToken: n.xsecToken, linkKind: 'short_link' }],
		['/a/ short link to an explore link', shortLinks.aPath.url, { noteId: notes.videoSample.noteId, xsecToken: notes.videoSample.xsecToken, linkKind: 'short_link' }],
		['/m/ short link to a note opened from a profile', shortLinks.mPath.url, { noteId: notes.singleImage.noteId, xsecToken: notes.singleImage.xsecToken, linkKind: 'short_link', xsecSource: 'pc_user' }],
		['xhslink.cn short link to rednote.com', shortLinks.cnHost.url, { noteId: notes.emptyTitle.noteId, xsecToken: notes.emptyTitle.xsecToken, linkKind: 'short_link' }],
		['bare id (Parse Link reports it, not ready to fetch)', n.noteId, { noteId: n.noteId, xsecToken: null, linkKind: 'id' }],
	];

	it('Parse Link reads each one, costing no credit', async () => {
		const run = await runNode(forms.map(([, link]) => ({ link })), noteParseLink(), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		forms.forEach(([name, , expected], i) => {
			expect({ name, ...run.json[i] }).toMatchObject({ name, ...expected, readyToFetch: expected.xsecToken !== null });
			if (expected.xsecToken) {
				expect(run.json[i].url).toBe(
					`https://www.xiaohongshu.com/explore/${expected.noteId}?xsec_token=${enc(expected.xsecToken)}&xsec_source=${expected.xsecSource ?? run.json[i].xsecSource ?? 'pc_share'}`,
				);
			}
		});
		expect(run.items.map((i) => i.pairedItem)).toEqual(forms.map((_, item) => ({ item })));
		expect(sandbox.stats().totals.calls).toBe(0);
	});

	it('Note → Get fetches each distinct note once, whatever the form it came in', async () => {
		const fetchable = forms.filter(([, , expected]) => expected.xsecToken !== null);
		const run = await runNode(fetchable.map(([, link]) => ({ link })), noteGet(), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		fetchable.forEach(([, , expected], i) => expect(run.json[i].noteId).toBe(expected.noteId));
		const distinct = new Set(fetchable.map(([, , expected]) => expected.noteId));
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(distinct.size);
	});

	it('ID mode with the token in its own field', async () => {
		const run = await runNode(
			[{}],
			{ resource: 'note', operation: 'get', note: { __rl: true, mode: 'id', value: n.noteId }, xsec: n.xsecToken },
			{ credentials: credentials() },
		);
		expect(run.json[0]).toMatchObject({ noteId: n.noteId, title: '秋天的第一杯奶茶' });
	});

	it('a link that lost its token borrows the Xsec Token field', async () => {
		const run = await runNode([{ link: `https://www.xiaohongshu.com/explore/${n.noteId}` }], noteGet({ xsec: n.xsecToken }), {
			credentials: credentials(),
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ noteId: n.noteId });
		expect(callsWith(sandbox, SANDBOX_KEYS.fast).map((c) => c.status)).toEqual([200]);
	});

	it('a link that kept its token ignores the Xsec Token field', async () => {
		const link = `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${enc(n.xsecToken)}`;
		const run = await runNode([{ link }], noteGet({ xsec: notes.expiredToken.xsecToken }), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		expect(callsWith(sandbox, SANDBOX_KEYS.fast).map((c) => c.status)).toEqual([200]);
	});

	it('User → Get from a profile link, a short link, a note-from-profile link and a bare id', async () => {
		const inputs = [
			`https://www.xiaohongshu.com/user/profile/${users.femaleCreator.userId}?xsec_token=YBabc&xsec_source=pc_note`,
			shortLinks.userProfile.url,
			`https://www.xiaohongshu.com/user/profile/${users.unknownGender.userId}/${notes.manyImages.noteId}?xsec_token=${enc(notes.manyImages.xsecToken)}`,
			users.hugeCreator.userId,
		];
		const run = await runNode(inputs.map((link) => ({ link })), userGet(), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		expect(run.json.map((j) => j.userId)).toEqual([
			users.femaleCreator.userId,
			users.femaleCreator.userId,
			users.unknownGender.userId,
			users.hugeCreator.userId,
		]);
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(3);
	});
});

describe('every count form', () => {
	const link = (n: { noteId: string; xsecToken: string }) => `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${enc(n.xsecToken)}`;
	const count = (json: Record<string, unknown>, name: string) => [json[name], json[`${name}Text`], json[`${name}Exact`]];

	it('reads digits, 千/k, 万/w/W, 亿, decimals, separators, + floors, and hidden counts as numbers', async () => {
		const list = [notes.countsWan, notes.countsFloor, notes.countsLiteralHuge, notes.countsHidden, notes.noIpLocation, notes.countsHuge];
		const run = await runNode(list.map((n) => ({ link: link(n) })), noteGet(), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		const [wan, floor, literalHuge, hidden, zero, huge] = run.json;
		expect([count(wan, 'likes'), count(wan, 'collects'), count(wan, 'comments'), count(wan, 'shares')]).toEqual([
			[23_000, '2.3w', false],
			[12_000, '1.2W', false],
			[1_500, '1.5千', false],
			[3_000, '3k', false],
		]);
		expect([count(floor, 'likes'), count(floor, 'collects'), count(floor, 'comments'), count(floor, 'shares')]).toEqual([
			[100_000, '10万+', false],
			[10_000, '1w+', false],
			[10, '10+', false],
			[1_234, '1,234', true],
		]);
		expect([count(literalHuge, 'likes'), count(literalHuge, 'collects'), count(literalHuge, 'comments'), count(literalHuge, 'shares')]).toEqual([
			[120_000_000, '1.2亿', false],
			[35_000, '3.5万', false],
			[529, '529', true],
			[2_227, '2227', true],
		]);
		expect([count(hidden, 'likes'), count(hidden, 'collects'), count(hidden, 'comments'), count(hidden, 'shares')]).toEqual([
			[null, null, false],
			[null, null, false],
			[null, null, false],
			[null, null, false],
		]);
		expect(count(zero, 'comments')).toEqual([0, '0', true]);
		expect(zero.region).toBeNull();
		const shown = sandbox.notes.interactInfo(notes.countsHuge.noteId);
		expect(huge.likesText).toBe(shown.liked_count);
		expect(huge.likes).toBe(120_000_000);
	});

	it('reads profile counts, genders and both nestings', async () => {
		const list = [users.guoJiaFeng, users.femaleCreator, users.unknownGender, users.noGender, users.hugeCreator, users.floorCountsCreator];
		const run = await runNode(list.map((u) => ({ link: u.userId })), userGet(), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		const [guo, female, unknownGender, noGender, huge, floor] = run.json;
		expect(guo).toMatchObject({ gender: 'male', redId: '117208536', region: '北京', bio: '记录生活里的好玩瞬间', following: 88, followers: 12_000, followersText: '1.2万', likesAndCollects: 46_000 });
		expect(female).toMatchObject({ gender: 'female', likesAndCollects: 1_235_000, likesAndCollectsText: '123.5万' });
		expect(unknownGender).toMatchObject({ gender: 'unknown', bio: null, tags: [], followers: 9_999, followersExact: true, likesAndCollects: 10_000, likesAndCollectsText: '1万' });
		expect(noGender).toMatchObject({ gender: 'unknown', region: null, followers: null, followersText: null, following: null, likesAndCollects: null, tags: ['双子座'] });
		expect(huge).toMatchObject({ followers: 120_000_000, followersText: '1.2亿', following: 3 });
		expect(floor).toMatchObject({ following: 1_234, followingExact: true, followers: 100_000, followersText: '10万+', followersExact: false, likesAndCollects: 23_000 });
	});
});

describe('note content', () => {
	const link = (n: { noteId: string; xsecToken: string }) => `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${enc(n.xsecToken)}`;

	it('topics from tags and inline #name[话题]#, images, empty title, missing region, the bare payload', async () => {
		const run = await runNode(
			[notes.topics, notes.manyImages, notes.emptyTitle, notes.bareEnvelope, notes.countsFloor].map((n) => ({ link: link(n) })),
			noteGet(),
			{ credentials: credentials() },
		);
		const [topics, many, emptyTitle, bare, video] = run.json;
		expect(topics.topics).toEqual(['奶茶', '秋天的第一杯奶茶', '探店']);
		// The text as the app shows it: each topic as "#name", the markup gone (topics have their own column).
		expect(topics.text).toBe('今年的秋天第一杯 #奶茶 #秋天的第一杯奶茶 #探店\n你们喝了吗');
		expect(many).toMatchObject({ type: 'image', imageCount: 9, imageUrls: notes.manyImages.images.map((i) => i.url), coverUrl: notes.manyImages.images[0].url, videoUrl: null, videoDurationSeconds: null, topics: ['成都旅行'] });
		expect(emptyTitle.title).toBe('');
		expect(bare).toMatchObject({ noteId: notes.bareEnvelope.noteId, title: '没有外壳的返回', likes: 300 });
		expect(video).toMatchObject({ type: 'video', videoDurationSeconds: 312, imageCount: 0, coverUrl: notes.countsFloor.images[0].url });
		expect(topics.updatedAt).toBe(new Date(notes.topics.lastUpdateTime).toISOString());
		expect(topics.authorUrl).toBe(`https://www.xiaohongshu.com/user/profile/${users.femaleCreator.userId}`);
	});
});

describe('output modes', () => {
	const link = `https://www.xiaohongshu.com/explore/${notes.topics.noteId}?xsec_token=${enc(notes.topics.xsecToken)}`;

	it('Raw is the payload parse.bot sent, untouched', async () => {
		const run = await runNode([{ link }], noteGet({ output: 'raw' }), { credentials: credentials() });
		const direct = await fetch(
			`${sandbox.url}/scraper/${sandbox.scraperId}/get_note_detail?note_id=${notes.topics.noteId}&xsec_token=${enc(notes.topics.xsecToken)}`,
			{ headers: { 'X-API-Key': SANDBOX_KEYS.fast } },
		);
		expect(run.json[0]).toEqual(((await direct.json()) as { data: unknown }).data);
	});

	it('Selected Fields returns the pick, each count with its text and exactness', async () => {
		const run = await runNode([{ link }], noteGet({ output: 'selected', fields: ['noteId', 'likes', 'topics'] }), {
			credentials: credentials(),
		});
		expect(run.json[0]).toEqual({
			noteId: notes.topics.noteId,
			likes: 9_876,
			likesText: '9876',
			likesExact: true,
			topics: ['奶茶', '秋天的第一杯奶茶', '探店'],
		});
	});

	it('User → Get in Raw keeps the nesting parse.bot used', async () => {
		const run = await runNode([{ link: users.guoJiaFeng.userId }], userGet({ output: 'raw' }), { credentials: credentials() });
		expect(run.json[0]).toMatchObject({ user_id: users.guoJiaFeng.userId, profile: { nickname: '郭嘉峰' } });
	});
});
