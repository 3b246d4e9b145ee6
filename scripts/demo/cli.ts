import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { FIXTURES } from '../../tooling/sandbox';
import { packPackage } from '../../tooling/n8n/community-package';
import { formatSeconds } from '../../tooling/n8n/run-command';
import { getProfile } from '../../tooling/n8n/versions';
import { DEMO_CREDENTIAL_NAME, sandboxPlanText } from '../../tooling/demo/demo-content';
import { DEMO_API_KEY, DEMO_PLAN, startDemo, type DemoSession } from '../../tooling/demo/demo-session';
import { findRepoRoot } from '../../tooling/repo-root';

const USAGE = `usage: npm start -- [--port 5678] [--profile v2|v1] [--sandbox-port N] [--sink-port N]
  Builds nothing itself: \`npm start\` runs \`npm run build\` first, then this.
  --port          n8n editor port (default 5678 when free, otherwise any free port)
  --profile       v2 = n8n 2.40.7 on Node 24 (default), v1 = n8n 1.123.81 on Node 22
  --sandbox-port  port of the parse.bot stand-in (default: any free port)
  --sink-port     port of the Slack stand-in (default: any free port)
`;

function portOption(value: string | undefined, flag: string): number | undefined {
	if (value === undefined) return undefined;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${flag} needs a port number, got "${value}"\n${USAGE}`);
	return port;
}

function say(lines: string[]): void {
	process.stdout.write(`${lines.join('\n')}\n`);
}

function instructions(demo: DemoSession): string[] {
	const editor = demo.n8n.instance.baseUrl;
	const { owner } = demo.n8n;
	const note = FIXTURES.notes.singleImage;
	const raiseLikes = `curl -s -X POST ${demo.sandbox.url}/__sandbox/notes/${note.noteId}/counts -H 'content-type: application/json' -d '{"liked": 500}'`;
	return [
		'',
		`Xiaohongshu demo is ready: n8n ${demo.n8n.instance.installed.profile.n8nVersion} with ${demo.n8n.installedPackage?.name}@${demo.n8n.installedPackage?.version}`,
		'',
		`  Open      ${editor}/home/workflows`,
		`  Log in     email ${owner.email}   password ${owner.password}`,
		'',
		'  Then, in the workflow list (Overview), top to bottom:',
		`  1. "${demo.workflows.noteTable.name}"`,
		`     ${editor}/workflow/${demo.workflows.noteTable.id}`,
		'     Click "Execute workflow" (bottom of the canvas), then double-click "Sheet row": one row per note link.',
		`  2. "${demo.workflows.creators.name}"`,
		`     ${editor}/workflow/${demo.workflows.creators.id}`,
		'     Click "Execute workflow", then open "Creator row": followers and likes per creator, campaign kept.',
		`  3. "${demo.workflows.engagementAlert.name}" is active and polls every minute (free against the sandbox;`,
		'     the example ships hourly: its canvas estimate is what every minute would cost on parse.bot).',
		`     ${editor}/workflow/${demo.workflows.engagementAlert.id}`,
		'     Give a watched note more likes (the sandbox counts only move when told):',
		`       ${raiseLikes}`,
		`     Within a minute the Slack message arrives here (open in a browser): ${demo.sink.url}`,
		'     and the run is listed under the workflow\'s "Executions" tab.',
		`  4. "${demo.workflows.noteImages.name}"`,
		`     ${editor}/workflow/${demo.workflows.noteImages.id}`,
		'     Click "Execute workflow", then open "File row": one item per image, each with its file (Binary tab),',
		'     a RedNote note (www.rednote.com link, images on rednotecdn.com) among them.',
		`  5. "${demo.workflows.noteStats.name}"`,
		`     ${editor}/workflow/${demo.workflows.noteStats.id}`,
		'     Click "Execute workflow", then open Overview → Data tables → "Xiaohongshu note stats": one row per link; run it again after raising likes and the same row changes.',
		`  6. "${demo.workflows.noteSpikes.name}"`,
		`     ${editor}/workflow/${demo.workflows.noteSpikes.id}`,
		'     Click "Execute workflow": the first run writes each link\'s counts into "Xiaohongshu note spikes" (no alert);',
		`     raise the note's likes with the command in 3., run again: one Slack message at ${demo.sink.url}, that row updated.`,
		'',
		`  Credential "${DEMO_CREDENTIAL_NAME}": Base URL ${demo.sandbox.url} (the parse.bot sandbox), key ${DEMO_API_KEY}, ${sandboxPlanText(DEMO_PLAN)}.`,
		`  n8n log: ${demo.n8n.instance.logFile}`,
		'',
		'Press Ctrl-C to stop n8n, the sandbox and the Slack stand-in.',
		'',
	];
}

async function main(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			profile: { type: 'string', default: 'v2' },
			'sandbox-port': { type: 'string' },
			'sink-port': { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(USAGE);
		return;
	}
	const profile = getProfile(values.profile!);
	const started = Date.now();
	const packDir = mkdtempSync(join(tmpdir(), 'xhs-demo-pack-'));
	say([`[demo] packing the package (npm pack) ...`]);
	const tarball = packPackage(findRepoRoot(), packDir);
	say([`[demo] ${tarball}`, `[demo] preparing n8n ${profile.n8nVersion} (installed once into ~/.cache, several minutes the first time) ...`]);

	let demo: DemoSession | null = null;
	let stopping = false;
	let exitCode = 0;
	const finish = async (): Promise<void> => {
		await demo?.stop();
		rmSync(packDir, { recursive: true, force: true });
		say(['[demo] stopped.']);
		process.exit(exitCode);
	};
	const shutDown = async (reason: string, code: number): Promise<void> => {
		if (stopping) return;
		stopping = true;
		exitCode = code;
		say([`[demo] ${reason}: stopping n8n, the sandbox and the Slack stand-in ...`]);
		// While still starting, the start finishes first so nothing it launched is left behind.
		if (demo) await finish();
	};
	process.on('SIGINT', () => void shutDown('Ctrl-C', 0));
	process.on('SIGTERM', () => void shutDown('SIGTERM', 0));
	process.on('SIGHUP', () => void shutDown('terminal closed', 0));
	// Whoever started us (npm, a shell, a supervisor) going away must not leave n8n running.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) void shutDown('parent process exited', 0);
	}, 1_000).unref();

	demo = await startDemo({
		profile,
		tarball,
		port: portOption(values.port, '--port'),
		sandboxPort: portOption(values['sandbox-port'], '--sandbox-port'),
		sinkPort: portOption(values['sink-port'], '--sink-port'),
	});
	if (stopping) return await finish();
	say([`[demo] ready in ${formatSeconds(Date.now() - started)}`, ...instructions(demo)]);

	// n8n dying on its own (out of memory, killed) ends the demo instead of leaving half of it.
	const watchdog = setInterval(() => {
		if (!stopping && demo && !demo.n8n.instance.running) {
			clearInterval(watchdog);
			void shutDown(`n8n exited; see ${demo.n8n.instance.logFile}`, 1);
		}
	}, 2_000);
	let lastCount = 0;
	const announcer = setInterval(() => {
		const messages = demo?.sink.messages() ?? [];
		for (const message of messages.slice(lastCount)) {
			const text = (message.body as { text?: unknown } | null)?.text;
			say([`[slack] ${typeof text === 'string' ? text : JSON.stringify(message.body)}`]);
		}
		lastCount = messages.length;
	}, 1_000);
	announcer.unref();
}

main(process.argv.slice(2)).catch((error: Error) => {
	process.stderr.write(`[demo] failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
