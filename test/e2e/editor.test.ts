import type { DemoSession } from '../../scripts/demo/demo-session';
import { getProfile } from '../../scripts/n8n/versions';
import { FIXTURES } from '../sandbox';
import { ensureChromium, launchChromium, type Browser } from './browser/chromium';
import { startDemoForTest, stopDemoAndArchive } from './demo-under-test';
import { describeE2e } from './e2e-guard';
import { nodeOutput } from './execution-output';

const PROFILES = (process.env.XHS_E2E_N8N ?? 'v2,v1').split(',').map((id) => getProfile(id.trim()));

/** Where n8n serves an installed package's icons: `/icons/<package>/<path in the package>`. */
const ICON_PATH = '/icons/n8n-nodes-parsebot-xiaohongshu/';

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
	},
);
