import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { startDemo, type DemoOptions, type DemoSession } from '../../tooling/demo/demo-session';
import { freeLoopbackPort } from '../../tooling/n8n/free-port';
import { ARTIFACTS_DIR } from './artifacts';
import { packForE2e, type PackedPackage } from './package-under-test';

/** The demo `npm start` runs, on a random editor port, with the package packed for this run. */
export async function startDemoForTest(options: Omit<DemoOptions, 'tarball' | 'port'>): Promise<{ demo: DemoSession; packed: PackedPackage }> {
	const packed = packForE2e();
	// An explicit free port: a developer's own n8n may hold 5678.
	const demo = await startDemo({ ...options, tarball: packed.tarball, port: await freeLoopbackPort() });
	return { demo, packed };
}

/** Stops the demo, keeps n8n's log as a CI artifact, removes the user folder. */
export async function stopDemoAndArchive(demo: DemoSession | undefined, name: string): Promise<void> {
	if (!demo) return;
	await demo.stop({ keepUserFolder: true });
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const { logFile, userFolder } = demo.n8n.instance;
	if (existsSync(logFile)) copyFileSync(logFile, join(ARTIFACTS_DIR, `${name}.log`));
	rmSync(userFolder, { recursive: true, force: true });
}
