import { DateTime } from 'luxon';

import { DEMO_API_KEY } from '../../tooling/demo/demo-session';
import type { DemoSession } from '../../tooling/demo/demo-session';
import { DEMO_ALERT_NOTE } from '../../tooling/demo/demo-content';
import { EXAMPLE_FILES, loadExample, withCredential, withNodeParameters, withSlackWebhook, type ExampleWorkflow } from '../../tooling/demo/example-workflows';
import { N8nRestClient, type Execution } from '../../tooling/n8n/rest-client';
import { getProfile } from '../../tooling/n8n/versions';
import { FIXTURES } from '../../tooling/sandbox';
import { startDemoForTest, stopDemoAndArchive } from './demo-under-test';
import { describeE2e } from './e2e-guard';
import { executionError, nodeOutput } from './execution-output';
import { BAD_KEY_MESSAGE } from '../../credentials/ParseXhsApi.credentials';
import { problemsAbout } from './n8n-log';
import { waitUntil } from './wait-until';

const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

interface SlackMessage {
	text: string;
	blocks: Array<{
		type: string;
		text?: { type: string; text: string };
		accessory?: { type: string; image_url: string; alt_text: string };
		fields?: Array<{ type: string; text: string }>;
		elements?: Array<{ type: string; text: string | { text: string }; url?: string }>;
	}>;
}

/**
 * The alert example's Block Kit message for one note whose likes rose to 500: cover as the
 * thumbnail, title (linked) and author, the likes that moved and the other counts, the clock
 * times of the two observations that proved it in the workflow's time zone, a button to the note.
 */
function expectAlertBlocks(message: SlackMessage, event: Record<string, unknown>, note: { noteId: string; title: string; counts: { liked: unknown; collected: unknown } }): void {
	const [header, counts, context, actions] = message.blocks;
	expect(message.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context', 'actions']);
	expect(header.text?.text).toContain(`*<${String(event.link)}|${note.title}>*`);
	expect(header.text?.text).toContain(`by <${String(event.authorLink)}|${String(event.author)}>`);
	expect(event.author).toEqual(expect.any(String));
	expect(header.text?.text).toMatch(new RegExp(`📈 \\*Likes\\* ${String(note.counts.liked)} → 500 \\(\\+${500 - Number(note.counts.liked)}\\) since `));
	// The note's cover, on https (the CDN serves both; Slack shows only what it can fetch).
	expect(String(event.coverUrl)).toMatch(/^https?:\/\/[^/]*xhscdn\.com\//);
	expect(header.accessory).toEqual({ type: 'image', image_url: String(event.coverUrl).replace(/^http:/, 'https:'), alt_text: note.title });
	expect(counts.fields?.map((f) => f.text)).toEqual([
		`*Likes*\n*500* (+${500 - Number(note.counts.liked)})`,
		`*Collects*\n${String(note.counts.collected)}`,
		expect.stringMatching(/^\*Comments\*\n/),
		expect.stringMatching(/^\*Shares\*\n/),
	]);
	// Clock times in the zone the context names, from the two observations the trigger item carries.
	const contextText = String(context.elements?.[0].text);
	const zone = /\(([^)]+)\) · Xiaohongshu Trigger$/.exec(contextText)?.[1] ?? 'missing';
	// As the example writes it: the time alone today, with the date otherwise.
	const clock = (iso: unknown) => {
		const at = DateTime.fromISO(String(iso)).setZone(zone);
		return at.hasSame(DateTime.now().setZone(zone), 'day') ? at.toFormat('HH:mm') : at.toFormat('d LLL HH:mm');
	};
	expect(DateTime.local().setZone(zone).isValid).toBe(true);
	expect(contextText).toBe(`Checked at ${clock(event.from)} and ${clock(event.to)} (${zone}) · Xiaohongshu Trigger`);
	expect(header.text?.text).toContain(`since ${clock(event.from)}`);
	// The window is the last poll that still showed the old count to the one that saw 500: minutes, not since activation.
	expect(Number(event.windowHours)).toBeLessThanOrEqual(0.05);
	expect(actions.elements).toEqual([{ type: 'button', text: { type: 'plain_text', text: 'Open note' }, url: event.link }]);
	expect(String(event.link)).toContain(note.noteId);
}

/**
 * The alert example polls "every minute", the shortest schedule n8n allows: 2.x refuses any
 * cron whose seconds field is not one number (`isSubMinuteCron`), so the test waits for real
 * minutes rather than use a schedule users cannot have.
 */
const POLL_PERIOD_MS = 60_000;

const PROFILES = (process.env.XHS_E2E_N8N ?? 'v2,v1').split(',').map((id) => getProfile(id.trim()));

describeE2e.each(PROFILES.map((profile) => [`${profile.id} (n8n ${profile.n8nVersion})`, profile] as const))(
	'%s: the examples and the trigger, set up as `npm start` does',
	(_label, profile) => {
		let demo: DemoSession;
		let client: N8nRestClient;
		let packageName: string;

		beforeAll(async () => {
			const started = Date.now();
			const { demo: session, packed } = await startDemoForTest({
				profile,
				activateAlert: false,
			});
			demo = session;
			client = demo.n8n.client;
			packageName = packed.name;
			process.stdout.write(`[examples ${profile.id}] demo ready in ${Date.now() - started} ms\n`);
		}, 30 * 60_000);

		afterAll(async () => {
			await stopDemoAndArchive(demo, `examples-${profile.id}`);
		}, 60_000);

		const callsFor = (noteId: string): number =>
			demo.sandbox.stats().calls.filter((call) => call.noteId === noteId && call.key === DEMO_API_KEY).length;

		/** Through the sandbox's HTTP control, as a process outside the test would. */
		async function raiseLikes(noteId: string, liked: number): Promise<void> {
			const answer = await fetch(`${demo.sandbox.url}/__sandbox/notes/${noteId}/counts`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ liked }),
			});
			expect(answer.status).toBe(200);
		}

		async function runCopy(workflow: ExampleWorkflow): Promise<Execution> {
			const stored = await client.createWorkflow(workflow);
			return await client.runWorkflow(stored.id, MANUAL_TRIGGER);
		}

		it('loads the node and the credential with no errors about the package in the log', async () => {
			const types = (await client.nodeTypes()).map((type) => type.name);
			expect(types).toEqual(expect.arrayContaining([`${packageName}.xiaohongshu`, `${packageName}.xiaohongshuTrigger`]));
			expect((await client.credentialTypes()).map((type) => type.name)).toContain('parseXhsApi');
			expect(problemsAbout(demo.n8n.instance.readLog(), packageName)).toEqual([]);
		});

		it('lists the examples in the order of the printed steps, and says under the Trigger what the demo changed', async () => {
			const listed = (await client.listWorkflows()).map((w) => w.id);
			const steps = (Object.keys(EXAMPLE_FILES) as Array<keyof typeof EXAMPLE_FILES>).map((name) => demo.workflows[name].id);
			expect(listed.filter((id) => steps.includes(id))).toEqual(steps);
			const alert = await client.getWorkflow(demo.workflows.engagementAlert.id);
			const watch = (alert.nodes as Array<{ name: string; notes?: string; notesInFlow?: boolean }>).find((n) => n.name === 'Watch notes');
			expect(watch).toMatchObject({ notes: DEMO_ALERT_NOTE, notesInFlow: true });
		});

		it('note links → Note → Get → one sheet row per link (short link and share text resolved through the proxy)', async () => {
			const execution = await client.runWorkflow(demo.workflows.noteTable.id, MANUAL_TRIGGER);
			expect(execution.status).toBe('success');
			const rows = nodeOutput(execution, 'Sheet row');
			const { singleImage, videoSample, manyImages, topics } = FIXTURES.notes;
			expect(rows.map((row) => row['Note ID'])).toEqual([singleImage.noteId, videoSample.noteId, manyImages.noteId, topics.noteId]);
			expect(rows.map((row) => row.Title)).toEqual([singleImage.title, videoSample.title, manyImages.title, topics.title]);
			expect(rows[0]).toMatchObject({ Likes: singleImage.counts.liked, Collects: singleImage.counts.collected });
			expect(rows[3]).toMatchObject({ Likes: topics.counts.liked, Comments: topics.counts.comment });
			// 35,123 likes are shown as 3.5万: the row holds what the site shows.
			expect(rows[1].Likes).toBe(35_000);
			// Every column a sheet needs, in the same order for every row.
			for (const row of rows) expect(Object.keys(row)).toEqual(Object.keys(rows[0]));
			const shortLinkHosts = demo.sandbox.stats().proxy.hits.filter((hit) => hit.kind === 'shortLink').map((hit) => hit.host);
			expect(shortLinkHosts).toContain('xhslink.com');
		});

		it('note links → Note → Get with images → one file per item, a RedNote note\'s images from rednotecdn.com among them', async () => {
			const execution = await client.runWorkflow(demo.workflows.noteImages.id, MANUAL_TRIGGER);
			expect(execution.status).toBe('success');
			const rows = nodeOutput(execution, 'File row');
			const { rednoteImages, singleImage } = FIXTURES.notes;
			expect(rows.map((row) => [row['Note ID'], row.File])).toEqual([
				[rednoteImages.noteId, `${rednoteImages.noteId}_1.jpg`],
				[rednoteImages.noteId, `${rednoteImages.noteId}_2.webp`],
				[rednoteImages.noteId, `${rednoteImages.noteId}_3.webp`],
				[singleImage.noteId, `${singleImage.noteId}_1.jpg`],
			]);
			expect(rows.map((row) => row.Source)).toEqual([...rednoteImages.images, ...singleImage.images].map((image) => image.url));
			for (const row of rows) expect(row.Bytes).toBeGreaterThan(0);
			// The files as our node put them on its items (what an upload step after it receives).
			const run = execution.data.resultData.runData['Get note images'][0];
			const binaries = (run.data?.main?.[0] ?? []).map((item) => Object.keys((item as { binary?: object }).binary ?? {}));
			expect(binaries).toEqual(rows.map(() => ['data']));
			const mediaHosts = demo.sandbox.stats().proxy.hits.filter((hit) => hit.kind === 'media').map((hit) => hit.host);
			expect(mediaHosts).toEqual(expect.arrayContaining(['i10.rednotecdn.com', 'sns-i11.rednotecdn.com', 'sns-web-i10.rednotecdn.com']));
		});

		it('profile links → User → Get → one creator row each, with the input columns kept', async () => {
			const execution = await client.runWorkflow(demo.workflows.creators.id, MANUAL_TRIGGER);
			expect(execution.status).toBe('success');
			const rows = nodeOutput(execution, 'Creator row');
			const { guoJiaFeng, femaleCreator, unknownGender } = FIXTURES.users;
			expect(rows.map((row) => [row.Campaign, row.Nickname])).toEqual([
				['Spring launch', guoJiaFeng.nickname],
				['Spring launch', femaleCreator.nickname],
				['Travel series', unknownGender.nickname],
			]);
			expect(rows[2]).toMatchObject({ Followers: unknownGender.counts.fans, 'Red ID': unknownGender.redId, Gender: 'unknown' });
		});

		it('a bad API key stops the run with the documented message, and the credential test says so', async () => {
			const badData = { apiKey: 'not-a-parse-bot-key', plan: 'developer', baseUrl: demo.sandbox.url, scraperId: demo.sandbox.scraperId };
			const bad = await client.createCredential({ name: 'Xiaohongshu (wrong key)', type: 'parseXhsApi', data: badData });
			const execution = await runCopy({ ...withCredential(loadExample('noteTable'), bad), name: 'e2e: wrong key' });
			expect(execution.status).toBe('error');
			const error = executionError(execution);
			expect(error.message).toBe('parse.bot did not accept the API key');
			expect(error.description).toContain('Copy the key again from your parse.bot dashboard');

			const test = await client.call<{ status: string; message: string }>('POST', '/rest/credentials/test', {
				credentials: { id: bad.id, name: bad.name, type: 'parseXhsApi', data: badData },
			});
			// The test reads parse.bot's answer itself (it asks for nothing that costs a credit), so both lines show its message.
			expect(test).toEqual({ status: 'Error', message: BAD_KEY_MESSAGE });
		});

		it('a link whose xsec token expired fails with the documented message and how to fix it', async () => {
			const { expiredToken } = FIXTURES.notes;
			const expiredLink = `https://www.xiaohongshu.com/explore/${expiredToken.noteId}?xsec_token=${expiredToken.expiredXsecToken}&xsec_source=pc_share`;
			const workflow = withNodeParameters(withCredential(loadExample('noteTable'), demo.credential), 'Note links', {
				jsCode: `return [{ json: { link: ${JSON.stringify(expiredLink)} } }];`,
			});
			const execution = await runCopy({ ...workflow, name: 'e2e: expired token' });
			expect(execution.status).toBe('error');
			const error = executionError(execution);
			expect(error.message).toBe(`Xiaohongshu would not serve note ${expiredToken.noteId} with this link's token`);
			expect(error.description).toContain('Get a fresh share link for the note');
		});

		it('the alert workflow fires exactly one Slack message when a note gains likes, and after a restart judges new likes against the saved state (no repeat)', async () => {
			const watched = FIXTURES.notes.singleImage;
			const alert = demo.workflows.engagementAlert;
			// Earlier tests fetched this note too: count from here.
			const beforeActivation = callsFor(watched.noteId);
			await client.activateWorkflow(alert.id);
			// Activation polls at once; that poll records the baselines and stays silent.
			await waitUntil('the activation poll', () => (callsFor(watched.noteId) > beforeActivation ? true : undefined), 30_000);
			expect(demo.sink.messages()).toEqual([]);

			await raiseLikes(watched.noteId, 500);
			const [message] = await waitUntil('the Slack message', () => (demo.sink.messages().length > 0 ? demo.sink.messages() : undefined), POLL_PERIOD_MS * 2);
			const text = (message.body as { text: string }).text;
			expect(text).toContain(watched.title);
			expect(text).toContain(`${watched.counts.liked} → 500`);
			expect(demo.sink.messages()).toHaveLength(1);
			// The message as Slack lays it out (issue 25), checked against the trigger item that made it.
			const [firstAlert] = await client.listExecutions(alert.id);
			const [event] = nodeOutput(await client.getExecution(firstAlert.id), 'Watch notes');
			expectAlertBlocks(message.body as SlackMessage, event, watched);
			// The stand-in shows that message, not its JSON.
			const page = await (await fetch(demo.sink.url, { headers: { accept: 'text/html' } })).text();
			expect(page).toContain('<img class="accessory" src="https://');
			expect(page).toContain('<a class="button" href=');

			// n8n stops; meanwhile the note gains 150 more likes. The first poll after the restart
			// must judge them against the 500 it saved with the alert: one new alert (500 → 650),
			// not the old one again, and not silence (which is what a lost state would give).
			await demo.n8n.instance.stop();
			await raiseLikes(watched.noteId, 650);
			await demo.n8n.instance.launch();
			client = await N8nRestClient.signedIn(demo.n8n.instance.baseUrl, demo.n8n.owner);
			await waitUntil('the alert after the restart', () => (demo.sink.messages().length >= 2 ? true : undefined), POLL_PERIOD_MS * 2);
			const texts = demo.sink.messages().map((received) => (received.body as { text: string }).text);
			expect(texts[1]).toContain('500 → 650');
			const seen = callsFor(watched.noteId);
			await waitUntil('the next poll', () => (callsFor(watched.noteId) > seen ? true : undefined), POLL_PERIOD_MS * 2);
			expect(demo.sink.messages()).toHaveLength(2);
			const executions = await client.listExecutions(alert.id);
			expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		}, 8 * 60_000);

		it('the alert example posts a watch-list problem to its own Slack message from the Problems output, once, and no event message', async () => {
			const { singleImage, topics } = FIXTURES.notes;
			await client.deactivateWorkflow(demo.workflows.engagementAlert.id).catch(() => undefined);
			demo.sink.clear();
			// The second line lost its xsec_token: the trigger cannot watch it and says so on Problems.
			const lines = [
				`https://www.xiaohongshu.com/explore/${singleImage.noteId}?xsec_token=${encodeURIComponent(singleImage.xsecToken)}&xsec_source=pc_share`,
				`https://www.xiaohongshu.com/explore/${topics.noteId}`,
			];
			const workflow = withNodeParameters(
				withSlackWebhook(withCredential(loadExample('engagementAlert'), demo.credential), demo.sink.url),
				'Watch notes',
				// Every minute, as the demo runs it (the example ships hourly).
				{ notes: lines.join('\n'), pollTimes: { item: [{ mode: 'everyMinute' }] } },
			);
			const stored = await client.createWorkflow({ ...workflow, name: 'e2e: problems output' });
			const beforeActivation = callsFor(singleImage.noteId);
			await client.activateWorkflow(stored.id);
			const [message] = await waitUntil('the problem message', () => (demo.sink.messages().length > 0 ? demo.sink.messages() : undefined), POLL_PERIOD_MS * 2);
			const text = (message.body as { text: string }).text;
			expect(text).toMatch(/^Xiaohongshu watch needs attention: ⚠️ Line 2 of the watch list is skipped/);
			expect(text).toContain('xsec_token');
			expect(callsFor(singleImage.noteId)).toBeGreaterThan(beforeActivation);

			const [listed] = await client.listExecutions(stored.id);
			// The Slack message can arrive before n8n has finished the execution that sent it.
			const run = await client.waitForExecution(String(listed.id), 60_000);
			expect(run.status).toBe('success');
			// The problem went down the Problems branch only; Events had nothing, so its Slack node did not run.
			expect(nodeOutput(run, 'Format problem message')).toHaveLength(1);
			expect(run.data.resultData.runData['Post to Slack']).toBeUndefined();
			const triggerRun = run.data.resultData.runData['Watch notes'][0];
			expect(triggerRun.data?.main?.map((output) => output?.length ?? 0)).toEqual([0, 1]);

			// The next poll reports nothing new: the problem is told once.
			const seen = callsFor(singleImage.noteId);
			await waitUntil('the next poll', () => (callsFor(singleImage.noteId) > seen ? true : undefined), POLL_PERIOD_MS * 2);
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			expect(demo.sink.messages()).toHaveLength(1);
			await client.deactivateWorkflow(stored.id);
			demo.sink.clear();
		}, 6 * 60_000);
	},
);
