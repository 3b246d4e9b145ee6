/**
 * Every operation end to end: a real workflow through n8n-core's WorkflowExecute, real HTTP
 * to the sandbox on loopback, short links through the sandbox's forward proxy.
 */
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, noteParseLink, runNode, userGet, sandboxForThisFile } from './node-support';

const { notes, users, shortLinks } = FIXTURES;

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

function exploreLink(n: { noteId: string; xsecToken: string }) {
	return `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}&xsec_source=pc_feed`;
}

describe('Note → Get', () => {
	it('returns a simplified note from a link, with numbers, ISO times and the canonical URL', async () => {
		const run = await runNode([{ link: exploreLink(notes.videoSample) }], noteGet(), {
			credentials: credentialsFor(sandbox),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(1);
		const note = run.json[0];
		expect(note).toMatchObject({
			noteId: notes.videoSample.noteId,
			xsecToken: notes.videoSample.xsecToken,
			type: 'video',
			title: '各地游客打卡be like',
			text: '',
			region: null,
			authorId: users.guoJiaFeng.userId,
			authorName: '郭嘉峰',
			likesText: '3.5万',
			likes: 35_000,
			likesExact: false,
			collects: 2227,
			collectsExact: true,
			comments: 529,
			shares: 1108,
			imageUrls: [],
			imageCount: 0,
			coverUrl: notes.videoSample.images[0].url,
			videoUrl: notes.videoSample.video?.url,
			videoDurationSeconds: 86,
			publishedAtMs: notes.videoSample.time,
			publishedAt: new Date(notes.videoSample.time).toISOString(),
		});
		expect(note.url).toBe(
			`https://www.xiaohongshu.com/explore/${notes.videoSample.noteId}?xsec_token=${encodeURIComponent(notes.videoSample.xsecToken)}&xsec_source=pc_feed`,
		);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(callsWith(sandbox, SANDBOX_KEYS.fast).map((c) => [c.endpoint, c.noteId, c.status])).toEqual([
			['get_note_detail', notes.videoSample.noteId, 200],
		]);
		// What the run cost, shown in the output pane.
		expect(run.result.runData.Xiaohongshu[0].hints).toContainEqual(
			expect.objectContaining({ message: "parse.bot: 1 call, 1 credit used, 0 answered from this execution's cache" }),
		);
	});
});

describe('Note → Parse Link', () => {
	it('reads a short link through its redirect without any parse.bot call', async () => {
		const run = await runNode([{ link: `看看这个 ${shortLinks.aPath.url}，复制本条信息，打开【小红书】App查看精彩内容！` }], noteParseLink(), {
			credentials: credentialsFor(sandbox),
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			noteId: notes.videoSample.noteId,
			xsecToken: notes.videoSample.xsecToken,
			xsecSource: 'pc_share',
			linkKind: 'short_link',
			readyToFetch: true,
			shortLink: shortLinks.aPath.url,
			resolvedUrl: shortLinks.aPath.location,
		});
		expect(sandbox.stats().totals.calls).toBe(0);
		expect(sandbox.stats().proxy.byHost).toEqual({ 'xhslink.com': 1 });
	});
});

describe('User → Get', () => {
	it('returns a simplified profile from a profile link', async () => {
		const run = await runNode([{ link: `https://www.xiaohongshu.com/user/profile/${users.femaleCreator.userId}` }], userGet(), {
			credentials: credentialsFor(sandbox),
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			userId: users.femaleCreator.userId,
			redId: 'xiaolu_tandian',
			nickname: '小鹿爱探店',
			gender: 'female',
			region: '上海',
			followers: 86_000,
			followersText: '8.6万',
			followersExact: false,
			following: 321,
			followingExact: true,
			tags: ['美食博主', '上海·静安'],
			profileUrl: `https://www.xiaohongshu.com/user/profile/${users.femaleCreator.userId}`,
		});
	});
});

describe('as n8n loads the package', () => {
	it('finds the node with its codex (categories, aliases, documentation) and both icons', async () => {
		const { loadPackage, XHS_NODE_TYPE } = await import('../../tooling/harness/package-loader');
		const loaded = await loadPackage();
		expect(loaded.failures).toEqual([]);
		const type = loaded.nodes.get(XHS_NODE_TYPE) as { description: import('n8n-workflow').INodeTypeDescription };
		expect(type.description.codex).toMatchObject({
			categories: ['Marketing', 'Data & Storage'],
			alias: expect.arrayContaining(['小红书', 'RedNote']),
			resources: { primaryDocumentation: [{ url: expect.stringMatching(/#operations$/) }] },
		});
		// n8n's loader turns `file:` icons into URLs under the package's dist/icons.
		expect(type.description.iconUrl).toEqual({
			light: expect.stringMatching(/dist\/icons\/xiaohongshu\.svg$/),
			dark: expect.stringMatching(/dist\/icons\/xiaohongshu\.dark\.svg$/),
		});
	});
});
