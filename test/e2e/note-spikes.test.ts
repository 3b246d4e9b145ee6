/**
 * The spikes example in a real n8n with the packed package, set up as `npm start` does (its
 * data table holds the demo's three links, nothing else): the first run records the counts and
 * alerts nobody, a raised like count gives exactly one Slack message and that row updated, a
 * run with nothing changed posts nothing.
 */
import type { DemoSession } from '../../tooling/demo/demo-session';
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
	},
);
