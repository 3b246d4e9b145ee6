import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { packPackage } from '../../tooling/n8n/community-package';
import { ensureN8nInstalled } from '../../tooling/n8n/install';
import { startN8nWithPackage } from '../../tooling/n8n/n8n-with-package';
import { QueueModeStack } from '../../tooling/n8n/queue-mode';
import { formatSeconds } from '../../tooling/n8n/run-command';
import { getProfile, N8N_PROFILES } from '../../tooling/n8n/versions';
import { findRepoRoot } from '../../tooling/repo-root';

const USAGE = `usage: node build/scripts/n8n/cli.js <command> [options]
  install [v2|v1|all]        install n8n and its Node into the cache (instant when already there)
  pack [--dir DIR]           npm pack DIR (default: the repo) into a temporary folder; prints the tarball path
  start [--profile v2|v1] [--user-folder DIR] [--tarball FILE | --pack DIR]
                             start n8n with the package installed; runs until Ctrl-C, then stops n8n
  queue [--workers N] [--concurrency N] [--tarball FILE | --pack DIR]
                             n8n 2.x in queue mode: Postgres, Redis, main + N workers (default 2), the
                             package in each; runs until Ctrl-C, then stops them all
`;

const REPO_ROOT = findRepoRoot();

async function main(argv: string[]): Promise<void> {
	const [command, ...rest] = argv;
	switch (command) {
		case 'install': {
			const which = rest[0] ?? 'v2';
			const ids = which === 'all' ? Object.keys(N8N_PROFILES) : [which];
			for (const id of ids) {
				const installed = await ensureN8nInstalled(getProfile(id));
				process.stdout.write(`${id}: n8n ${installed.profile.n8nVersion} at ${installed.installDir}\n`);
			}
			return;
		}
		case 'pack': {
			const { values } = parseArgs({ args: rest, options: { dir: { type: 'string' } } });
			process.stdout.write(`${packPackage(values.dir ?? REPO_ROOT, mkdtempSync(join(tmpdir(), 'n8n-pack-')))}\n`);
			return;
		}
		case 'start': {
			const { values } = parseArgs({
				args: rest,
				options: {
					profile: { type: 'string', default: 'v2' },
					'user-folder': { type: 'string' },
					tarball: { type: 'string' },
					pack: { type: 'string' },
				},
			});
			const tarball = values.pack ? packPackage(values.pack, mkdtempSync(join(tmpdir(), 'n8n-pack-'))) : values.tarball;
			const started = Date.now();
			const { instance, installedPackage, owner } = await startN8nWithPackage({
				profile: getProfile(values.profile!),
				tarball,
				userFolder: values['user-folder'],
			});
			process.stdout.write(
				[
					`n8n ${instance.installed.profile.n8nVersion} ready in ${formatSeconds(Date.now() - started)}`,
					`  editor:      ${instance.baseUrl}`,
					`  login:       ${owner.email} / ${owner.password}`,
					`  user folder: ${instance.userFolder}`,
					`  log:         ${instance.logFile}`,
					installedPackage ? `  package:     ${installedPackage.name}@${installedPackage.version}` : '  package:     (none)',
					'Press Ctrl-C to stop.',
					'',
				].join('\n'),
			);
			await new Promise<void>((done) => {
				const stop = (): void => {
					void instance.stop().then(done);
				};
				process.once('SIGINT', stop);
				process.once('SIGTERM', stop);
			});
			return;
		}
		case 'queue': {
			const { values } = parseArgs({
				args: rest,
				options: {
					workers: { type: 'string', default: '2' },
					concurrency: { type: 'string', default: '10' },
					tarball: { type: 'string' },
					pack: { type: 'string' },
				},
			});
			const tarball = values.pack ? packPackage(values.pack, mkdtempSync(join(tmpdir(), 'n8n-pack-'))) : values.tarball;
			const started = Date.now();
			const stack = await QueueModeStack.start({ tarball, workers: Number(values.workers), concurrency: Number(values.concurrency) });
			process.stdout.write(
				[
					`n8n ${stack.installed.profile.n8nVersion} in queue mode ready in ${formatSeconds(Date.now() - started)}`,
					`  editor:   ${stack.main.baseUrl}`,
					`  postgres: 127.0.0.1:${stack.postgres.port}   redis: 127.0.0.1:${stack.redis.port}`,
					...stack.workers.map((worker, i) => `  worker ${i + 1}: health ${worker.baseUrl}/healthz, log ${worker.logFile}`),
					'Press Ctrl-C to stop.',
					'',
				].join('\n'),
			);
			await new Promise<void>((done) => {
				const stop = (): void => {
					void stack.stop().then(done);
				};
				process.once('SIGINT', stop);
				process.once('SIGTERM', stop);
			});
			return;
		}
		default:
			process.stderr.write(USAGE);
			process.exitCode = 2;
	}
}

main(process.argv.slice(2)).catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
