/**
 * Section 4, footprint: the tarball `npm pack` makes (the one the benchmark installs into
 * n8n), the runtime dependencies it would pull in, and how long the node files take to load
 * in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { npmEnvironment } from '../n8n/npm-env';
import type { FootprintResult } from './results';
import { median, quantile } from './timing';

export interface PackedTarball {
	path: string;
	bytes: number;
	files: number;
	unpackedBytes: number;
}

export function packTarball(repoRoot: string): PackedTarball {
	const destination = mkdtempSync(join(tmpdir(), 'xhs-bench-pack-'));
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: repoRoot,
		env: npmEnvironment(process.env),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [packed] = JSON.parse(output) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>;
	const path = join(destination, packed.filename);
	if (!existsSync(path)) throw new Error(`npm pack reported ${packed.filename} but ${path} is missing`);
	return { path, bytes: packed.size, files: packed.entryCount, unpackedBytes: packed.unpackedSize };
}

/** What `npm install` of the package would add besides it: n8n installs `dependencies` only. */
export function runtimeDependencies(repoRoot: string): string[] {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
		bundleDependencies?: string[];
		bundledDependencies?: string[];
		optionalDependencies?: Record<string, string>;
	};
	return [
		...Object.keys(manifest.dependencies ?? {}),
		...Object.keys(manifest.optionalDependencies ?? {}),
		...(manifest.bundleDependencies ?? manifest.bundledDependencies ?? []),
	];
}

/** The files n8n loads from the package: its `n8n.nodes` and `n8n.credentials` entries. */
export function loadedFiles(repoRoot: string): string[] {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	return [...manifest.n8n.credentials, ...manifest.n8n.nodes].map((entry) => join(repoRoot, entry));
}

/**
 * Run in a fresh process: loads n8n-workflow and zod (n8n has them loaded before any
 * community package), then the package's files, and prints both timings in ms.
 */
function loadScript(files: string[]): string {
	return [
		'const now = () => Number(process.hrtime.bigint()) / 1e6;',
		'const t0 = now();',
		"require('n8n-workflow'); require('zod');",
		'const t1 = now();',
		`for (const file of ${JSON.stringify(files)}) require(file);`,
		'const t2 = now();',
		'process.stdout.write(JSON.stringify({ nodeFiles: t2 - t1, total: t2 - t0 }));',
	].join('\n');
}

export function measureColdLoad(repoRoot: string, nodeBinary: string, repeats: number): FootprintResult['coldLoad'][number] {
	const files = loadedFiles(repoRoot);
	const script = loadScript(files);
	const nodeFiles: number[] = [];
	const total: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const output = execFileSync(nodeBinary, ['-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
		const sample = JSON.parse(output) as { nodeFiles: number; total: number };
		nodeFiles.push(sample.nodeFiles);
		total.push(sample.total);
	}
	const version = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
	return {
		runtime: `Node ${version}`,
		repeats,
		nodeFilesMedianMs: median(nodeFiles),
		nodeFilesP90Ms: quantile(nodeFiles, 0.9),
		withDependenciesMedianMs: median(total),
	};
}
