/**
 * The spikes example in a real n8n with the packed package, set up as `npm start` does (its
 * data table holds the demo's three links, nothing else): the first run records the counts and
 * alerts nobody, a raised like count gives exactly one Slack message and that row updated, a
 * run with nothing changed posts nothing. The same for creators, through a Data table of
 * profile links and their followers, following and likes-and-collects.
 */
import type { DemoSession } from '../../tooling/demo/demo-session';
import { withCredential, type ExampleWorkflow } from '../../tooling/demo/example-workflows';
import { demoNoteLinks } from '../../tooling/demo/demo-content';
import type { DataTableRow, Execution, N8nRestClient } from '../../tooling/n8n/rest-client';
import { getProfile } from '../../tooling/n8n/versions';
import { FIXTURES } from '../../tooling/sandbox';
import { startDemoForTest, stopDemoAndArchive } from './demo-under-test';
import { describeE2e } from './e2e-guard';

const SCHEDULE_TRIGGER = 'Every hour';
const PROFILES = (process.env.XHS_E2E_N8N ?? 'v2,v1').split(',').map((id) => getProfile(id.trim()));

function outputOf(execution: Execution, nodeName: string, index: number): Array<Record<string, unknown>> {
	const run = execution.data.resultData.runData[nodeName]?.[0];
	if (!run) throw new Error(`Node "${nodeName}" did not run; last node: ${execution.data.resultData.lastNodeExecuted ?? 'none'}`);
	return (run.data?.main?.[index] ?? []).map((item) => item.json as Record<string, unknown>);
}

describeE2e.each(PROFILES.map((profile) => [`${profile.id} (n8n ${profile.n8nVersion})`, profile] as const))(
	'%s: note spikes from a data table to Slack',
	(_label, profile) => {
		let demo: DemoSession;
		let client: N8nRestClient;

		beforeAll(async () => {
			const started = Date.now();
			({ demo } = await startDemoForTest({ profile, activateAlert: false }));
			client = demo.n8n.client;
			process.stdout.write(`[note-spikes ${profile.id}] demo ready in ${Date.now() - started} ms\n`);
		}, 30 * 60_000);

		afterAll(async () => {
			await stopDemoAndArchive(demo, `note-spikes-${profile.id}`);
		}, 60_000);

		async function run(): Promise<Execution> {
			const execution = await client.runWorkflow(demo.workflows.noteSpikes.id, SCHEDULE_TRIGGER);
			expect(execution.status).toBe('success');
			return execution;
		}

		const rows = () => client.dataTableRows(demo.tables.spikes);
		const byNote = (all: DataTableRow[], noteId: string) => all.find((row) => row.noteId === noteId)!;

		it('first run: counts written into every row, no message; raised likes: one message, that row updated; nothing changed: nothing posted', async () => {
			const { singleImage, videoSample, manyImages } = FIXTURES.notes;
			demo.sink.clear();

			const first = await run();
			expect(outputOf(first, 'Get note', 1)).toEqual([]);
			expect(outputOf(first, 'Get note', 0).map((item) => (item.change as { baseline: boolean }).baseline)).toEqual([true, true, true]);
			const baseline = await rows();
			expect(baseline.map((row) => [row.link, row.noteId, row.likes, row.likesText])).toEqual([
				[demoNoteLinks()[0], singleImage.noteId, singleImage.counts.liked, String(singleImage.counts.liked)],
				// The text beside the number is what proves changes of a rounded count.
				[demoNoteLinks()[1], videoSample.noteId, 35_000, '3.5万'],
				[demoNoteLinks()[2], manyImages.noteId, manyImages.counts.liked, String(manyImages.counts.liked)],
			]);
			expect(baseline.every((row) => typeof row.fetchedAt === 'string' && row.fetchedAt !== '')).toBe(true);
			expect(demo.sink.messages()).toEqual([]);

			// Through the sandbox's HTTP control, as a process outside the test would.
			const answer = await fetch(`${demo.sandbox.url}/__sandbox/notes/${singleImage.noteId}/counts`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ liked: 500 }),
			});
			expect(answer.status).toBe(200);
			const second = await run();
			expect(outputOf(second, 'Get note', 1).map((item) => item.noteId)).toEqual([singleImage.noteId]);
			const messages = demo.sink.messages();
			expect(messages).toHaveLength(1);
			const body = messages[0].body as { text: string; blocks: Array<Record<string, unknown>> };
			expect(body.text).toMatch(new RegExp(`^📈 Likes on "${singleImage.title}" rose ${singleImage.counts.liked} → 500 \\(\\+${500 - Number(singleImage.counts.liked)}, `));
			expect(body.blocks.map((block) => block.type)).toEqual(['section', 'section', 'context', 'actions']);
			expect(JSON.stringify(body.blocks[1])).toContain(`*Likes:* ${singleImage.counts.liked} → *500*`);
			expect(body.blocks[3]).toMatchObject({ elements: [{ type: 'button', url: expect.stringContaining(singleImage.noteId) }] });

			const updated = await rows();
			expect(updated.map((row) => row.id)).toEqual(baseline.map((row) => row.id));
			expect(byNote(updated, singleImage.noteId)).toMatchObject({ likes: 500, likesText: '500' });
			expect(Date.parse(String(byNote(updated, singleImage.noteId).fetchedAt))).toBeGreaterThan(Date.parse(String(byNote(baseline, singleImage.noteId).fetchedAt)));
			expect(byNote(updated, manyImages.noteId).likes).toBe(manyImages.counts.liked);

			const third = await run();
			expect(outputOf(third, 'Get note', 1)).toEqual([]);
			expect(outputOf(third, 'Get note', 0)).toHaveLength(3);
			expect(demo.sink.messages()).toHaveLength(1);
			expect((await rows()).map((row) => [row.noteId, row.likes])).toEqual(updated.map((row) => [row.noteId, row.likes]));
		});
		it('creators: a Data table of profile links and their counts, following raised: one item on Changed, that row updated; then nothing', async () => {
			const { guoJiaFeng, femaleCreator } = FIXTURES.users;
			const profiles = [guoJiaFeng, femaleCreator].map((user) => `https://www.xiaohongshu.com/user/profile/${user.userId}`);
			const columns = ['profile', 'nickname', 'followers', 'followersText', 'following', 'followingText', 'likesAndCollects', 'likesAndCollectsText', 'fetchedAt'];
			const numeric = new Set(['followers', 'following', 'likesAndCollects']);
			const table = await client.createDataTable('Xiaohongshu creators (e2e)', columns.map((name) => ({ name, type: numeric.has(name) ? 'number' : 'string' })));
			await client.insertDataTableRows(table, profiles.map((profile) => ({ profile })));
			const locator = { __rl: true, mode: 'list', value: table.id, cachedResultName: table.name };
			const upsertValues = Object.fromEntries(
				columns.map((name) => [name, name === 'profile' ? "={{ $('Creators and last counts').item.json.profile }}" : `={{ $json.${name} }}`]),
			);
			const workflow: ExampleWorkflow = withCredential(
				{
					name: 'e2e: creator changes from a data table',
					nodes: [
						{ id: 'c1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: 'c2',
							name: 'Creators and last counts',
							type: 'n8n-nodes-base.dataTable',
							typeVersion: 1,
							position: [220, 0],
							parameters: { resource: 'row', operation: 'get', dataTableId: locator, returnAll: true },
						},
						{
							id: 'c3',
							name: 'Get creator',
							type: 'n8n-nodes-parsebot-xiaohongshu.xiaohongshu',
							typeVersion: 1,
							position: [440, 0],
							parameters: {
								resource: 'user',
								operation: 'get',
								user: { __rl: true, mode: 'url', value: '={{ $json.profile }}' },
								detectChanges: true,
								options: {},
							},
						},
						{
							id: 'c4',
							name: 'Write counts back',
							type: 'n8n-nodes-base.dataTable',
							typeVersion: 1,
							position: [700, -120],
							parameters: {
								resource: 'row',
								operation: 'upsert',
								dataTableId: locator,
								matchType: 'allConditions',
								filters: { conditions: [{ keyName: 'profile', condition: 'eq', keyValue: "={{ $('Creators and last counts').item.json.profile }}" }] },
								columns: {
									mappingMode: 'defineBelow',
									value: upsertValues,
									matchingColumns: [],
									schema: columns.map((name) => ({
										id: name,
										displayName: name,
										required: false,
										defaultMatch: false,
										display: true,
										type: numeric.has(name) ? 'number' : 'string',
										readOnly: false,
										removed: false,
									})),
									attemptToConvertTypes: false,
									convertFieldsToString: false,
								},
								options: {},
							},
						},
						{ id: 'c5', name: 'Changed creators', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [700, 120], parameters: {} },
					],
					connections: {
						Start: { main: [[{ node: 'Creators and last counts', type: 'main', index: 0 }]] },
						'Creators and last counts': { main: [[{ node: 'Get creator', type: 'main', index: 0 }]] },
						'Get creator': {
							main: [[{ node: 'Write counts back', type: 'main', index: 0 }], [{ node: 'Changed creators', type: 'main', index: 0 }]],
						},
					},
					settings: { executionOrder: 'v1' },
				} as ExampleWorkflow,
				demo.credential,
			);
			const stored = await client.createWorkflow(workflow);
			const runCreators = async () => {
				const execution = await client.runWorkflow(stored.id, 'Start');
				expect(execution.status).toBe('success');
				return execution;
			};
			const changedCreators = (execution: Execution): Array<Record<string, unknown>> =>
				(execution.data.resultData.runData['Changed creators']?.[0]?.data?.main?.[0] ?? []).map((item) => item.json as Record<string, unknown>);

			const first = await runCreators();
			expect(changedCreators(first)).toEqual([]);
			expect(outputOf(first, 'Get creator', 0).map((item) => (item.change as { baseline: boolean }).baseline)).toEqual([true, true]);
			const baseline = await client.dataTableRows(table);
			expect(baseline.map((row) => [row.profile, row.nickname, row.following])).toEqual([
				[profiles[0], guoJiaFeng.nickname, guoJiaFeng.counts.follows],
				[profiles[1], femaleCreator.nickname, femaleCreator.counts.follows],
			]);

			const answer = await fetch(`${demo.sandbox.url}/__sandbox/users/${guoJiaFeng.userId}/counts`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ follows: 95 }),
			});
			expect(answer.status).toBe(200);
			const second = await runCreators();
			const changed = changedCreators(second);
			expect(changed.map((item) => item.userId)).toEqual([guoJiaFeng.userId]);
			expect(changed[0].change).toMatchObject({
				rulesFired: ['change'],
				summary: `📈 Following on "${guoJiaFeng.nickname}" rose 88 → 95 (+7, +8%) in ${String((changed[0].change as { summary: string }).summary).split(' in ')[1]}`,
				metrics: { following: { before: 88, after: 95, provenChange: 7, basis: 'text' }, followers: { rulesFired: [] } },
			});
			const updated = await client.dataTableRows(table);
			expect(updated.map((row) => row.id)).toEqual(baseline.map((row) => row.id));
			expect(updated.map((row) => row.following)).toEqual([95, femaleCreator.counts.follows]);

			const third = await runCreators();
			expect(changedCreators(third)).toEqual([]);
		});
	},
);
