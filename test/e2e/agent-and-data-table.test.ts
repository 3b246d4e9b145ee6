/**
 * Where users put the node, in a real n8n with the packed package: inside n8n's AI Agent (with
 * n8n's OpenAI Chat Model talking to the stand-in model in tooling/model-standin), and in the
 * data-table example that keeps one row per note up to date. One n8n per line for both, set up
 * as `npm start` does (so the demo's tables and its import of the example are what is tested).
 */
import { DEMO_API_KEY, type DemoSession } from '../../tooling/demo/demo-session';
import { demoNoteLinks } from '../../tooling/demo/demo-content';
import { AGENT_EXAMPLE_FILE, loadExampleFile, withCredential, withNodeParameters, type ExampleWorkflow } from '../../tooling/demo/example-workflows';
import type { DataTableRow, Execution, N8nRestClient } from '../../tooling/n8n/rest-client';
import { getProfile } from '../../tooling/n8n/versions';
import { noteFieldOptions } from '../../nodes/Xiaohongshu/actions/note/get/description';
import { TOOL_DESCRIPTION } from '../../nodes/Xiaohongshu/actions/common/toolMode';
import { startModelStandin, STANDIN_API_KEY, type ModelStandin } from '../../tooling/model-standin';
import { FIXTURES } from '../../tooling/sandbox';
import { startDemoForTest, stopDemoAndArchive } from './demo-under-test';
import { describeE2e } from './e2e-guard';

const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';
const SCHEDULE_TRIGGER = 'Every morning';
const TOOL_NODE = 'Get Xiaohongshu note';

const PROFILES = (process.env.XHS_E2E_N8N ?? 'v2,v1').split(',').map((id) => getProfile(id.trim()));

/** A Simplified note field, or the Text / Exact companion a count brings along. */
const SIMPLIFIED_FIELDS = new Set(noteFieldOptions.map((option) => String(option.value)));
const isSimplifiedField = (key: string): boolean => SIMPLIFIED_FIELDS.has(key) || SIMPLIFIED_FIELDS.has(key.replace(/(Text|Exact)$/, ''));

/** The agent's answer: the main output of its last run (it runs again after each tool call). */
function agentAnswer(execution: Execution): string {
	const runs = execution.data.resultData.runData['AI Agent'] ?? [];
	const output = runs[runs.length - 1]?.data?.main?.[0]?.[0]?.json as { output?: unknown } | undefined;
	if (typeof output?.output !== 'string') throw new Error(`The AI Agent gave no answer; last node: ${execution.data.resultData.lastNodeExecuted ?? 'none'}`);
	return output.output;
}

describeE2e.each(PROFILES.map((profile) => [`${profile.id} (n8n ${profile.n8nVersion})`, profile] as const))(
	'%s: the node inside an AI Agent, and a data table kept up to date',
	(_label, profile) => {
		let demo: DemoSession;
		let client: N8nRestClient;
		let model: ModelStandin;
		let openAi: { id: string; name: string };

		beforeAll(async () => {
			const started = Date.now();
			model = await startModelStandin();
			({ demo } = await startDemoForTest({ profile, activateAlert: false }));
			client = demo.n8n.client;
			openAi = await client.createCredential({ name: 'OpenAI (stand-in model)', type: 'openAiApi', data: { apiKey: STANDIN_API_KEY, url: model.baseUrl } });
			process.stdout.write(`[agent-and-data-table ${profile.id}] demo ready in ${Date.now() - started} ms\n`);
		}, 30 * 60_000);

		afterAll(async () => {
			await stopDemoAndArchive(demo, `agent-and-data-table-${profile.id}`);
			await model?.close();
		}, 60_000);

		beforeEach(() => {
			demo.sandbox.resetStats();
			model.reset();
		});

		const parseBotCalls = () => demo.sandbox.stats().calls.filter((call) => call.key === DEMO_API_KEY);

		function agentWorkflow(shareText: string, toolSettings: Record<string, unknown>): ExampleWorkflow {
			const workflow = withNodeParameters(withCredential(loadExampleFile(AGENT_EXAMPLE_FILE), demo.credential), 'Share text', {
				assignments: { assignments: [{ id: 'd1', name: 'shareText', value: shareText, type: 'string' }] },
			});
			return {
				...workflow,
				nodes: workflow.nodes.map((node) => {
					if (node.name === 'OpenAI Chat Model') return { ...node, credentials: { openAiApi: openAi } };
					return node.name === TOOL_NODE ? { ...node, ...toolSettings } : node;
				}),
			};
		}

		async function runAgent(shareText: string, name: string, toolSettings: Record<string, unknown> = {}): Promise<Execution> {
			const stored = await client.createWorkflow({ ...agentWorkflow(shareText, toolSettings), name });
			return await client.runWorkflow(stored.id, MANUAL_TRIGGER, 120_000);
		}

		it('AI Agent + OpenAI Chat Model + the node as its tool: one parse.bot call, the Simplified item to the model, the likes in the answer', async () => {
			const { manyImages } = FIXTURES.notes;
			const shareText = demoNoteLinks()[2];
			const execution = await runAgent(shareText, 'e2e: agent looks a note up');
			expect(execution.status).toBe('success');
			expect(agentAnswer(execution)).toContain(String(manyImages.counts.liked));
			expect(parseBotCalls().map((call) => call.noteId)).toEqual([manyImages.noteId]);

			const [ask, read] = model.requests();
			expect(model.requests()).toHaveLength(2);
			// The question and the share text reached the model as the user wrote them.
			expect(ask.conversation.turns.find((turn) => turn.role === 'user')?.text).toBe(`How many likes does this note have?\n${shareText}`);
			// The tool as n8n describes it to the model, with the node's own defaults (the example sets
			// no tool description and the Note the model fills): what it does, needs and costs.
			expect(ask.conversation.tools).toHaveLength(1);
			const [tool] = ask.conversation.tools;
			expect(tool.name).toBe('Get_Xiaohongshu_note');
			expect(tool.description).toBe(TOOL_DESCRIPTION);
			expect(tool.parameters).toMatchObject({
				type: 'object',
				required: ['Note'],
				properties: { Note: { type: 'string', description: expect.stringContaining('full link as shared') } },
			});
			expect(ask.move).toEqual({ kind: 'toolCall', toolName: 'Get_Xiaohongshu_note', args: { Note: shareText } });

			// The tool result the model read: the node's Simplified item, the same n8n recorded for the tool node.
			expect(read.conversation.toolResults).toHaveLength(1);
			const received = JSON.parse(read.conversation.toolResults[0].content) as Array<Record<string, unknown>>;
			expect(received).toHaveLength(1);
			const [item] = received;
			expect(item).toMatchObject({ noteId: manyImages.noteId, title: manyImages.title, likes: manyImages.counts.liked });
			expect(item).not.toHaveProperty('error');
			expect(Object.keys(item).filter((key) => !isSimplifiedField(key))).toEqual([]);
			const toolRun = execution.data.resultData.runData[TOOL_NODE]?.[0] as { data?: { ai_tool?: Array<Array<{ json: unknown }>> } } | undefined;
			expect(toolRun?.data?.ai_tool?.[0]?.map((output) => output.json)).toEqual(received);
		});

		it('a bad link: the model receives a tool result that says what is wrong, and nothing is charged', async () => {
			const balancesBefore = demo.sandbox.credits.balances();
			const shareText = '看看这篇笔记 https://example.com/explore/not-a-note';
			const execution = await runAgent(shareText, 'e2e: agent with a bad link');
			const expectedError = '"https://example.com/explore/not-a-note" is not a Xiaohongshu link (its host is example.com)';
			if (profile.id === 'v1') {
				// n8n 1.x's agent does not hand a tool's error to the model: the tool's failure stops the
				// run (seen on 1.123.81). Set the tool node's On Error to Continue there (below).
				expect(execution.status).toBe('error');
			} else {
				expect(execution.status).toBe('success');
				const [, read] = model.requests();
				expect(read.conversation.toolResults).toHaveLength(1);
				const content = read.conversation.toolResults[0].content;
				const received = JSON.parse(content) as Record<string, unknown> | Array<Record<string, unknown>>;
				const problem = Array.isArray(received) ? received[0] : received;
				expect(String(problem.error)).toContain(expectedError);
				expect(agentAnswer(execution)).toContain('is not a Xiaohongshu link');
			}
			expect(parseBotCalls()).toEqual([]);
			expect(demo.sandbox.credits.balances()).toEqual(balancesBefore);

			// With the tool node's On Error set to Continue, the error item carries how to fix it too.
			model.reset();
			const continued = await runAgent(shareText, 'e2e: agent with a bad link, tool continues on error', { onError: 'continueRegularOutput' });
			expect(continued.status).toBe('success');
			const [withHint] = JSON.parse(model.requests()[1].conversation.toolResults[0].content) as Array<Record<string, unknown>>;
			expect(String(withHint.error)).toContain(expectedError);
			expect(String(withHint.description)).toContain("Paste the note's share link from the app");
			expect(parseBotCalls()).toEqual([]);
		});

		it('data table example: run, raise a note\'s likes, run again: same rows, new likes in that row, its updatedAt moved', async () => {
			const { singleImage, videoSample, manyImages } = FIXTURES.notes;
			const workflowId = demo.workflows.noteStats.id;
			const first = await client.runWorkflow(workflowId, SCHEDULE_TRIGGER);
			expect(first.status).toBe('success');
			const before = await client.dataTableRows(demo.tables.stats);
			expect(before.map((row) => [row.noteId, row.likes])).toEqual([
				[singleImage.noteId, singleImage.counts.liked],
				// 35,123 likes show as 3.5万: the table holds what the site shows.
				[videoSample.noteId, 35_000],
				[manyImages.noteId, manyImages.counts.liked],
			]);
			expect(before[2]).toMatchObject({ title: manyImages.title, link: demoNoteLinks()[2], type: 'image' });
			expect(parseBotCalls()).toHaveLength(3);

			// Data table times have millisecond precision at best; a clear gap makes "moved" unambiguous.
			await new Promise((resolve) => setTimeout(resolve, 1_100));
			demo.sandbox.notes.setCounts(singleImage.noteId, { liked: 500 });
			const second = await client.runWorkflow(workflowId, SCHEDULE_TRIGGER);
			expect(second.status).toBe('success');
			const after = await client.dataTableRows(demo.tables.stats);
			const byNote = (rows: DataTableRow[], noteId: string) => rows.find((row) => row.noteId === noteId)!;
			expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
			expect(byNote(after, singleImage.noteId).likes).toBe(500);
			expect(Date.parse(byNote(after, singleImage.noteId).updatedAt)).toBeGreaterThan(Date.parse(byNote(before, singleImage.noteId).updatedAt));
			expect(byNote(after, singleImage.noteId).createdAt).toBe(byNote(before, singleImage.noteId).createdAt);
			expect(byNote(after, manyImages.noteId).likes).toBe(manyImages.counts.liked);
			expect(parseBotCalls()).toHaveLength(6);
		});
	},
);
