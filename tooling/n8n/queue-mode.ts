import { randomBytes } from 'node:crypto';

import type { InstalledPackage } from './community-package';
import { ensureN8nInstalled, type InstalledN8n } from './install';
import { preparePackagedInstance } from './n8n-with-package';
import type { N8nInstance } from './n8n-process';
import { PostgresServer } from './postgres-server';
import { RedisServer } from './redis-server';
import { DEFAULT_OWNER, N8nRestClient, type OwnerAccount } from './rest-client';
import { N8N_PROFILES, type N8nProfile } from './versions';

export interface QueueModeOptions {
	/** n8n 2.40.7 by default: the line users scale out on. */
	profile?: N8nProfile;
	/** The packed package, installed into every process's own user folder. */
	tarball?: string;
	workers?: number;
	/** Executions each worker runs at once. */
	concurrency?: number;
	/** Extra environment for every n8n process (the sandbox's proxy, for instance). */
	env?: Record<string, string>;
	owner?: OwnerAccount;
}

/**
 * n8n in queue mode the way an operator runs it: Postgres as the shared database, Redis as
 * the queue, one main process (editor, REST API, triggers, webhooks) and workers that run the
 * executions, manual ones included. Every process has its own user folder with the package
 * installed (as each container of a real deployment has), the same encryption key, and its
 * own ports. Main starts first, so it alone migrates the database.
 */
export class QueueModeStack {
	readonly workers: N8nInstance[] = [];

	private constructor(
		readonly installed: InstalledN8n,
		readonly postgres: PostgresServer,
		readonly redis: RedisServer,
		readonly main: N8nInstance,
		readonly client: N8nRestClient,
		readonly installedPackage: InstalledPackage | null,
		private readonly options: QueueModeOptions,
		private readonly sharedEnv: Record<string, string>,
	) {}

	static async start(options: QueueModeOptions = {}): Promise<QueueModeStack> {
		const installed = await ensureN8nInstalled(options.profile ?? N8N_PROFILES.v2);
		const postgres = await PostgresServer.start();
		let redis: RedisServer | undefined;
		let main: N8nInstance | undefined;
		try {
			redis = await RedisServer.start();
			const sharedEnv: Record<string, string> = {
				...options.env,
				...postgres.n8nEnvironment(),
				...redis.n8nEnvironment(),
				EXECUTIONS_MODE: 'queue',
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				// Workers decrypt the credentials main stored: every process needs the same key.
				N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			};
			const prepared = await preparePackagedInstance(installed, { tarball: options.tarball, env: sharedEnv });
			main = prepared.instance;
			await main.launch();
			const client = await N8nRestClient.signedIn(main.baseUrl, options.owner ?? DEFAULT_OWNER);
			const stack = new QueueModeStack(installed, postgres, redis, main, client, prepared.installedPackage, options, sharedEnv);
			for (let i = 0; i < (options.workers ?? 2); i++) await stack.addWorker();
			return stack;
		} catch (error) {
			await main?.stop();
			await redis?.stop();
			await postgres.stop();
			throw error;
		}
	}

	/** Starts one more worker (its own user folder, package installed) and waits until it is ready. */
	async addWorker(): Promise<N8nInstance> {
		const { instance } = await preparePackagedInstance(this.installed, {
			tarball: this.options.tarball,
			env: this.sharedEnv,
			role: 'worker',
			concurrency: this.options.concurrency ?? 10,
		});
		this.workers.push(instance);
		await instance.launch();
		return instance;
	}

	/** Every n8n process, main first. */
	get processes(): N8nInstance[] {
		return [this.main, ...this.workers];
	}

	/** Stops the workers, main, Redis and Postgres, and removes their folders' data. */
	async stop(): Promise<void> {
		const failures: unknown[] = [];
		const attempt = async (step: () => Promise<void>) => {
			try {
				await step();
			} catch (error) {
				failures.push(error);
			}
		};
		await Promise.all(this.workers.map((worker) => attempt(() => worker.stop())));
		await attempt(() => this.main.stop());
		await attempt(() => this.redis.stop());
		await attempt(() => this.postgres.stop());
		if (failures.length > 0) throw failures[0];
	}
}
