/**
 * CI smoke run of the benchmark (`node build/scripts/bench/cli.js --quick`), so the script
 * cannot rot. It checks the counts the report gives (calls, 429s, credits) against what the
 * sandbox itself counted (`--sandbox-log`), and the counting targets, which hold on any
 * machine; it asserts no timing target (those are findings, reported in BENCHMARKS.md, and
 * depend on the machine).
 *
 * Needs `npm run build`; runs under the e2e config (`npm run test:e2e`), which installs the
 * cached n8n. Run by hand under the unit config, it is skipped when n8n is not installed yet,
 * rather than installing it (minutes) in the middle of a unit run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isComplete } from '../../../tooling/n8n/install';
import { n8nInstallDir } from '../../../tooling/n8n/paths';
import { getProfile } from '../../../tooling/n8n/versions';
import type { BenchResults } from '../../../tooling/bench/results';
import { findRepoRoot } from '../../../tooling/repo-root';
import { inE2eRun } from '../../e2e/e2e-guard';

const REPO_ROOT = findRepoRoot();
const CLI = join(REPO_ROOT, 'build', 'scripts', 'bench', 'cli.js');
const n8nReady = inE2eRun || isComplete(n8nInstallDir(getProfile('v2')));
const describeSmoke = n8nReady ? describe : describe.skip;
if (!n8nReady) process.stdout.write('[bench smoke] skipped: n8n is not installed (node build/scripts/n8n/cli.js install)\n');

function runCli(args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
			reject(new Error(`bench --quick did not finish within ${timeoutMs} ms:\n${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolvePromise({ code, stderr });
		});
	});
}

const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

interface SandboxLog {
	byKey: Record<string, { calls: number; status429: number; creditsSpent: number; byStatus: Record<string, number> }>;
	calls: Array<{ key: string; status: number; endpoint: string; noteId?: string }>;
}

describeSmoke('benchmark --quick', () => {
	let dir: string;
	let results: BenchResults;
	let markdown: string;
	let stderr: string;
	let counted: SandboxLog;

	beforeAll(async () => {
		if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
		dir = mkdtempSync(join(tmpdir(), 'xhs-bench-smoke-'));
		const run = await runCli(
			['--quick', '--json', join(dir, 'results.json'), '--markdown', join(dir, 'BENCHMARKS.md'), '--sandbox-log', join(dir, 'sandbox.json')],
			10 * 60_000,
		);
		stderr = run.stderr;
		if (run.code !== 0) throw new Error(`bench --quick exited ${run.code}:\n${stderr}`);
		results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
		markdown = readFileSync(join(dir, 'BENCHMARKS.md'), 'utf8');
		counted = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as SandboxLog;
	}, 11 * 60_000);

	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('ran every section without an error', () => {
		expect(results.errors).toEqual([]);
		expect(results.machine).toMatchObject({ mode: 'quick', n8n: getProfile('v2').n8nVersion });
		expect(results.machine.cpus).toBeGreaterThan(0);
	});

	it('reports for each pacing set-up the calls, 429s and credits the sandbox counted for its key', () => {
		const { setup, variants } = results.pacing!;
		expect(variants.map((v) => v.kind)).toEqual(['node', 'http', 'http', 'http']);
		expect(new Set(variants.map((v) => v.apiKey)).size).toBe(variants.length);
		for (const v of variants) {
			const sandbox = counted.byKey[v.apiKey];
			expect({ calls: v.calls, status429: v.status429, creditsSpent: v.creditsSpent, byStatus: v.byStatus }).toEqual({
				calls: sandbox.calls,
				status429: sandbox.status429,
				creditsSpent: sandbox.creditsSpent,
				byStatus: sandbox.byStatus,
			});
			expect(v.itemsIn).toBe(setup.rows);
		}
		// The node fetched each distinct note of the sheet once (the sheet's answer key says how many); HTTP Request one call per row.
		const nodeNotes = counted.calls.filter((c) => c.key === variants[0].apiKey).map((c) => c.noteId);
		expect(nodeNotes).toHaveLength(setup.uniqueValid);
		expect(new Set(nodeNotes).size).toBe(setup.uniqueValid);
		for (const v of variants.slice(1)) expect(counted.byKey[v.apiKey].calls).toBe(setup.rows);
	});

	it('reports the credit cases with the calls the sandbox counted, none for a duplicate or a bad row from the node', () => {
		const { perRow, cases } = results.credits!;
		expect(cases.length).toBeGreaterThanOrEqual(3);
		const countedFor = (who: 'node' | 'http') =>
			Object.entries(counted.byKey)
				.filter(([key]) => key.startsWith('bench-credits-') && key.endsWith(`-${who}`))
				.reduce((sum, [, k]) => sum + k.calls, 0);
		expect(cases.reduce((sum, c) => sum + c.node.calls, 0)).toBe(countedFor('node'));
		expect(cases.reduce((sum, c) => sum + c.http.calls, 0)).toBe(countedFor('http'));
		for (const c of cases) expect(c.node.calls).toBe(c.necessaryCalls);
		expect(perRow.duplicate).toEqual({ node: 0, http: 1 });
		expect(perRow.invalid).toEqual({ node: 0, http: 1 });
	});

	it('reports overhead, footprint and trigger numbers that are finite and positive', () => {
		const o = results.overhead;
		for (const x of [o.perItemUs, o.itemsPerSecond, o.roundTrip.loopbackMedianMs, o.roundTrip.injectedMedianMs, o.fractionOfInjectedCall]) {
			expect(finite(x) && x > 0).toBe(true);
		}
		const f = results.footprint;
		expect(f.tarballBytes).toBeGreaterThan(0);
		expect(f.coldLoad).toHaveLength(2);
		for (const l of f.coldLoad) expect(finite(l.nodeFilesMedianMs) && l.nodeFilesMedianMs > 0).toBe(true);
		const t = results.trigger;
		expect(t.available).toBe(true);
		expect(t.callsPerPoll!.callsPerPoll).toBe(t.callsPerPoll!.uniqueValid);
		for (const s of t.states!) expect(s.bytesPerEntry).toBeGreaterThan(0);
	});

	it('meets the targets that are counts, not timings, and renders the report from the same numbers', () => {
		expect(results.targets).toHaveLength(10);
		const met = Object.fromEntries(results.targets.map((t) => [t.target, t.met]));
		// Queue mode needs Postgres, Redis and three n8n processes: quick runs list its targets unmeasured.
		for (const t of results.targets.filter((target) => target.target.startsWith('Queue mode'))) expect(t.met).toBeNull();
		expect(met['Credits: calls = unique valid notes']).toBe(true);
		expect(met['Zero runtime dependencies']).toBe(true);
		expect(met['Trigger state under 2 kB per entry']).toBe(true);
		for (const heading of ['## Targets', '## 1. Pacing', '## 2. Credits', '## 3. Overhead', '## 4. Footprint', '## 5. Trigger']) {
			expect(markdown).toContain(heading);
		}
		expect(markdown).toContain(`${results.pacing!.setup.uniqueValid} distinct notes`);
	});
});
