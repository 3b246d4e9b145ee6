import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Output goes here, not to the console: npm's install chatter is long. */
	logFile: string;
}

/** Runs a command to completion; on failure the error carries the log's tail so CI shows why. */
export async function runCommand(command: string, args: string[], options: RunOptions): Promise<void> {
	appendFileSync(options.logFile, `\n$ ${command} ${args.join(' ')}\n`);
	const code = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.on('data', (chunk: Buffer) => appendFileSync(options.logFile, chunk));
		child.stderr.on('data', (chunk: Buffer) => appendFileSync(options.logFile, chunk));
		child.on('error', reject);
		child.on('close', resolve);
	});
	if (code !== 0) {
		const tail = readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited with ${code}; see ${options.logFile}\n${tail}`);
	}
}

/** Runs a step and prints how long it took: the installs take minutes and CI logs should say where. */
export async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
	const started = Date.now();
	process.stdout.write(`[n8n-tools] ${label} ...\n`);
	const result = await step();
	process.stdout.write(`[n8n-tools] ${label}: ${formatSeconds(Date.now() - started)}\n`);
	return result;
}

export function formatSeconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)}s`;
}
