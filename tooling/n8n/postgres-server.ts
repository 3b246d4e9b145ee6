import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureDebianPackages } from './debian-packages';
import { freeLoopbackPort } from './free-port';

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The newest installed Postgres's bin folder (Debian keeps them under /usr/lib/postgresql/<major>/bin), or null. */
export function postgresBinDir(): string | null {
	if (!existsSync(POSTGRES_ROOT)) return null;
	const majors = readdirSync(POSTGRES_ROOT)
		.filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_ROOT, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? join(POSTGRES_ROOT, majors[0], 'bin') : null;
}

function postgresUser(): { uid: number; gid: number } | null {
	const idOf = (flag: string) =>
		Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
	try {
		return { uid: idOf('-u'), gid: idOf('-g') };
	} catch {
		return null;
	}
}

/**
 * A throwaway Postgres for n8n's queue mode: a fresh cluster in a temporary folder, trust
 * authentication, listening on 127.0.0.1 at a free port (its socket in the same folder), one
 * database for n8n. Debian's package is installed when missing. Postgres refuses to run as
 * root, so as root the cluster belongs to the `postgres` user the package creates.
 */
export class PostgresServer {
	readonly database = 'n8n';

	readonly user = 'postgres';

	private constructor(
		readonly dataDir: string,
		readonly port: number,
		private readonly binDir: string,
		private readonly runAs: { uid: number; gid: number } | null,
	) {}

	static async start(): Promise<PostgresServer> {
		ensureDebianPackages([{ present: () => postgresBinDir() !== null, package: 'postgresql' }]);
		const binDir = postgresBinDir()!;
		const runAs = process.getuid?.() === 0 ? postgresUser() : null;
		if (process.getuid?.() === 0 && !runAs) throw new Error('Running as root, but there is no "postgres" user to run Postgres as');
		const dataDir = mkdtempSync(join(tmpdir(), 'xhs-postgres-'));
		if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
		chmodSync(dataDir, 0o700);
		const server = new PostgresServer(dataDir, await freeLoopbackPort(), binDir, runAs);
		try {
			server.run('initdb', ['-D', join(dataDir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
			server.run('pg_ctl', [
				'-D',
				join(dataDir, 'data'),
				'-l',
				server.logFile,
				'-w',
				'-o',
				// No fsync: the data is thrown away afterwards, and the machine is shared.
				`-p ${server.port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
				'start',
			]);
			server.run('createdb', ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', server.database]);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	get logFile(): string {
		return join(this.dataDir, 'postgres.log');
	}

	/** What n8n needs to use this database. */
	n8nEnvironment(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: 'trust-authentication-ignores-it',
		};
	}

	/** Stops the server and removes its folder. */
	async stop(): Promise<void> {
		try {
			if (existsSync(join(this.dataDir, 'data', 'postmaster.pid'))) {
				this.run('pg_ctl', ['-D', join(this.dataDir, 'data'), '-m', 'fast', '-w', 'stop']);
			}
		} finally {
			rmSync(this.dataDir, { recursive: true, force: true });
		}
	}

	private run(program: string, args: string[]): void {
		const binary = join(this.binDir, program);
		const [command, commandArgs] = this.runAs ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
		try {
			execFileSync(command, commandArgs, { cwd: this.dataDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
		} catch (error) {
			const { stdout, stderr } = error as { stdout?: string; stderr?: string };
			throw new Error(`${program} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
		}
	}
}
