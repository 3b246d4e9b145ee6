import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import { ARTIFACTS_DIR } from '../artifacts';

export const CHROMIUM = '/usr/bin/chromium';

/** The flags CI runs Debian's chromium with: headless, no sandbox (root), no calls home. */
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');

/** Installs chromium (and a CJK font) with apt when missing; a no-op otherwise. */
export function ensureChromium(): void {
	execFileSync('bash', [join(__dirname, 'ensure-chromium.sh')], { stdio: 'inherit' });
	if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is still missing after ensure-chromium.sh`);
}

export interface Browser {
	page: Page;
	screenshot(name: string): Promise<string>;
	close(): Promise<void>;
}

/** A fresh chromium profile each time: no cookies or cache carried between runs. */
export async function launchChromium(screenshotPrefix: string): Promise<Browser> {
	// n8n's components carry `data-test-id`, not Playwright's default `data-testid`.
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = mkdtempSync(join(tmpdir(), 'xhs-e2e-chromium-'));
	const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: FLAGS,
		viewport: { width: 1440, height: 900 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	mkdirSync(SCREENSHOTS_DIR, { recursive: true });
	return {
		page,
		screenshot: async (name) => {
			const path = join(SCREENSHOTS_DIR, `${screenshotPrefix}-${name}.png`);
			await page.screenshot({ path });
			return path;
		},
		close: async () => {
			await context.close();
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}
