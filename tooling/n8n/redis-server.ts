import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { ensureDebianPackages, onPath } from './debian-packages';
import { freeLoopbackPort } from './free-port';

/**
 * A throwaway Redis for n8n's queue: 127.0.0.1 at a free port, its folder temporary, nothing
 * persisted. Debian's package is installed when missing. It runs in the foreground as a child
 * of this process, so stopping it is a signal to a pid this process owns.
 */
export class RedisServer {
	private exited: Promise<void>;

	private constructor(
		private readonly child: ChildProcess,
		readonly port: number,
		readonly dir: string,
	) {
		this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
	}

	static async start(): Promise<RedisServer> {
		ensureDebianPackages([{ present: () => onPath('redis-server'), package: 'redis-server' }]);
		const dir = mkdtempSync(join(tmpdir(), 'xhs-redis-'));
		const port = await freeLoopbackPort();
		const log = openSync(join(dir, 'redis.log'), 'a');
		const child = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
			{ cwd: dir, stdio: ['ignore', log, log] },
		);
		closeSync(log);
		const server = new RedisServer(child, port, dir);
		const deadline = Date.now() + 20_000;
		while (!(await answersPing(port))) {
			if (child.exitCode !== null || Date.now() > deadline) {
				const tail = readFileSync(join(dir, 'redis.log'), 'utf8').split('\n').slice(-20).join('\n');
				await server.stop();
				throw new Error(`redis-server did not answer on port ${port}:\n${tail}`);
			}
			await delay(100);
		}
		return server;
	}

	/** What n8n needs to use this Redis as its queue. */
	n8nEnvironment(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	async stop(): Promise<void> {
		if (this.child.exitCode === null && this.child.signalCode === null) {
			this.child.kill('SIGTERM');
			const killed = await Promise.race([this.exited.then(() => true), delay(10_000, false)]);
			if (!killed) {
				this.child.kill('SIGKILL');
				await this.exited;
			}
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}

async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1_000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}
