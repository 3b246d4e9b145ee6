/**
 * Detect Changes on Note → Get and User → Get through the real node: the previous counts come
 * with the input item (a row the team keeps), the rules and rounding are the trigger's, and
 * changed items also go to the second output.
 */
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeExecutionData, INodeParameters, INodeTypes } from 'n8n-workflow';

import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';

import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, runNode, userGet, sandboxForThisFile, NODE_NAME } from './node-support';
import type { XhsRun } from './node-support';

const { notes, users } = FIXTURES;

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

function exploreLink(n: { noteId: string; xsecToken: string }) {
	return `https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}&xsec_source=pc_feed`;
}

/** The node's outputs: [All, Changed] with Detect Changes on, [Main] otherwise. */
function outputsOf(run: XhsRun): INodeExecutionData[][] {
	return (run.result.runData[NODE_NAME]?.[0]?.data?.main ?? []) as INodeExecutionData[][];
}

const DETECT = { detectChanges: true };
const DAY = 24 * 3_600_000;

/** Each note as the sync example's row holds it after a run: the node's own columns. */
async function rowsNow(links: string[], extra: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> {
	const run = await runNode(links.map((link) => ({ link })), noteGet(), { credentials: credentialsFor(sandbox) });
	expect(run.error).toBeUndefined();
	return run.json.map((note, i) => ({ link: links[i], ...pick(note, ['noteId', 'title', 'likes', 'likesText', 'collects', 'comments', 'shares', 'fetchedAt']), ...extra }));
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

describe('Detect Changes off (the default)', () => {
	it('one output and no change fields, as before', async () => {
		const run = await runNode([{ link: exploreLink(notes.singleImage) }], noteGet(), { credentials: credentialsFor(sandbox) });
		expect(outputsOf(run)).toHaveLength(1);
		expect(run.json[0]).not.toHaveProperty('changed');
		expect(run.json[0]).not.toHaveProperty('change');
	});
});

describe('Note → Get with Detect Changes', () => {
	it('All has every item, Changed only the ones a rule fired for; a row without counts is a baseline', async () => {
		const links = [exploreLink(notes.singleImage), exploreLink(notes.manyImages)];
		const [same, raised] = await rowsNow(links);
		sandbox.reset();
		sandbox.notes.setCounts(notes.manyImages.noteId, { liked: Number(raised.likes) + 40 });
		const input = [same, raised, { link: exploreLink(notes.videoSample) }];
		const run = await runNode(input, noteGet(DETECT), { credentials: credentialsFor(sandbox) });
		expect(run.error).toBeUndefined();
		const [all, changed] = outputsOf(run);
		expect(all.map((item) => [item.json.noteId, item.json.changed])).toEqual([
			[notes.singleImage.noteId, false],
			[notes.manyImages.noteId, true],
			[notes.videoSample.noteId, false],
		]);
		expect(changed.map((item) => item.json.noteId)).toEqual([notes.manyImages.noteId]);
		// Changed items point at their row, so a later node can still read the row.
		expect(changed[0].pairedItem).toEqual({ item: 1 });
		expect(changed[0].json.change).toMatchObject({
			baseline: false,
			rulesFired: ['change'],
			metrics: { likes: { before: raised.likes, after: Number(raised.likes) + 40, provenChange: 40, difference: 40, rulesFired: ['change'], basis: 'text' } },
		});
		expect(String((changed[0].json.change as { summary: string }).summary)).toMatch(
			new RegExp(`^📈 Likes on "${notes.manyImages.title}" rose ${raised.likes} → ${Number(raised.likes) + 40} \\(\\+40, \\+[\\d.]+%\\) in \\d+ min$`),
		);
		expect(all[0].json.change).toMatchObject({ baseline: false, rulesFired: [], summary: null });
		expect(all[2].json.change).toMatchObject({ baseline: true, rulesFired: [], summary: null });
		// One credit per note, as without Detect Changes.
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(3);
	});

	it('rounding: "3.5万" then "3.6万" proves a change of 1, so Any Real Change fires and Increase of 100 does not', async () => {
		const [row] = await rowsNow([exploreLink(notes.videoSample)]);
		expect(row).toMatchObject({ likes: 35_000, likesText: '3.5万' });
		sandbox.notes.setCounts(notes.videoSample.noteId, { liked: 35_600 });
		const increase = await runNode([row], noteGet({ ...DETECT, fireWhen: ['increase'], increaseBy: 100 }), { credentials: credentialsFor(sandbox) });
		expect(outputsOf(increase)[1]).toEqual([]);
		expect(increase.json[0].change).toMatchObject({ metrics: { likes: { beforeText: '3.5万', afterText: '3.6万', provenChange: 1, difference: 1000 } } });
		const change = await runNode([row], noteGet(DETECT), { credentials: credentialsFor(sandbox) });
		expect(outputsOf(change)[1].map((item) => item.json.noteId)).toEqual([notes.videoSample.noteId]);
		// Within the same display nothing is proven, whatever the true count did.
		sandbox.notes.setCounts(notes.videoSample.noteId, { liked: 35_400 });
		const within = await runNode([row], noteGet(DETECT), { credentials: credentialsFor(sandbox) });
		expect(outputsOf(within)[1]).toEqual([]);
	});

	it("a row written by the data-table example (numbers only, the node's column names) needs no mapping", async () => {
		const [row] = await rowsNow([exploreLink(notes.videoSample)]);
		const synced = pick(row, ['noteId', 'title', 'likes', 'collects', 'comments', 'shares', 'link']);
		sandbox.notes.setCounts(notes.videoSample.noteId, { comment: 600 });
		const run = await runNode([synced], noteGet(DETECT), { credentials: credentialsFor(sandbox) });
		const [changed] = outputsOf(run)[1].map((item) => item.json.change as { metrics: Record<string, unknown>; summary: string });
		expect(changed.metrics.comments).toMatchObject({ basis: 'number', provenChange: 600 - 529, rulesFired: ['change'] });
		// Its likes (35,000 from "3.5万") are read as "3.5万" again: no change out of rounding.
		expect(changed.metrics.likes).toMatchObject({ basis: 'number', provenChange: 0, rulesFired: [] });
		// No time in the row: no window in the summary.
		expect(changed.summary).toBe(`📈 Comments on "${notes.videoSample.title}" rose 529 → 600 (+71, +13.4%)`);
	});

	it('milestone and spike, with the rule parameters the trigger has', async () => {
		const [row] = await rowsNow([exploreLink(notes.manyImages)]);
		const likes = Number(row.likes);
		sandbox.notes.setCounts(notes.manyImages.noteId, { liked: 5_000 });
		const dayAgo = { ...row, fetchedAt: new Date(Date.now() - DAY).toISOString() };
		const run = await runNode([dayAgo], noteGet({ ...DETECT, fireWhen: ['milestone', 'spike'], milestones: '3000, 4000, 1万', spikeFactor: 3, spikeMinIncrease: 50 }), {
			credentials: credentialsFor(sandbox),
		});
		const change = outputsOf(run)[1][0]?.json.change as { rulesFired: string[]; summary: string };
		expect(change.rulesFired).toEqual(['milestone', 'spike']);
		expect(change.summary).toContain(`🏁 "${notes.manyImages.title}" passed 4,000 likes (${likes} → 5000 in 24 h)`);
		expect(change.summary).toContain(`🚀 Likes on "${notes.manyImages.title}" are spiking`);
	});

	it('a milestone that is not a count fails the item before its credit is spent', async () => {
		const [row] = await rowsNow([exploreLink(notes.singleImage)]);
		sandbox.reset();
		const run = await runNode([row], noteGet({ ...DETECT, fireWhen: ['milestone'], milestones: '1000, lots' }), { credentials: credentialsFor(sandbox) });
		expect(run.error?.message).toBe('Milestones holds something that is not a count: "lots"');
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toEqual([]);
	});

	it('Raw and Selected Fields output carry changed and change too', async () => {
		const [row] = await rowsNow([exploreLink(notes.singleImage)]);
		sandbox.notes.setCounts(notes.singleImage.noteId, { liked: Number(row.likes) + 1 });
		const raw = await runNode([row], noteGet({ ...DETECT, output: 'raw' }), { credentials: credentialsFor(sandbox) });
		expect(raw.json[0]).toMatchObject({ note_id: notes.singleImage.noteId, changed: true, change: { rulesFired: ['change'] } });
		const selected = await runNode([row], noteGet({ ...DETECT, output: 'selected', fields: ['noteId'] }), { credentials: credentialsFor(sandbox) });
		expect(Object.keys(selected.json[0]).sort()).toEqual(['change', 'changed', 'noteId']);
		expect(outputsOf(selected)[1]).toHaveLength(1);
	});

	it('fields named otherwise are mapped under Previous Count Fields', async () => {
		const row = { link: exploreLink(notes.singleImage), 'Likes (n)': 1, 'Likes (shown)': '1' };
		const run = await runNode([row], noteGet({ ...DETECT, changeMetrics: ['likes'], previousFields: { field: [{ metric: 'likes', number: 'Likes (n)', text: 'Likes (shown)' }] } }), {
			credentials: credentialsFor(sandbox),
		});
		expect(outputsOf(run)[1][0]?.json.change).toMatchObject({ metrics: { likes: { before: 1, basis: 'text', rulesFired: ['change'] } } });
	});
});

describe('User → Get with Detect Changes', () => {
	it("a row with the creator-enrichment example's columns (Followers, Following, Likes and Collects) needs no mapping", async () => {
		const link = `https://www.xiaohongshu.com/user/profile/${users.guoJiaFeng.userId}`;
		const first = await runNode([{ link }], userGet(), { credentials: credentialsFor(sandbox) });
		const profile = first.json[0];
		const row = { Profile: link, Nickname: profile.nickname, Followers: profile.followers, Following: profile.following, 'Likes and Collects': profile.likesAndCollects };
		const unchanged = await runNode([{ ...row, link }], userGet(DETECT), { credentials: credentialsFor(sandbox) });
		expect(outputsOf(unchanged)[1]).toEqual([]);
		expect(unchanged.json[0]).toMatchObject({ changed: false, change: { baseline: false } });

		sandbox.users.setCounts(users.guoJiaFeng.userId, { follows: 90 });
		const run = await runNode([{ ...row, link }], userGet(DETECT), { credentials: credentialsFor(sandbox) });
		const [changed] = outputsOf(run)[1];
		expect(changed.json.change).toMatchObject({
			rulesFired: ['change'],
			metrics: { following: { before: 88, after: 90, provenChange: 2, rulesFired: ['change'] }, followers: { rulesFired: [] } },
		});
		expect((changed.json.change as { summary: string }).summary).toBe(`📈 Following on "${profile.nickname}" rose 88 → 90 (+2, +2.3%)`);
	});
});

describe("the node's outputs, as n8n's own NodeHelpers.getNodeOutputs computes them", () => {
	async function outputsFor(parameters: Record<string, unknown>): Promise<unknown[]> {
		const xhs = new Xiaohongshu();
		const nodeTypes: INodeTypes = { getByName: () => xhs, getByNameAndVersion: () => xhs, getKnownTypes: () => ({}) };
		const node: INode = {
			id: 'x',
			name: NODE_NAME,
			type: 'n8n-nodes-parsebot-xiaohongshu.xiaohongshu',
			typeVersion: 1.1,
			position: [0, 0],
			parameters: parameters as INodeParameters,
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		await workflow.expression.acquireIsolate();
		try {
			return NodeHelpers.getNodeOutputs(workflow, node, xhs.description);
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}

	it('one Main output by default and for Parse Link; All and Changed with Detect Changes on', async () => {
		expect(await outputsFor({ resource: 'note', operation: 'get' })).toEqual(['main']);
		expect(await outputsFor({ resource: 'note', operation: 'parseLink' })).toEqual(['main']);
		expect(await outputsFor({ resource: 'note', operation: 'get', detectChanges: false })).toEqual(['main']);
		expect(await outputsFor({ resource: 'user', operation: 'get', detectChanges: true })).toEqual([
			{ type: 'main', displayName: 'All' },
			{ type: 'main', displayName: 'Changed' },
		]);
	});
});

describe('as an AI Agent tool', () => {
	it("n8n drops Detect Changes from the tool variant's parameters (one result, no row to compare with)", () => {
		const xhs = new Xiaohongshu();
		const node: INode = {
			id: 'x',
			name: NODE_NAME,
			type: 'n8n-nodes-parsebot-xiaohongshu.xiaohongshuTool',
			typeVersion: 1.1,
			position: [0, 0],
			parameters: {},
		};
		const values = { resource: 'note', operation: 'get', detectChanges: true, fireWhen: ['increase'] };
		const resolve = (name: string) =>
			NodeHelpers.getNodeParameters(xhs.description.properties, values, true, false, node, { ...xhs.description, name }) as Record<string, unknown>;
		expect(resolve('xiaohongshu')).toMatchObject({ detectChanges: true, fireWhen: ['increase'] });
		const asTool = resolve('xiaohongshuTool');
		expect(asTool).not.toHaveProperty('detectChanges');
		expect(asTool).not.toHaveProperty('fireWhen');
	});
});
