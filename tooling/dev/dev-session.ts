import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { createSandboxCredential, type CredentialRef } from '../demo/demo-content';
import { chooseEditorPort, DEMO_API_KEY, DEMO_PLAN, sandboxProxyEnvironment } from '../demo/demo-session';
import { packPackage } from '../n8n/community-package';
import { startN8nWithPackage, type N8nWithPackage } from '../n8n/n8n-with-package';
import type { N8nProfile } from '../n8n/versions';
import { PackageBuilder, replaceInstalledDist } from './package-build';
import { watchSources } from './source-watcher';

/** What a change can touch that n8n loads: the compiled nodes and credential, and the icons and codex files gulp copies. */
export const WATCHED_FOLDERS = ['nodes', 'credentials', 'icons'];

export interface DevOptions {
	/** The package folder (the repository; tests use a copy), built once already (`npm run build`). */
	root: string;
	profile: N8nProfile;
	/** Editor port; `undefined` takes 5678 when free, a free port otherwise (as `npm start`). */
	port?: number;
	log?: (line: string) => void;
}

export interface Reload {
	paths: string[];
	ok: boolean;
	/** From the first change seen to n8n answering again (or to the failed build). */
	totalMs: number;
	buildMs: number;
	restartMs: number | null;
	/** The compiler's output when the build failed. */
	output?: string;
}

export interface DevSession {
	sandbox: Sandbox;
	n8n: N8nWithPackage;
	credential: CredentialRef;
	/** Every reload so far, oldest first. */
	reloads: Reload[];
	/** Resolves once the reloads under way (and those queued behind them) have ended and been recorded. */
	idle(): Promise<void>;
	/** Stops watching, n8n and the sandbox; removes n8n's user folder. */
	stop(): Promise<void>;
}

/**
 * `npm run dev`: n8n with the package installed as a user installs it and the sandbox
 * credential (what `npm start` sets up, without the examples), then a loop: a change under
 * nodes/, credentials/ or icons/ rebuilds dist/, puts it in place of the installed package's
 * dist/ and restarts n8n on the same user folder (credential, workflows and login kept). n8n
 * itself is installed once, in the tooling's cache, and never again here.
 *
 * A failed build leaves n8n running the last good build; the next change tries again.
 */
export async function startDevSession(options: DevOptions): Promise<DevSession> {
	const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
	const cleanups: Array<() => Promise<void> | void> = [];
	const cleanUp = async (): Promise<void> => {
		for (const step of cleanups.reverse()) await Promise.resolve(step()).catch(() => undefined);
		cleanups.length = 0;
	};
	try {
		const sandbox = await startSandbox({ port: 0 });
		cleanups.push(() => sandbox.close());
		const packDir = mkdtempSync(join(tmpdir(), 'xhs-dev-pack-'));
		cleanups.push(() => rmSync(packDir, { recursive: true, force: true }));
		const tarball = packPackage(options.root, packDir);
		const builder = new PackageBuilder(options.root);
		cleanups.push(() => builder.dispose());
		// A first incremental build while n8n starts: it writes what `npm run build` wrote (after the
		// pack, so nothing n8n loads changes) and leaves tsc's build info, so a change compiles in seconds.
		const warmUp = builder.build();
		const n8n = await startN8nWithPackage({
			profile: options.profile,
			tarball,
			port: await chooseEditorPort(options.port),
			env: sandboxProxyEnvironment(sandbox.proxyUrl),
		});
		cleanups.push(async () => {
			await n8n.instance.stop();
			rmSync(n8n.instance.userFolder, { recursive: true, force: true });
		});
		const installedDir = n8n.installedPackage?.dir;
		if (!installedDir) throw new Error('n8n started without the package installed');
		const credential = await createSandboxCredential(n8n.client, sandbox, { apiKey: DEMO_API_KEY, plan: DEMO_PLAN });

		const warm = await warmUp;
		if (!warm.ok) log(`[dev] the sources do not build now; n8n runs the last build. Fix and save.\n${warm.output.trim()}`);
		const reloads: Reload[] = [];
		let stopping = false;
		let queued: { paths: Set<string>; since: number } | null = null;
		let draining: Promise<void> | null = null;

		const reload = async (paths: string[], since: number): Promise<void> => {
			log(`[dev] changed: ${paths.join(', ')}; building ...`);
			const build = await builder.build();
			if (!build.ok) {
				reloads.push({ paths, ok: false, totalMs: Date.now() - since, buildMs: build.ms, restartMs: null, output: build.output });
				log(`[dev] build failed; n8n keeps the last build. Fix and save again.\n${build.output.trim()}`);
				return;
			}
			replaceInstalledDist(options.root, installedDir);
			log(`[dev] built in ${seconds(build.ms)}; restarting n8n ...`);
			const restartStarted = Date.now();
			let stopMs = 0;
			try {
				// instance.restart() in two halves, to say where the time goes.
				if (n8n.instance.running) await n8n.instance.stop();
				stopMs = Date.now() - restartStarted;
				await n8n.instance.launch();
			} catch (error) {
				reloads.push({ paths, ok: false, totalMs: Date.now() - since, buildMs: build.ms, restartMs: null, output: (error as Error).message });
				log(`[dev] n8n did not start with this build: ${(error as Error).message}`);
				return;
			}
			const restartMs = Date.now() - restartStarted;
			reloads.push({ paths, ok: true, totalMs: Date.now() - since, buildMs: build.ms, restartMs });
			log(
				`[dev] n8n runs the new build, ${seconds(Date.now() - since)} after the change (build ${seconds(build.ms)}, restart ${seconds(restartMs)}: stop ${seconds(stopMs)}, start ${seconds(restartMs - stopMs)}). Reload the editor page.`,
			);
		};

		// Changes during a reload wait for it and then make one more reload together.
		const drain = async (): Promise<void> => {
			while (queued && !stopping) {
				const { paths, since } = queued;
				queued = null;
				await reload([...paths].sort(), since);
			}
		};
		const watcher = watchSources(options.root, WATCHED_FOLDERS, (paths) => {
			if (stopping) return;
			queued ??= { paths: new Set(), since: Date.now() };
			for (const path of paths) queued.paths.add(path);
			draining ??= drain().finally(() => {
				draining = null;
			});
		});
		cleanups.push(() => watcher.close());

		return {
			sandbox,
			n8n,
			credential,
			reloads,
			idle: async () => {
				while (draining) await draining;
			},
			stop: async () => {
				stopping = true;
				watcher.close();
				await draining;
				await cleanUp();
			},
		};
	} catch (error) {
		await cleanUp();
		throw error;
	}
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}
