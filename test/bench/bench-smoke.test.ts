/**
 * CI smoke run of the benchmark (`node build/scripts/bench/cli.js --quick`), so the script
 * cannot rot. It checks that every section ran and that the numbers are well formed and
 * consistent with each other; it asserts no timing target (those are findings, reported in
 * BENCHMARKS.md, and depend on the machine).
 *
 * Needs `npm run build`; runs under the e2e config (`npm run test:e2e`), which installs the
 * cached n8n. Run by hand under the unit config, it is skipped when n8n is not installed yet,
 * rather than installing it (minutes) in the middle of a unit run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { isComplete } from '../../scripts/n8n/install';
import { n8nInstallDir } from '../../scripts/n8n/paths';
import { getProfile } from '../../scripts/n8n/versions';
import type { BenchResults } from '../../scripts/bench/results';
import { inE2eRun } from '../e2e/e2e-guard';

const REPO_ROOT = resolve(__dirname, '..', '..');
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
const count = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;

describeSmoke('benchmark --quick', () => {
	let dir: string;
	let results: BenchResults;
	let markdown: string;
	let stderr: string;

	beforeAll(async () => {
		if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
		dir = mkdtempSync(join(tmpdir(), 'xhs-bench-smoke-'));
		const run = await runCli(['--quick', '--json', join(dir, 'results.json'), '--markdown', join(dir, 'BENCHMARKS.md')], 10 * 60_000);
		stderr = run.stderr;
		if (run.code !== 0) throw new Error(`bench --quick exited ${run.code}:\n${stderr}`);
		results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
		markdown = readFileSync(join(dir, 'BENCHMARKS.md'), 'utf8');
	}, 11 * 60_000);

	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('ran every section without an error', () => {
		expect(results.errors).toEqual([]);
		expect(results.machine).toMatchObject({ mode: 'quick', n8n: getProfile('v2').n8nVersion });
		expect(results.machine.cpus).toBeGreaterThan(0);
	});

	it('measured pacing for the node and the three HTTP Request set-ups, with counts that add up', () => {
		const { setup, variants } = results.pacing!;
		expect(setup.uniqueValid + setup.duplicates + setup.invalid).toBe(setup.rows);
		expect(setup.idealMs).toBeCloseTo((setup.uniqueValid * 60_000) / setup.requestsPerMinute, 6);
		expect(variants.map((v) => v.kind)).toEqual(['node', 'http', 'http', 'http']);
		for (const v of variants) {
			expect(finite(v.wallMs) && v.wallMs > 0).toBe(true);
			expect(v.ratioToIdeal).toBeCloseTo(v.wallMs / setup.idealMs, 6);
			for (const n of [v.calls, v.status429, v.creditsSpent, v.itemsFailed]) expect(count(n)).toBe(true);
			expect(v.itemsIn).toBe(setup.rows);
			expect(v.status429).toBeLessThanOrEqual(v.calls);
			expect(v.creditsSpent).toBeLessThanOrEqual(v.calls);
		}
		// Counting, not timing: the node makes one call per distinct note; HTTP Request one per row.
		expect(variants[0].calls).toBe(setup.uniqueValid);
		for (const v of variants.slice(1)) expect(v.calls).toBe(setup.rows);
	});

	it('counted calls per duplicate and per bad row for both', () => {
		const { perRow, cases } = results.credits!;
		expect(cases.length).toBeGreaterThanOrEqual(3);
		expect(perRow.duplicate).toEqual({ node: 0, http: 1 });
		expect(perRow.invalid).toEqual({ node: 0, http: 1 });
	});

	it('reports overhead, footprint and trigger numbers that are finite and positive', () => {
		const o = results.overhead;
		for (const x of [o.perItemUs, o.itemsPerSecond, o.roundTrip.loopbackMedianMs, o.roundTrip.injectedMedianMs, o.fractionOfInjectedCall]) {
			expect(finite(x) && x > 0).toBe(true);
		}
		expect(o.itemsPerSecond).toBeCloseTo(1e6 / o.perItemUs, 3);
		const f = results.footprint;
		expect(f.tarballBytes).toBeGreaterThan(0);
		expect(f.coldLoad).toHaveLength(2);
		for (const l of f.coldLoad) expect(finite(l.nodeFilesMedianMs) && l.nodeFilesMedianMs > 0).toBe(true);
		const t = results.trigger;
		expect(t.available).toBe(true);
		expect(t.callsPerPoll!.callsPerPoll).toBe(t.callsPerPoll!.uniqueValid);
		for (const s of t.states!) expect(s.bytesPerEntry).toBeGreaterThan(0);
	});

	it('checks every target and renders the report from the same numbers', () => {
		expect(results.targets).toHaveLength(7);
		for (const t of results.targets) expect([true, false]).toContain(t.met);
		for (const heading of ['## Targets', '## 1. Pacing', '## 2. Credits', '## 3. Overhead', '## 4. Footprint', '## 5. Trigger']) {
			expect(markdown).toContain(heading);
		}
		expect(markdown).toContain(`${results.pacing!.setup.uniqueValid} distinct notes`);
	});
});
