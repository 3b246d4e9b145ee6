import { readFileSync } from 'node:fs';
import { LIMITER_KINDS, SANDBOX_KEYS } from '../../tooling/sandbox/plans';
import { startSandbox, type SandboxOptions } from '../../tooling/sandbox/server';
import type { Catalogue } from '../../tooling/sandbox/fixtures';

/**
 * Runs the sandbox on its own:
 *   node build/scripts/sandbox/cli.js [--port 0] [--seed 1] [--fixtures default|<catalogue.json>]
 *          [--rate-window-ms 60000] [--limiter sliding|fixed|tokenBucket] [--latency-ms 0] [--media-latency-ms 0] [--charge-failed-calls]
 * Prints KEY=value lines (SANDBOX_URL first) on stdout, then serves until SIGTERM/SIGINT.
 */

const USAGE =
	'usage: cli [--port N] [--seed N] [--fixtures default|FILE.json] [--rate-window-ms N] [--limiter sliding|fixed|tokenBucket] [--latency-ms N] [--media-latency-ms N] [--charge-failed-calls]';

function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = {};
	const numberAfter = (i: number, flag: string) => {
		const value = Number(argv[i + 1]);
		if (argv[i + 1] === undefined || !Number.isFinite(value)) throw new Error(`${flag} needs a number\n${USAGE}`);
		return value;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--port':
				options.port = numberAfter(i++, flag);
				break;
			case '--seed':
				options.seed = numberAfter(i++, flag);
				break;
			case '--rate-window-ms':
				options.rateWindowMs = numberAfter(i++, flag);
				break;
			case '--limiter': {
				const value = argv[++i];
				const kind = LIMITER_KINDS.find((k) => k === value);
				if (!kind) throw new Error(`--limiter needs one of ${LIMITER_KINDS.join(', ')}\n${USAGE}`);
				options.limiter = kind;
				break;
			}
			case '--latency-ms':
				options.latencyMs = numberAfter(i++, flag);
				break;
			case '--media-latency-ms':
				options.mediaLatencyMs = numberAfter(i++, flag);
				break;
			case '--charge-failed-calls':
				options.chargeFailedCalls = true;
				break;
			case '--fixtures': {
				const value = argv[++i];
				if (!value) throw new Error(`--fixtures needs "default" or a JSON file\n${USAGE}`);
				options.fixtures = value === 'default' ? 'default' : (JSON.parse(readFileSync(value, 'utf8')) as Catalogue);
				break;
			}
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${flag}\n${USAGE}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
	const lines = [
		`SANDBOX_URL=${sandbox.url}`,
		`SANDBOX_PROXY_URL=${sandbox.proxyUrl}`,
		`SANDBOX_SCRAPER_ID=${sandbox.scraperId}`,
		...Object.entries(SANDBOX_KEYS).map(([name, key]) => `SANDBOX_KEY_${name.toUpperCase()}=${key}`),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`sandbox: ${signal}, closing\n`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: Error) => {
	process.stderr.write(`sandbox: ${error.message}\n`);
	process.exit(2);
});
