import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { startDevSession, type DevSession } from '../../tooling/dev/dev-session';
import { freeLoopbackPort } from '../../tooling/n8n/free-port';
import { getProfile } from '../../tooling/n8n/versions';
import { describeE2e } from './e2e-guard';
import { readManifest, REPO_ROOT } from './package-under-test';

/** Everything `npm run dev` builds and packs from; node_modules is the repository's own. */
const PACKAGE_FILES = ['package.json', '.npmrc', 'tsconfig.json', 'gulpfile.js', 'nodes', 'credentials', 'icons', 'dist'];
const NODE_SOURCE = join('nodes', 'Xiaohongshu', 'Xiaohongshu.node.ts');

/**
 * `npm run dev` on a copy of the package (so the test never edits the repository's sources):
 * n8n starts with the package, a node's description is changed in the source, and n8n serves
 * the new description without anyone restarting anything. Needs `npm run build` first (dist/).
 */
describeE2e('npm run dev', () => {
	let copy: string;
	let session: DevSession | undefined;
	const lines: string[] = [];
	const nodeType = `${readManifest().name}.xiaohongshu`;

	beforeAll(async () => {
		if (!existsSync(join(REPO_ROOT, 'dist'))) throw new Error('run `npm run build` first: the dev loop starts from a built package');
		copy = mkdtempSync(join(tmpdir(), 'xhs-dev-loop-'));
		for (const entry of PACKAGE_FILES) cpSync(join(REPO_ROOT, entry), join(copy, entry), { recursive: true });
		symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
		session = await startDevSession({ root: copy, profile: getProfile('v2'), port: await freeLoopbackPort(), log: (line) => lines.push(line) });
	});

	afterAll(async () => {
		await session?.stop();
		if (copy) rmSync(copy, { recursive: true, force: true });
	});

	const descriptions = async (): Promise<string[] | null> => {
		try {
			const types = await session!.n8n.client.nodeTypes();
			return types.filter((type) => type.name === nodeType).map((type) => String(type.description));
		} catch {
			return null; // n8n is restarting
		}
	};

	it('serves a changed node description after the change alone, from the same n8n install and user folder', async () => {
		const { instance } = session!.n8n;
		const marker = join(instance.installed.installDir, '.install-complete.json');
		const installedAt = statSync(marker).mtimeMs;
		const before = await descriptions();
		expect(before?.length).toBeGreaterThan(0);
		expect(new Set(before)).toEqual(new Set([before![0]]));

		const source = readFileSync(join(copy, NODE_SOURCE), 'utf8');
		const original = before![0];
		expect(source).toContain(`'${original}'`);
		const changed = `${original} (dev loop ${Date.now()})`;
		const changedAt = Date.now();
		writeFileSync(join(copy, NODE_SOURCE), source.replace(`'${original}'`, `'${changed}'`));

		let served: string[] | null = null;
		while (Date.now() - changedAt < 180_000) {
			served = await descriptions();
			if (served?.length && served.every((description) => description === changed)) break;
			await delay(500);
		}
		const seenAfterMs = Date.now() - changedAt;
		process.stdout.write(`[dev-loop] new description served ${(seenAfterMs / 1000).toFixed(1)} s after the change\n${lines.join('\n')}\n`);
		expect(served).toEqual(before!.map(() => changed));

		// n8n can serve the new description a moment before the restart that launched it has
		// returned and been recorded (seen on a cold CI run): wait for the reload to end.
		await session!.idle();
		expect(session!.reloads).toEqual([expect.objectContaining({ ok: true, paths: [NODE_SOURCE] })]);
		// n8n was restarted, not reinstalled; its user folder (and the credential in it) stayed.
		expect(statSync(marker).mtimeMs).toBe(installedAt);
		expect(instance.readLog().match(/Editor is now accessible/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
		const credentials = await session!.n8n.client.call<Array<{ id: string }>>('GET', '/rest/credentials');
		expect(credentials.map((credential) => credential.id)).toContain(session!.credential.id);
	});
});
