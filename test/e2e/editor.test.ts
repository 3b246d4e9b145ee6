import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { DemoSession } from '../../tooling/demo/demo-session';
import type { WorkflowJson } from '../../tooling/n8n/rest-client';
import { getProfile } from '../../tooling/n8n/versions';
import { FIXTURES } from '../../tooling/sandbox';
import { ARTIFACTS_DIR } from './artifacts';
import { ensureChromium, launchChromium, type Browser } from './browser/chromium';
import { startDemoForTest, stopDemoAndArchive } from './demo-under-test';
import { describeE2e } from './e2e-guard';
import { nodeOutput } from './execution-output';

const PROFILES = (process.env.XHS_E2E_N8N ?? 'v2,v1').split(',').map((id) => getProfile(id.trim()));

/** Where n8n serves an installed package's icons: `/icons/<package>/<path in the package>`. */
const ICON_PATH = '/icons/n8n-nodes-parsebot-xiaohongshu/';
const NODE_TYPE = 'n8n-nodes-parsebot-xiaohongshu.xiaohongshu';
const TRIGGER_TYPE = 'n8n-nodes-parsebot-xiaohongshu.xiaohongshuTrigger';
const MANUAL = { id: 'm', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

const noteLink = (n: { noteId: string; xsecToken: string }) =>
	`https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}&xsec_source=pc_share`;

describeE2e.each(PROFILES.map((profile) => [`${profile.id} (n8n ${profile.n8nVersion})`, profile] as const))(
	'%s: the editor in headless chromium',
	(_label, profile) => {
		let demo: DemoSession;
		let browser: Browser;

		beforeAll(async () => {
			ensureChromium();
			({ demo } = await startDemoForTest({ profile, activateAlert: false }));
			browser = await launchChromium(`editor-${profile.id}`);
		}, 30 * 60_000);

		afterAll(async () => {
			await browser?.close();
			await stopDemoAndArchive(demo, `editor-${profile.id}`);
		}, 60_000);

		/** The images under `selector` with their source and loaded width (an icon that failed to load has width 0). */
		async function ourLoadedIcons(selector: string): Promise<Array<{ src: string; width: number }>> {
			// Runs in the page; typed loosely because the tools' tsconfig has no DOM types.
			return await browser.page.locator(selector).evaluateAll((images) =>
				(images as unknown as Array<{ src: string; naturalWidth: number }>).map((image) => ({ src: image.src, width: image.naturalWidth })),
			);
		}

		it('logs in with the printed owner account', async () => {
			const { page } = browser;
			await page.goto(`${demo.n8n.instance.baseUrl}/signin`);
			await page.getByTestId('emailOrLdapLoginId').locator('input').fill(demo.n8n.owner.email);
			await page.getByTestId('password').locator('input').fill(demo.n8n.owner.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL(/\/(home\/)?workflows/, { timeout: 30_000 });
			for (const workflow of Object.values(demo.workflows)) {
				await page.getByText(workflow.name, { exact: true }).first().waitFor({ timeout: 15_000 });
			}
			await browser.screenshot('01-workflows');
		});

		it('opens the note-table example with the node drawn with its icon', async () => {
			const { page } = browser;
			await page.goto(`${demo.n8n.instance.baseUrl}/workflow/${demo.workflows.noteTable.id}`);
			const node = page.locator('[data-test-id="canvas-node"][data-node-name="Get note"]');
			await node.waitFor({ timeout: 30_000 });
			await node.locator('img').first().waitFor();
			const icons = await ourLoadedIcons('[data-test-id="canvas-node"][data-node-name="Get note"] img');
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) {
				expect(icon.src).toContain(ICON_PATH);
				expect(icon.width).toBeGreaterThan(0);
			}
			await browser.screenshot('02-example-workflow');
		});

		it('finds the node by searching "Xiaohongshu" in the node panel, with its icon and operations', async () => {
			const { page } = browser;
			await page.getByTestId('node-creator-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill('Xiaohongshu');
			const item = page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Xiaohongshu' }).first();
			await item.waitFor({ timeout: 15_000 });
			await item.locator('img').first().waitFor();
			const icons = await ourLoadedIcons('[data-test-id="node-creator"] [data-test-id="item-iterator-item"] img');
			expect(icons.some((icon) => icon.src.includes(ICON_PATH) && icon.width > 0)).toBe(true);
			await browser.screenshot('03-node-panel-search');

			await item.click();
			const panel = page.getByTestId('node-creator');
			for (const action of ['Get a note', 'Parse a note link', 'Get a user']) {
				await panel.getByText(action, { exact: true }).first().waitFor({ timeout: 15_000 });
			}
			await browser.screenshot('04-node-panel-operations');
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');
			await panel.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
		});

		it('runs the example from the editor and shows the sheet rows', async () => {
			const { page } = browser;
			const before = new Set((await demo.n8n.client.listExecutions(demo.workflows.noteTable.id)).map((execution) => String(execution.id)));
			await page.getByTestId('execute-workflow-button').click();
			await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 60_000 });
			await browser.screenshot('05-example-ran');

			const runs = (await demo.n8n.client.listExecutions(demo.workflows.noteTable.id)).filter((execution) => !before.has(String(execution.id)));
			expect(runs).toHaveLength(1);
			const execution = await demo.n8n.client.getExecution(String(runs[0].id));
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, 'Sheet row')).toHaveLength(4);

			await page.locator('[data-test-id="canvas-node"][data-node-name="Sheet row"]').dblclick();
			await page.getByText(FIXTURES.notes.singleImage.title).first().waitFor({ timeout: 15_000 });
			await browser.screenshot('06-sheet-row-output');
		});

		/** Opens a workflow in the editor and waits for one of its nodes. */
		async function openWorkflow(id: string, nodeName: string) {
			const { page } = browser;
			await page.goto(`${demo.n8n.instance.baseUrl}/workflow/${id}`);
			const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
			await node.waitFor({ timeout: 30_000 });
			return node;
		}

		async function createWorkflow(workflow: WorkflowJson) {
			return await demo.n8n.client.createWorkflow(workflow);
		}

		async function closeNdv() {
			await browser.page.keyboard.press('Escape');
			await browser.page.getByTestId('ndv').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
		}

		it('Note → Get: the link mode reads "By Link" (whole, in the narrow dropdown), Xsec Token only in ID mode, share text works', async () => {
			const { page } = browser;
			// Leaving a changed workflow asks "leave the page?": the test leaves.
			page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
			const shareText = `秋天的第一杯奶茶 ${FIXTURES.shortLinks.aPath.url} 复制本条信息，打开【小红书】App查看精彩内容！`;
			const workflow = await createWorkflow({
				name: 'e2e: share text',
				nodes: [
					MANUAL,
					{
						id: 'g',
						name: 'Get note',
						type: NODE_TYPE,
						typeVersion: 1.1,
						position: [240, 0],
						parameters: { resource: 'note', operation: 'get', note: { __rl: true, mode: 'link', value: shareText } },
						credentials: { parseXhsApi: demo.credential },
					},
				],
				connections: { Start: { main: [[{ node: 'Get note', type: 'main', index: 0 }]] } },
			});
			const node = await openWorkflow(workflow.id, 'Get note');
			await expect(node.textContent()).resolves.toContain('Get Note');
			await page.getByTestId('execute-workflow-button').click();
			await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 60_000 });
			const runs = await demo.n8n.client.listExecutions(workflow.id);
			const execution = await demo.n8n.client.getExecution(String(runs[0].id));
			expect(nodeOutput(execution, 'Get note')[0]).toMatchObject({ noteId: FIXTURES.notes.videoSample.noteId });
			await node.dblclick();
			await page.getByTestId('ndv').getByText(FIXTURES.notes.videoSample.title).first().waitFor({ timeout: 15_000 });
			await browser.screenshot('07-share-text-output');
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor({ timeout: 15_000 });
			const modeSelector = ndv.getByTestId('rlc-mode-selector').locator('input').first();
			await expect(modeSelector.inputValue()).resolves.toBe('By Link');
			await ndv.getByText('Paste the whole link as copied').first().waitFor({ timeout: 10_000 });
			expect(await ndv.getByTestId('parameter-input-xsec').count()).toBe(0);
			await browser.screenshot('08-note-link-mode');

			await ndv.getByTestId('rlc-mode-selector').click();
			const modeNames = await page.locator('[data-test-id^="mode-"]').allTextContents();
			expect(modeNames.map((m) => m.trim())).toEqual(expect.arrayContaining(['By Link', 'By ID']));
			await page.locator('[data-test-id="mode-id"]').click();
			await ndv.getByTestId('parameter-input-xsec').first().waitFor({ timeout: 10_000 });
			await browser.screenshot('09-note-id-mode-token');
			await closeNdv();
		});

		it('a sheet with one bad link stops with the way on: Settings → On Error → Continue', async () => {
			const { page } = browser;
			const links = [noteLink(FIXTURES.notes.singleImage), `https://www.xiaohongshu.com/discovery/item/${FIXTURES.notes.topics.noteId}?app_platform=ios&app_version=8.86&share_from_user_hidden=true&type=normal&author_share=1`, noteLink(FIXTURES.notes.videoSample)];
			const workflow = await createWorkflow({
				name: 'e2e: one bad link',
				nodes: [
					MANUAL,
					{ id: 'c', name: 'Links', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: `return ${JSON.stringify(links)}.map((link) => ({ json: { link } }));` } },
					{
						id: 'g',
						name: 'Get note',
						type: NODE_TYPE,
						typeVersion: 1.1,
						position: [440, 0],
						parameters: { resource: 'note', operation: 'get', note: { __rl: true, mode: 'link', value: '={{ $json.link }}' } },
						credentials: { parseXhsApi: demo.credential },
					},
				],
				connections: {
					Start: { main: [[{ node: 'Links', type: 'main', index: 0 }]] },
					Links: { main: [[{ node: 'Get note', type: 'main', index: 0 }]] },
				},
			});
			await openWorkflow(workflow.id, 'Get note');
			await page.getByTestId('execute-workflow-button').click();
			await page.locator('[data-test-id="canvas-node"][data-node-name="Get note"]').dblclick();
			const ndv = page.getByTestId('ndv');
			await ndv.getByText('On Error to Continue').first().waitFor({ timeout: 60_000 });
			await expect(ndv.getByText('URLs are signed and expire').count()).resolves.toBe(0);
			await browser.screenshot('10-bad-link-way-on');
			await closeNdv();
		});

		it('Parse Link runs with no credential at all', async () => {
			const { page } = browser;
			const workflow = await createWorkflow({
				name: 'e2e: parse link without a key',
				nodes: [
					MANUAL,
					{
						id: 'p',
						name: 'Parse link',
						type: NODE_TYPE,
						typeVersion: 1.1,
						position: [240, 0],
						parameters: { resource: 'note', operation: 'parseLink', note: { __rl: true, mode: 'link', value: noteLink(FIXTURES.notes.topics) } },
					},
				],
				connections: { Start: { main: [[{ node: 'Parse link', type: 'main', index: 0 }]] } },
			});
			await openWorkflow(workflow.id, 'Parse link');
			await page.getByTestId('execute-workflow-button').click();
			await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 60_000 });
			await page.locator('[data-test-id="canvas-node"][data-node-name="Parse link"]').dblclick();
			await page.getByTestId('ndv').getByText(FIXTURES.notes.topics.noteId).first().waitFor({ timeout: 15_000 });
			await browser.screenshot('11-parse-link-no-credential');
			await closeNdv();
		});

		it('the Trigger shows what its list costs a month before it is activated, and Fetch Test Event says it', async () => {
			const { page } = browser;
			const workflow = await createWorkflow({
				name: 'e2e: trigger cost',
				nodes: [
					{
						id: 't',
						name: 'Watch notes',
						type: TRIGGER_TYPE,
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							pollTimes: { item: [{ mode: 'everyMinute' }] },
							watch: 'notes',
							notes: `${noteLink(FIXTURES.notes.singleImage)}\n${noteLink(FIXTURES.notes.videoSample)}`,
						},
						credentials: { parseXhsApi: demo.credential },
					},
				],
				connections: {},
			});
			const node = await openWorkflow(workflow.id, 'Watch notes');
			// The number leads the subtitle, so the canvas does not cut it off.
			await node.getByText('≈86,400 credits/mo · notes').first().waitFor({ timeout: 15_000 });
			await browser.screenshot('12-trigger-canvas-estimate');
			await node.dblclick();
			const ndv = page.getByTestId('ndv');
			await ndv.getByText('more than even the Developer plan has').first().waitFor({ timeout: 15_000 });
			await browser.screenshot('13-trigger-cost-hint');
			await ndv.getByTestId('node-execute-button').first().click();
			await ndv.getByText(/costs about 86,400 credits a month/).first().waitFor({ timeout: 60_000 });
			await browser.screenshot('14-trigger-test-event-total');
			await closeNdv();
		});

		it('the credential dialog: Custom Endpoint switch, where to get a key, and what opening it calls', async () => {
			const { page } = browser;
			const base = demo.n8n.instance.baseUrl;
			// A credential saved before the switch: its sandbox address stays visible and in use.
			const legacy = await demo.n8n.client.createCredential({
				name: 'Saved before the switch',
				type: 'parseXhsApi',
				data: { apiKey: 'sandbox-developer-key', plan: 'developer', baseUrl: demo.sandbox.url, scraperId: demo.sandbox.scraperId },
			});
			const callsBefore = demo.sandbox.stats().totals.calls;
			await page.goto(`${base}/home/credentials/${legacy.id}`);
			const modal = page.getByTestId('editCredential-modal');
			await modal.getByText('Custom Endpoint').first().waitFor({ timeout: 30_000 });
			await modal.getByTestId('parameter-input-baseUrl').first().waitFor({ timeout: 10_000 });
			const creditsBefore = demo.sandbox.stats().totals.creditsSpent;
			await page.waitForTimeout(5_000);
			const callsOnOpen = demo.sandbox.stats().calls.slice(callsBefore);
			writeFileSync(
				join(ARTIFACTS_DIR, `credential-dialog-open-${profile.id}.json`),
				JSON.stringify({ n8n: profile.n8nVersion, callsWhenOpened: callsOnOpen.map((c) => ({ endpoint: c.endpoint, status: c.status, credits: c.credits })) }, null, 2),
			);
			// n8n tests a saved credential again each time its dialog opens: that look must cost nothing.
			expect(callsOnOpen.map((c) => c.status)).toEqual([400]);
			expect(demo.sandbox.stats().totals.creditsSpent).toBe(creditsBefore);
			await modal.getByText(/Connection tested successfully|Connection successful/).first().waitFor({ timeout: 15_000 });
			// Where to get a key, in words a marketer knows (no header names).
			await modal.getByText('Settings → API Key').first().waitFor({ timeout: 10_000 });
			expect(await modal.locator('a[href="https://docs.parse.bot/authentication"]').count()).toBeGreaterThan(0);
			await expect(modal.textContent()).resolves.not.toContain('X-API-Key');
			await browser.screenshot('15-credential-saved-before-switch');
			await page.keyboard.press('Escape');

			// A credential as a new user saves it: a key, parse.bot's own endpoint (n8n 1.x refuses to
			// store one without its required key). Opening it tests it; the sandbox proxy refuses any
			// host but the ones it plays, so that test reaches nothing outside this machine.
			const fresh = await demo.n8n.client.createCredential({ name: 'New user', type: 'parseXhsApi', data: { apiKey: 'a-new-users-key', plan: 'free' } });
			await page.goto(`${base}/home/credentials/${fresh.id}`);
			await modal.getByText('Custom Endpoint').first().waitFor({ timeout: 30_000 });
			expect(await modal.getByTestId('parameter-input-baseUrl').count()).toBe(0);
			expect(await modal.getByTestId('parameter-input-scraperId').count()).toBe(0);
			await browser.screenshot('16-credential-new-switch-off');
			const customEndpoint = modal.getByTestId('parameter-input-customEndpoint');
			const toggle = customEndpoint.getByRole('switch').or(customEndpoint.locator('.el-switch')).first();
			await toggle.click();
			await modal.getByTestId('parameter-input-baseUrl').first().waitFor({ timeout: 10_000 });
			await modal.getByTestId('parameter-input-scraperId').first().waitFor({ timeout: 10_000 });
			await browser.screenshot('17-credential-switch-on');
			await page.keyboard.press('Escape');
		});

		it('the node panel finds "red note"', async () => {
			const { page } = browser;
			await openWorkflow(demo.workflows.noteTable.id, 'Get note');
			await page.getByTestId('node-creator-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill('red note');
			const item = page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Xiaohongshu' }).first();
			await item.waitFor({ timeout: 15_000 });
			await browser.screenshot('18-node-panel-red-note');
			await page.keyboard.press('Escape');
		});
	},
);
