import { parseArgs } from 'node:util';

import { findRepoRoot } from '../../tooling/repo-root';
import { getProfile } from '../../tooling/n8n/versions';
import { startDevSession, WATCHED_FOLDERS, type DevSession } from '../../tooling/dev/dev-session';

const USAGE = `usage: npm run dev -- [--port 5678] [--profile v2|v1]
  Builds nothing itself: \`npm run dev\` runs \`npm run build\` first, then this.
  --port     n8n editor port (default 5678 when free, otherwise any free port)
  --profile  v2 = n8n 2.40.7 on Node 24 (default), v1 = n8n 1.123.81 on Node 22
`;

async function main(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: { port: { type: 'string' }, profile: { type: 'string', default: 'v2' }, help: { type: 'boolean', short: 'h' } },
	});
	if (values.help) {
		process.stdout.write(USAGE);
		return;
	}
	const port = values.port === undefined ? undefined : Number(values.port);
	if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) throw new Error(`--port needs a port number\n${USAGE}`);
	const profile = getProfile(values.profile!);
	process.stdout.write(`[dev] starting n8n ${profile.n8nVersion} with the package (n8n is installed once into ~/.cache) ...\n`);

	let session: DevSession | null = null;
	let stopping = false;
	let exitCode = 0;
	const shutDown = async (reason: string, code: number): Promise<void> => {
		if (stopping) return;
		stopping = true;
		exitCode = code;
		process.stdout.write(`[dev] ${reason}: stopping n8n and the sandbox ...\n`);
		// While still starting, the start finishes first so nothing it launched is left behind.
		if (session) await finish();
	};
	const finish = async (): Promise<void> => {
		await session?.stop();
		process.stdout.write('[dev] stopped.\n');
		process.exit(exitCode);
	};
	process.on('SIGINT', () => void shutDown('Ctrl-C', 0));
	process.on('SIGTERM', () => void shutDown('SIGTERM', 0));
	process.on('SIGHUP', () => void shutDown('terminal closed', 0));
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) void shutDown('parent process exited', 0);
	}, 1_000).unref();

	session = await startDevSession({ root: findRepoRoot(), profile, port });
	if (stopping) return await finish();
	const { instance, owner } = session.n8n;
	process.stdout.write(
		[
			'',
			`n8n ${profile.n8nVersion} is running the package from this folder.`,
			`  Open      ${instance.baseUrl}`,
			`  Log in     email ${owner.email}   password ${owner.password}`,
			`  Credential "${session.credential.name}" points at the parse.bot sandbox (${session.sandbox.url}).`,
			`  Watching ${WATCHED_FOLDERS.map((folder) => `${folder}/`).join(', ')}: a saved change rebuilds dist/ and restarts n8n with it.`,
			`  n8n log: ${instance.logFile}`,
			'',
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
}

main(process.argv.slice(2)).catch((error: Error) => {
	process.stderr.write(`[dev] failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
