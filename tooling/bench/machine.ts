/** The machine and versions a run was measured on, for the report's header. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import type { MachineInfo } from './results';

export function gitCommit(repoRoot: string): string | null {
	try {
		const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials', 'package.json'], { cwd: repoRoot, encoding: 'utf8' }).trim();
		return dirty ? `${commit} (node sources modified)` : commit;
	} catch {
		return null;
	}
}

export function describeMachine(repoRoot: string, mode: MachineInfo['mode'], command: string): MachineInfo {
	const cores = cpus();
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
	return {
		date: new Date().toISOString(),
		cpus: cores.length,
		cpuModel: cores[0]?.model.trim() ?? 'unknown',
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		platform: `${process.platform} ${process.arch}`,
		node: process.version,
		n8nNode: null,
		n8n: null,
		packageVersion: manifest.version,
		gitCommit: gitCommit(repoRoot),
		mode,
		command,
	};
}
