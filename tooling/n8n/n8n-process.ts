import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { freeLoopbackPort } from './free-port';
import type { InstalledN8n } from './install';
import { n8nEnvironment } from './n8n-env';

export interface StartOptions {
	/** Reuse a user folder (its database, encryption key and installed packages); a fresh one otherwise. */
	userFolder?: string;
	/** Extra environment for n8n, applied last. */
	env?: Record<string, string>;
	/** The editor/REST port; a free loopback port when left out. */
	port?: number;
	/** How long to wait for /healthz/readiness. */
	readyTimeoutMs?: number;
	/**
	 * `start` (default): the main process with the editor and REST API on `port`. `worker`:
	 * a queue-mode worker (`n8n worker`), whose only HTTP server is its health check on `port`.
	 */
	role?: N8nRole;
	/** Executions a worker runs at once (`n8n worker --concurrency`). */
	concurrency?: number;
}

export type N8nRole = 'start' | 'worker';

/**
 * One running n8n: its own user folder, two free loopback ports, a log file, and its own
 * process group so stopping it also stops the task runner it spawned.
 */
export class N8nInstance {
	private child: ChildProcess | null = null;

	private exited: Promise<void> = Promise.resolve();

	private constructor(
		readonly installed: InstalledN8n,
		readonly userFolder: string,
		readonly port: number,
		readonly brokerPort: number,
		private readonly extraEnv: Record<string, string>,
		private readonly readyTimeoutMs: number,
		readonly role: N8nRole = 'start',
		private readonly concurrency?: number,
	) {}

	/** Starts n8n and waits until it is ready. */
	static async start(installed: InstalledN8n, options: StartOptions = {}): Promise<N8nInstance> {
		const instance = await N8nInstance.prepare(installed, options);
		await instance.launch();
		return instance;
	}

	/** Chooses the folder and ports without starting n8n, so files can be put in place first. */
	static async prepare(installed: InstalledN8n, options: StartOptions = {}): Promise<N8nInstance> {
		const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), `n8n-${installed.profile.id}-`));
		mkdirSync(userFolder, { recursive: true });
		return new N8nInstance(
			installed,
			userFolder,
			options.port ?? (await freeLoopbackPort()),
			await freeLoopbackPort(),
			options.env ?? {},
			options.readyTimeoutMs ?? 180_000,
			options.role ?? 'start',
			options.concurrency,
		);
	}

	/** The environment n8n runs with; also right for running its CLI or npm on its behalf. */
	environment(overrides: Partial<{ brokerPort: number }> = {}): NodeJS.ProcessEnv {
		const env = n8nEnvironment(this.installed, {
			userFolder: this.userFolder,
			port: this.port,
			brokerPort: overrides.brokerPort ?? this.brokerPort,
			extra: this.extraEnv,
		});
		if (this.role !== 'worker') return env;
		// A worker serves only its health check, on its own port and on loopback.
		return {
			...env,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(this.port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Everything n8n printed, across restarts (each start appends). */
	get logFile(): string {
		return join(this.userFolder, 'n8n.log');
	}

	readLog(): string {
		return readFileSync(this.logFile, 'utf8');
	}

	/** How long the last start took until n8n answered (ms): first starts also migrate the database. */
	lastStartMs = 0;

	get running(): boolean {
		return this.child !== null;
	}

	/** Stops n8n (SIGTERM to its process group, SIGKILL after the grace period). */
	async stop(graceMs = 20_000): Promise<void> {
		const child = this.child;
		if (!child?.pid) return;
		signalGroup(child.pid, 'SIGTERM');
		const grace = new AbortController();
		const stopped = await Promise.race([
			this.exited.then(() => true),
			delay(graceMs, false, { signal: grace.signal }).catch(() => false),
		]);
		grace.abort();
		if (!stopped) {
			signalGroup(child.pid, 'SIGKILL');
			await this.exited;
		}
		// The runner may outlive its parent for a moment; the group is ours, so clear it.
		signalGroup(child.pid, 'SIGKILL');
	}

	/** Kills n8n at once (SIGKILL to its process group), as a crash or an OOM kill would: no graceful shutdown. */
	async kill(): Promise<void> {
		const child = this.child;
		if (!child?.pid) return;
		signalGroup(child.pid, 'SIGKILL');
		await this.exited;
	}

	/** Stops and starts again with the same user folder and ports: what a restart of a user's n8n keeps. */
	async restart(): Promise<void> {
		await this.stop();
		await this.launch();
	}

	/** Starts n8n (again) with this folder and these ports and waits until it is ready. */
	async launch(): Promise<void> {
		if (this.child) throw new Error('n8n is already running');
		const logFd = openSync(this.logFile, 'a');
		const args = this.role === 'worker' && this.concurrency ? ['worker', `--concurrency=${this.concurrency}`] : [this.role];
		const child = spawn(this.installed.nodeBinary, [this.installed.n8nBinScript, ...args], {
			cwd: this.userFolder,
			env: this.environment(),
			stdio: ['ignore', logFd, logFd],
			detached: true,
		});
		closeSync(logFd);
		this.child = child;
		this.exited = new Promise((resolve) => {
			child.once('exit', () => {
				if (this.child === child) this.child = null;
				resolve();
			});
		});
		const started = Date.now();
		try {
			await this.waitUntilReady();
			this.lastStartMs = Date.now() - started;
		} catch (error) {
			await this.stop(5_000);
			throw error;
		}
	}

	private async waitUntilReady(): Promise<void> {
		const deadline = Date.now() + this.readyTimeoutMs;
		while (Date.now() < deadline) {
			if (!this.child) {
				throw new Error(`n8n exited before it was ready; log ${this.logFile}:\n${this.logTail()}`);
			}
			// Readiness means the database (and for a worker, Redis) is connected; /rest answers only once main finished starting.
			if (
				(await statusOf(`${this.baseUrl}/healthz/readiness`)) === 200 &&
				(this.role === 'worker' || (await statusOf(`${this.baseUrl}/rest/settings`)) === 200)
			) {
				return;
			}
			await delay(500);
		}
		throw new Error(`n8n was not ready within ${this.readyTimeoutMs} ms; log ${this.logFile}:\n${this.logTail()}`);
	}

	private logTail(lines = 40): string {
		try {
			return this.readLog().split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}
}

async function statusOf(url: string): Promise<number> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}
