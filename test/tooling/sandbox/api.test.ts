import { FIXTURES, initialInteractInfo, SANDBOX_KEYS, startSandbox, type Sandbox } from '../../../tooling/sandbox/index';
import { call, noteParams } from '../../../tooling/sandbox/testClient';

describe('sandbox parse.bot API: success answers', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it("serves the listing's sample video note with the documented fields in the envelope", async () => {
		const n = FIXTURES.notes.videoSample;
		const res = await call(sandbox, 'get_note_detail', noteParams(n));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/application\/json/);
		expect(res.json.status).toBe('success');
		const data = res.json.data;
		expect(data).toMatchObject({
			note_id: '641ae75d0000000013031c27',
			type: 'video',
			title: '各地游客打卡be like',
			description: '',
			ip_location: '',
			time: 1679484765000,
			last_update_time: 1679484766000,
			tags: [],
			user: { user_id: '5bb08087e617cb0001a9b4a6', nickname: '郭嘉峰' },
			video: { width: 720, height: 1280, format: 'h264', duration: 86 },
			interact_info: { liked_count: '3.5万', share_count: '1108', comment_count: '529', collected_count: '2227' },
		});
		expect(data.video.url).toMatch(/^http:\/\/sns-video-zl\.xhscdn\.com\/stream\/.+\.mp4\?sign=[0-9a-f]+&t=[0-9a-f]+$/);
		expect(data.images).toHaveLength(1);
		expect(data.images[0]).toEqual({ url: expect.stringMatching(/^http:\/\/sns-webpic-qc\.xhscdn\.com\//), width: 1080, height: 1440, file_id: '' });
		expect(data.user.avatar).toMatch(/^http:\/\/sns-avatar-qc\.xhscdn\.com\/avatar\//);
	});

	it('accepts POST with a JSON body exactly like GET with a query', async () => {
		const n = FIXTURES.notes.topics;
		const viaGet = await call(sandbox, 'get_note_detail', noteParams(n));
		const viaPost = await call(sandbox, 'get_note_detail', noteParams(n), { method: 'POST' });
		expect(viaPost.status).toBe(200);
		expect(viaPost.json).toEqual(viaGet.json);
		const stats = sandbox.stats();
		expect(stats.calls.map((c) => c.method)).toEqual(['GET', 'POST']);
	});

	it('answers the bareEnvelope note and the floorCountsCreator profile without the envelope', async () => {
		const bare = await call(sandbox, 'get_note_detail', noteParams(FIXTURES.notes.bareEnvelope));
		expect(bare.status).toBe(200);
		expect(bare.json.status).toBeUndefined();
		expect(bare.json.note_id).toBe(FIXTURES.notes.bareEnvelope.noteId);
		const profile = await call(sandbox, 'get_user_profile', { user_id: FIXTURES.users.floorCountsCreator.userId });
		expect(profile.json.data).toBeUndefined();
		expect(profile.json).toMatchObject({ user_id: FIXTURES.users.floorCountsCreator.userId, interaction: '2.3w' });
		expect(profile.json.profile).toMatchObject({ fans: '10万+', follows: '1,234' });
	});

	it('nests some profiles under `profile` and keeps others at the top, with interaction and user_id beside them', async () => {
		const nested = await call(sandbox, 'get_user_profile', { user_id: FIXTURES.users.guoJiaFeng.userId });
		expect(nested.json.status).toBe('success');
		expect(nested.json.data).toEqual({
			user_id: '5bb08087e617cb0001a9b4a6',
			interaction: '4.6万',
			profile: expect.objectContaining({ nickname: '郭嘉峰', gender: 0, red_id: '117208536', fans: '1.2万', follows: '88', ip_location: '北京' }),
		});
		const top = await call(sandbox, 'get_user_profile', { user_id: FIXTURES.users.femaleCreator.userId });
		expect(top.json.data.profile).toBeUndefined();
		expect(top.json.data).toMatchObject({ nickname: '小鹿爱探店', gender: 1, red_id: 'xiaolu_tandian', fans: '8.6万', interaction: '123.5万' });
		expect(top.json.data.tags).toEqual([
			{ type: 'profession', name: '美食博主', icon: 'http://ci.xiaohongshu.com/icons/user/profession-v1.png' },
			{ type: 'location', name: '上海·静安' },
		]);
	});

	it('covers every gender value, hidden and huge profile counts', async () => {
		const get = async (userId: string) => {
			const res = await call(sandbox, 'get_user_profile', { user_id: userId });
			return { ...res.json.data, ...res.json.data.profile };
		};
		expect((await get(FIXTURES.users.unknownGender.userId)).gender).toBe(2);
		const noGender = await get(FIXTURES.users.noGender.userId);
		expect('gender' in noGender).toBe(false);
		expect('ip_location' in noGender).toBe(false);
		expect(noGender.fans).toBe('');
		expect('interaction' in noGender).toBe(false);
		const huge = await get(FIXTURES.users.hugeCreator.userId);
		expect(huge).toMatchObject({ fans: '1.2亿', interaction: '3.5亿', follows: '3' });
	});

	it('serves every count display form the formats reference lists', async () => {
		const seen = new Set<string>();
		let missingKeys = 0;
		for (const n of Object.values(FIXTURES.notes)) {
			if (n.state && n.state !== 'public') continue;
			const res = await call(sandbox, 'get_note_detail', noteParams(n));
			const info = (res.json.data ?? res.json).interact_info as Record<string, string>;
			expect(info).toEqual(initialInteractInfo(n));
			Object.values(info).forEach((v) => seen.add(v));
			missingKeys += 4 - Object.keys(info).length;
		}
		for (const form of ['529', '2227', '3.5万', '2.3w', '1.2W', '1.5千', '3k', '1.2亿', '10+', '1w+', '10万+', '1,234', '']) {
			expect(seen).toContain(form);
		}
		expect(missingKeys).toBeGreaterThan(0);
	});

	it('covers one and many images, empty titles, inline topics and a missing ip_location', async () => {
		const data = async (n: { noteId: string; xsecToken: string }) => (await call(sandbox, 'get_note_detail', noteParams(n))).json.data;
		expect((await data(FIXTURES.notes.singleImage)).images).toHaveLength(1);
		const many = await data(FIXTURES.notes.manyImages);
		expect(many.images).toHaveLength(9);
		expect(many.images.some((i: { url: string }) => i.url.includes('_webp_'))).toBe(true);
		expect((await data(FIXTURES.notes.emptyTitle)).title).toBe('');
		const topics = await data(FIXTURES.notes.topics);
		expect(topics.description).toContain('#奶茶[话题]#');
		expect(topics.tags.map((t: { name: string; type: string }) => `${t.type}:${t.name}`)).toEqual(['topic:奶茶', 'topic:秋天的第一杯奶茶', 'topic:探店']);
		expect('ip_location' in (await data(FIXTURES.notes.noIpLocation))).toBe(false);
		expect('video' in (await data(FIXTURES.notes.singleImage))).toBe(false);
	});

	it('counts one credit per successful call against the calling key', async () => {
		await call(sandbox, 'get_note_detail', noteParams(FIXTURES.notes.singleImage), { key: SANDBOX_KEYS.developer });
		await call(sandbox, 'get_user_profile', { user_id: FIXTURES.users.guoJiaFeng.userId }, { key: SANDBOX_KEYS.developer });
		const stats = sandbox.stats();
		expect(stats.byKey[SANDBOX_KEYS.developer]).toMatchObject({ calls: 2, creditsSpent: 2, status429: 0 });
		expect(stats.calls[0]).toMatchObject({ endpoint: 'get_note_detail', noteId: FIXTURES.notes.singleImage.noteId, status: 200, credits: 1 });
		expect(stats.calls[1]).toMatchObject({ endpoint: 'get_user_profile', userId: FIXTURES.users.guoJiaFeng.userId });
		expect(sandbox.credits.balances()[SANDBOX_KEYS.developer]).toMatchObject({ used: 2, remaining: 4998 });
	});
});

describe('fixture catalogue', () => {
	const notes = Object.values(FIXTURES.notes);

	it('has 24-hex ids whose first 8 digits are the publish time', () => {
		for (const n of notes) {
			expect(n.noteId).toMatch(/^[0-9a-f]{24}$/);
			expect(parseInt(n.noteId.slice(0, 8), 16) * 1000).toBe(n.time);
			expect(n.time).toBeGreaterThan(Date.UTC(2013, 0, 1));
			expect(n.time).toBeLessThan(Date.UTC(2026, 0, 1));
		}
		for (const u of Object.values(FIXTURES.users)) expect(u.userId).toMatch(/^[0-9a-f]{24}$/);
	});

	it('has unique, realistic xsec tokens', () => {
		const tokens = notes.flatMap((n) => [n.xsecToken, n.expiredXsecToken].filter(Boolean) as string[]);
		expect(new Set(tokens).size).toBe(tokens.length);
		for (const t of tokens) expect(t).toMatch(/^(AB|CB)[A-Za-z0-9_-]{43}=$/);
		expect(tokens.some((t) => t.startsWith('AB'))).toBe(true);
	});

	it('gives every note an author profile the sandbox can serve', () => {
		const userIds = new Set(Object.values(FIXTURES.users).map((u) => u.userId));
		for (const n of notes) expect(userIds).toContain(n.userId);
	});
});
