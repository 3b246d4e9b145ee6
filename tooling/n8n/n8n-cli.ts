import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freeLoopbackPort } from './free-port';
import type { N8nInstance } from './n8n-process';
import type { RunExecutionData, WorkflowJson } from './rest-client';

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs n8n's own CLI (`import:workflow`, `execute`, `export:…`) against an instance's user
 * folder. It may run while that n8n is up (SQLite is shared); it gets its own task-broker
 * port so it never collides with the running server's.
 */
export async function runN8nCli(instance: N8nInstance, args: string[], timeoutMs = 180_000): Promise<CliResult> {
	const env = instance.environment({ brokerPort: await freeLoopbackPort() });
	return await new Promise<CliResult>((resolve, reject) => {
		const child = spawn(instance.installed.nodeBinary, [instance.installed.n8nBinScript, ...args], {
			cwd: instance.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/** `n8n import:workflow --input`: the workflow keeps the id in its JSON (one is added when missing). */
export async function importWorkflowViaCli(instance: N8nInstance, workflow: WorkflowJson & { id: string }): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-import-'));
	try {
		const file = join(dir, 'workflow.json');
		writeFileSync(file, JSON.stringify(workflow));
		const result = await runN8nCli(instance, ['import:workflow', `--input=${file}`]);
		if (result.code !== 0) throw new Error(`n8n import:workflow failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * `n8n execute --id --rawOutput`: the way to run a stored workflow from the command line in
 * both 1.x and 2.x (2.x dropped `--file`). Returns the run's data, or throws with n8n's output.
 *
 * Observed on 1.123.81/Node 22 and 2.40.7/Node 24: the CLI process now and then dies by a
 * signal (SIGSEGV, SIGTRAP) while tearing down after it printed the complete result. Such a
 * run counts when its printed JSON is complete; `exitSignal` tells the caller it happened.
 */
export async function executeWorkflowViaCli(
	instance: N8nInstance,
	workflowId: string,
): Promise<{ data: RunExecutionData; status?: string; exitSignal: NodeJS.Signals | null }> {
	const result = await runN8nCli(instance, ['execute', `--id=${workflowId}`, '--rawOutput']);
	const fail = (): Error =>
		new Error(`n8n execute --id=${workflowId} failed (${result.code ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
	if (result.code !== 0 && result.signal === null) throw fail();
	// n8n may log around the JSON; the run data is the block from a line `{` to a line `}`.
	const start = result.stdout.search(/^\{$/m);
	const end = result.stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) throw fail();
	let run: { data: RunExecutionData; status?: string };
	try {
		run = JSON.parse(result.stdout.slice(start, end + 2)) as typeof run;
	} catch {
		throw fail();
	}
	return { ...run, exitSignal: result.signal };
}
