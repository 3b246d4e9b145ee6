import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nInstance } from '../../tooling/n8n/n8n-process';
import { REPO_ROOT } from './package-under-test';

/** CI keeps `artifacts/`; n8n's log is what explains a failed end-to-end run. */
export const ARTIFACTS_DIR = join(REPO_ROOT, 'artifacts', 'e2e');

/** Stops n8n, keeps its log as an artifact and removes its user folder. */
export async function stopAndArchive(instance: N8nInstance | undefined, name: string): Promise<void> {
	if (!instance) return;
	await instance.stop();
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	if (existsSync(instance.logFile)) copyFileSync(instance.logFile, join(ARTIFACTS_DIR, `${name}.log`));
	rmSync(instance.userFolder, { recursive: true, force: true });
}
