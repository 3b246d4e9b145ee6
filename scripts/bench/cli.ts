/**
 * One command for every benchmark of issue 7 (after `npm run build`):
 *
 *   node build/scripts/bench/cli.js            full run: writes scripts/bench/results.json and BENCHMARKS.md
 *   node build/scripts/bench/cli.js --quick    CI smoke: small sizes, JSON to a temporary folder, no Markdown
 *
 * Options: --json FILE, --markdown FILE (quick writes none unless given), --rows N,
 * --limit N and --window-ms N (the sandbox plan: N calls per sliding window), --latency-ms N,
 * --render-only FILE (rewrite the Markdown from a saved results.json, nothing measured),
 * --only budget (the credit-budget month: a budgeted Trigger against an hourly one, table on stdout;
 * with --markdown BENCHMARKS.md it rewrites that section of the report, which full runs keep),
 * --only trigger (that section alone, through the engine harness on the compiled nodes in build/: no tarball, no n8n; its JSON
 * goes to --json FILE or a temporary folder, never to results.json or BENCHMARKS.md),
 * --sandbox-log FILE (what the sandbox counted per key and call, beside the results).
 * --only queue (the queue-mode section alone: it replaces that section in results.json and
 * BENCHMARKS.md, or in --json FILE / --markdown FILE, and keeps the other sections as measured).
 * The queue-mode section runs in full runs only; --quick leaves it out.
 * --only sweep (the pacing sweep of tooling/bench/pacingSweep.ts: 1 to 300 notes, three plans, three
 * limiters, the node and the HTTP Request node, in one n8n; JSON to --json FILE or
 * scripts/bench/sweep.json, its table on stdout; --max-floor-s N leaves out cells whose floor is longer,
 * --sweep-contenders 0,1,2,3 picks contenders, --sweep-plans 0,1,2 plans, --sweep-limiters sliding,fixed,tokenBucket
 * limiters and --sweep-sizes 1,5,20 sheet sizes).
 * Exits 1 when a section failed (its error is in the JSON and the Markdown), 0 otherwise:
 * a missed target is a finding, not a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { ensureNode } from '../../tooling/n8n/install';
import { nodeBinary } from '../../tooling/n8n/paths';
import { getProfile } from '../../tooling/n8n/versions';
import type * as PacingModule from '../../nodes/Xiaohongshu/transport/pacing';
import { creditKeys, runCredits, withSheetTotals } from '../../tooling/bench/credits';
import { buildSheet, catalogueWith } from '../../tooling/bench/dataset';
import { measureColdLoad, packTarball, runtimeDependencies } from '../../tooling/bench/footprint';
import { describeMachine, gitCommit } from '../../tooling/bench/machine';
import { BenchSession } from '../../tooling/bench/n8n-session';
import { runOverhead } from '../../tooling/bench/overhead';
import { QUEUE_PRESETS, runQueueBench } from '../../tooling/bench/queue';
import { pacingKeys, requestsPerMinuteOf, runPacing, type PacingConfig } from '../../tooling/bench/pacing';
import { renderMarkdown } from '../../tooling/bench/render';
import type { LimiterKind } from '../../tooling/sandbox';
import { runSweep, sweepKeys, sweepSection, sweepTable, type SweepRecord } from '../../tooling/bench/pacingSweep';
import { findRepoRoot } from '../../tooling/repo-root';
import type { BenchResults, CreditsResult, FootprintResult, OverheadResult, PacingResult, QueueBenchResult, TriggerResult } from '../../tooling/bench/results';
import { checkTargets } from '../../tooling/bench/targets';
import { budgetSection, renderBudget, runBudget } from '../../tooling/bench/budget';
import { runTrigger } from '../../tooling/bench/trigger';

const REPO_ROOT = findRepoRoot();

interface Preset {
	rows: number;
	overheadIterations: number;
	overheadRounds: number;
	rttSamples: number;
	coldLoadRepeats: number;
	triggerCallsPolls: number;
	triggerEntries: number;
	triggerPolls: number;
}

const PRESETS: Record<'full' | 'quick', Preset> = {
	full: { rows: 300, overheadIterations: 20_000, overheadRounds: 7, rttSamples: 200, coldLoadRepeats: 30, triggerCallsPolls: 5, triggerEntries: 3, triggerPolls: 2_000 },
	quick: { rows: 40, overheadIterations: 2_000, overheadRounds: 3, rttSamples: 20, coldLoadRepeats: 3, triggerCallsPolls: 2, triggerEntries: 2, triggerPolls: 30 },
};

function log(line: string): void {
	process.stderr.write(`[bench] ${line}\n`);
}

function itemsInFlight(): number | null {
	const source = readFileSync(join(REPO_ROOT, 'nodes', 'Xiaohongshu', 'actions', 'router.ts'), 'utf8');
	const match = /const ITEMS_IN_FLIGHT = (\d+)/.exec(source);
	return match ? Number(match[1]) : null;
}

function spacingFunction(): ((rpm: number) => number) | null {
	try {
		return (require(join(REPO_ROOT, 'dist', 'nodes', 'Xiaohongshu', 'transport', 'pacing.js')) as typeof PacingModule).spacingMsFor;
	} catch {
		return null;
	}
}

/** The credit-budget section is measured by `--only budget` alone; a full run keeps it as it was. */
const BUDGET_START = '<!-- budget:start -->';
const BUDGET_END = '<!-- budget:end -->';

function budgetBlock(markdown: string): string | null {
	const start = markdown.indexOf(BUDGET_START);
	const end = markdown.indexOf(BUDGET_END);
	return start === -1 || end < start ? null : markdown.slice(start, end + BUDGET_END.length);
}

function withBudgetBlock(markdown: string, block: string | null): string {
	if (block === null) return markdown;
	const current = budgetBlock(markdown);
	return current === null ? `${markdown.trimEnd()}\n\n${block}\n` : markdown.replace(current, block);
}

function writeMarkdown(results: BenchResults, path: string, requestsPerMinute: number): void {
	const spacingFor = spacingFunction();
	const kept = existsSync(path) ? budgetBlock(readFileSync(path, 'utf8')) : null;
	const rendered = renderMarkdown(results, { nodeSpacingMs: spacingFor ? spacingFor(requestsPerMinute) : null, itemsInFlight: itemsInFlight() }, spacingFor);
	writeFileSync(path, withBudgetBlock(rendered, kept));
	log(`report: ${path}`);
}

/** The trigger section by itself, for work on the trigger's state: a partial run, kept apart from the report. */
async function triggerOnly(preset: Preset, rows: number, json: string | undefined): Promise<number> {
	const sheet = buildSheet(rows);
	const trigger = await runTrigger({
		repoRoot: REPO_ROOT,
		catalogue: catalogueWith(sheet.notes),
		notes: sheet.notes,
		callsPolls: preset.triggerCallsPolls,
		stateEntries: preset.triggerEntries,
		statePolls: preset.triggerPolls,
		log,
	});
	const jsonPath = resolve(json ?? join(mkdtempSync(join(tmpdir(), 'xhs-bench-')), 'trigger.json'));
	mkdirSync(dirname(jsonPath), { recursive: true });
	writeFileSync(jsonPath, `${JSON.stringify({ trigger }, null, '\t')}\n`);
	log(`results: ${jsonPath}`);
	return trigger.available ? 0 : 1;
}

/** The credit-budget month (issue 15): budgeted vs hourly Trigger; prints the table BENCHMARKS.md quotes. */
async function budgetOnly(json: string | undefined, markdown: string | undefined): Promise<number> {
	const result = await runBudget({
		repoRoot: REPO_ROOT,
		configs: [
			// The Developer plan's 5,000 credits, 700 of them left for the Xiaohongshu node.
			{ label: 'Developer plan', notes: 3_800, creators: 500 },
			// The Hobby plan's 1,000 credits, all of them for the triggers.
			{ label: 'Hobby plan', notes: 850, creators: 150 },
		],
		log,
	});
	const jsonPath = resolve(json ?? join(mkdtempSync(join(tmpdir(), 'xhs-bench-')), 'budget.json'));
	mkdirSync(dirname(jsonPath), { recursive: true });
	writeFileSync(jsonPath, `${JSON.stringify({ budget: result }, null, '\t')}\n`);
	log(`results: ${jsonPath}`);
	const table = renderBudget(result);
	process.stdout.write(`${table}\n`);
	if (markdown !== undefined) {
		const path = resolve(markdown);
		const block = `${BUDGET_START}\n${budgetSection(result, table)}\n${BUDGET_END}`;
		writeFileSync(path, withBudgetBlock(existsSync(path) ? readFileSync(path, 'utf8') : '', block));
		log(`report: ${path}`);
	}
	return 0;
}

/**
 * The queue-mode section by itself (it needs Postgres, Redis and three n8n processes: minutes of
 * its own), written into the saved results and report beside the sections measured before.
 */
async function queueOnly(mode: 'full' | 'quick', json: string | undefined, markdown: string | undefined): Promise<number> {
	const jsonPath = resolve(json ?? join(REPO_ROOT, 'scripts', 'bench', 'results.json'));
	if (!existsSync(jsonPath)) throw new Error(`--only queue adds to a saved run: ${jsonPath} is missing (run the full benchmark once)`);
	const saved = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults;
	const tarball = packTarball(REPO_ROOT);
	let queue: QueueBenchResult;
	try {
		queue = await runQueueBench({ tarball: tarball.path, packageName: JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).name as string, config: QUEUE_PRESETS[mode], log });
	} catch (error) {
		log(`queue: FAILED ${(error as Error).stack ?? String(error)}`);
		return 1;
	}
	const { targets: _stale, ...rest } = saved;
	const results: BenchResults = { ...rest, queue, targets: checkTargets({ ...rest, queue }) };
	writeFileSync(jsonPath, `${JSON.stringify(results, null, '\t')}\n`);
	log(`results: ${jsonPath}`);
	const setup = results.pacing?.setup;
	writeMarkdown(results, markdown ? resolve(markdown) : join(REPO_ROOT, 'BENCHMARKS.md'), setup ? setup.requestsPerMinute : 600);
	for (const t of results.targets.filter((check) => check.target.startsWith('Queue'))) log(`${t.met === null ? '—' : t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
	return 0;
}

const SWEEP_START = '<!-- sweep:start -->';
const SWEEP_END = '<!-- sweep:end -->';

/** Writes the sweep's section into the report, between its markers (after section 1 when new). */
function writeSweepSection(record: SweepRecord, path: string): void {
	const block = `${SWEEP_START}\n${sweepSection(record)}\n${SWEEP_END}`;
	const markdown = existsSync(path) ? readFileSync(path, 'utf8') : '';
	const start = markdown.indexOf(SWEEP_START);
	const end = markdown.indexOf(SWEEP_END);
	let next: string;
	if (start !== -1 && end > start) next = markdown.slice(0, start) + block + markdown.slice(end + SWEEP_END.length);
	else {
		const at = markdown.indexOf('\n## 2. ');
		next = at === -1 ? `${markdown.trimEnd()}\n\n${block}\n` : `${markdown.slice(0, at)}\n${block}\n${markdown.slice(at)}`;
	}
	writeFileSync(path, next);
	log(`report: ${path}`);
}

/** The pacing sweep by itself, in an n8n of its own. */
async function sweepOnly(
	json: string | undefined,
	markdown: string | undefined,
	renderOnly: string | undefined,
	latencyMs: number,
	maxFloorS: string | undefined,
	which: string | undefined,
	plans: string | undefined,
	limiters: string | undefined,
	sizes: string | undefined,
): Promise<number> {
	if (renderOnly !== undefined) {
		const saved = JSON.parse(readFileSync(resolve(renderOnly), 'utf8')) as SweepRecord;
		writeSweepSection(saved, resolve(markdown ?? join(REPO_ROOT, 'BENCHMARKS.md')));
		return 0;
	}
	const tarball = packTarball(REPO_ROOT);
	const session = await BenchSession.start({
		tarball: tarball.path,
		packageName: JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).name as string,
		catalogue: catalogueWith(buildSheet(420).notes),
		keys: sweepKeys(),
		latencyMs,
	});
	const started = Date.now();
	let result;
	try {
		result = await runSweep(session, {
			latencyMs,
			log,
			maxFloorMs: maxFloorS === undefined ? undefined : Number(maxFloorS) * 1_000,
			contenders: which === undefined ? undefined : which.split(',').map(Number),
			planIndexes: plans === undefined ? undefined : plans.split(',').map(Number),
			limiters: limiters === undefined ? undefined : (limiters.split(',') as LimiterKind[]),
			sizes: sizes === undefined ? undefined : sizes.split(',').map(Number),
		});
	} finally {
		await session.close();
	}
	const jsonPath = resolve(json ?? join(REPO_ROOT, 'scripts', 'bench', 'sweep.json'));
	const record: SweepRecord = { measured: new Date().toISOString(), runMs: Date.now() - started, latencyMs, commit: gitCommit(REPO_ROOT) ?? undefined, ...result };
	writeFileSync(jsonPath, `${JSON.stringify(record, null, '\t')}\n`);
	log(`results: ${jsonPath}`);
	process.stdout.write(`${sweepTable(result.cells)}\n`);
	if (markdown !== undefined) writeSweepSection(record, resolve(markdown));
	return 0;
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			json: { type: 'string' },
			markdown: { type: 'string' },
			rows: { type: 'string' },
			// 600 a minute, enforced over 5 s rather than 60 s so the limit binds within a few hundred rows;
			// not 1 s: network jitter does not shrink with the window, and no real plan has one that short.
			limit: { type: 'string', default: '50' },
			'window-ms': { type: 'string', default: '5000' },
			'latency-ms': { type: 'string', default: '250' },
			'render-only': { type: 'string' },
			only: { type: 'string' },
			'sandbox-log': { type: 'string' },
			'max-floor-s': { type: 'string' },
			'sweep-contenders': { type: 'string' },
			'sweep-plans': { type: 'string' },
			'sweep-limiters': { type: 'string' },
			'sweep-sizes': { type: 'string' },
		},
	});
	if (values['render-only'] && values.only !== 'sweep') {
		// Re-renders the report from a saved run (after a change to the wording), numbers untouched.
		const saved = JSON.parse(readFileSync(resolve(values['render-only']), 'utf8')) as BenchResults;
		const setup = saved.pacing?.setup;
		writeMarkdown(saved, values.markdown ? resolve(values.markdown) : join(REPO_ROOT, 'BENCHMARKS.md'), setup ? setup.requestsPerMinute : 600);
		return 0;
	}
	const mode = values.quick ? 'quick' : 'full';
	const preset = PRESETS[mode];
	if (values.only !== undefined) {
		if (values.only === 'budget') return await budgetOnly(values.json, values.markdown);
		if (values.only === 'queue') return await queueOnly(mode, values.json, values.markdown);
		if (values.only === 'sweep') {
			return await sweepOnly(values.json, values.markdown, values['render-only'], Number(values['latency-ms']), values['max-floor-s'], values['sweep-contenders'], values['sweep-plans'], values['sweep-limiters'], values['sweep-sizes']);
		}
		if (values.only !== 'trigger') throw new Error(`--only takes "trigger", "budget", "queue" or "sweep", not "${values.only}"`);
		return await triggerOnly(preset, values.rows ? Number(values.rows) : preset.rows, values.json);
	}
	const jsonPath = resolve(values.json ?? (values.quick ? join(mkdtempSync(join(tmpdir(), 'xhs-bench-')), 'results.json') : join(REPO_ROOT, 'scripts', 'bench', 'results.json')));
	const markdownPath = values.markdown ? resolve(values.markdown) : values.quick ? null : join(REPO_ROOT, 'BENCHMARKS.md');
	const pacingConfig: PacingConfig = {
		limitPerWindow: Number(values.limit),
		windowMs: Number(values['window-ms']),
		latencyMs: Number(values['latency-ms']),
	};
	const rows = values.rows ? Number(values.rows) : preset.rows;
	for (const [name, n] of Object.entries({ rows, ...pacingConfig })) {
		if (!Number.isFinite(n) || n < 0 || (name !== 'latencyMs' && n < 1)) throw new Error(`--${name} must be a positive number`);
	}
	for (const entry of ['dist/nodes/Xiaohongshu/Xiaohongshu.node.js', 'dist/credentials/ParseXhsApi.credentials.js']) {
		if (!existsSync(join(REPO_ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first`);
	}

	const command = `node build/scripts/bench/cli.js${values.quick ? ' --quick' : ''}`;
	const machine = describeMachine(REPO_ROOT, mode, command);
	const errors: BenchResults['errors'] = [];
	const section = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
		const t0 = Date.now();
		try {
			const result = await fn();
			log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			return result;
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			log(`${name}: FAILED ${message}`);
			errors.push({ section: name, message });
			return null;
		}
	};

	const sheet = buildSheet(rows);
	const catalogue = catalogueWith(sheet.notes);
	const profile = getProfile('v2');

	// Footprint first: its tarball is the one installed into n8n below.
	const tarball = packTarball(REPO_ROOT);
	const footprint: FootprintResult = {
		tarballBytes: tarball.bytes,
		tarballFiles: tarball.files,
		unpackedBytes: tarball.unpackedBytes,
		runtimeDependencies: runtimeDependencies(REPO_ROOT),
		coldLoad: [],
	};
	await section('cold load', async () => {
		footprint.coldLoad.push(measureColdLoad(REPO_ROOT, process.execPath, preset.coldLoadRepeats));
		await ensureNode(profile.nodeVersion);
		footprint.coldLoad.push(measureColdLoad(REPO_ROOT, nodeBinary(profile.nodeVersion), preset.coldLoadRepeats));
	});

	const overhead = (await section('overhead', () =>
		runOverhead({
			repoRoot: REPO_ROOT,
			rows: sheet.rows,
			iterations: preset.overheadIterations,
			rounds: preset.overheadRounds,
			rttSamples: preset.rttSamples,
			injectedLatencyMs: pacingConfig.latencyMs,
		}),
	)) as OverheadResult;
	if (!overhead) throw new Error('The overhead section failed; nothing to report');

	let pacing: PacingResult | null = null;
	let credits: CreditsResult | null = null;
	await section('n8n', async () => {
		log(`starting n8n ${profile.n8nVersion} with ${relative(REPO_ROOT, tarball.path) || tarball.path} installed…`);
		const session = await BenchSession.start({
			tarball: tarball.path,
			packageName: JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).name as string,
			catalogue,
			keys: { ...pacingKeys(pacingConfig), ...creditKeys() },
			latencyMs: pacingConfig.latencyMs,
		});
		machine.n8n = session.n8nVersion;
		machine.n8nNode = profile.nodeVersion;
		try {
			credits = await section('credits', () => runCredits(session, sheet, log));
			pacing = await section('pacing', () => runPacing(session, sheet, pacingConfig, log));
		} finally {
			// What the sandbox itself counted, for checking the reported figures against (the smoke test does).
			if (values['sandbox-log']) {
				const { byKey, calls } = session.sandbox.stats();
				const record = { byKey, calls: calls.map(({ key, status, endpoint, noteId }) => ({ key, status, endpoint, noteId })) };
				writeFileSync(resolve(values['sandbox-log']), `${JSON.stringify(record)}\n`);
			}
			await session.close();
		}
	});
	if (credits) credits = withSheetTotals(credits, pacing);

	const trigger: TriggerResult = (await section('trigger', () =>
		runTrigger({
			repoRoot: REPO_ROOT,
			catalogue,
			notes: sheet.notes,
			callsPolls: preset.triggerCallsPolls,
			stateEntries: preset.triggerEntries,
			statePolls: preset.triggerPolls,
			log,
		}),
	)) ?? { available: false, reason: 'the trigger section failed (see Errors)' };

	const queue: QueueBenchResult =
		mode === 'full'
			? ((await section('queue', () =>
					runQueueBench({ tarball: tarball.path, packageName: JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).name as string, config: QUEUE_PRESETS.full, log }),
				)) ?? { available: false, reason: 'the queue section failed (see Errors)' })
			: { available: false, reason: 'left out of quick runs (`--only queue` measures it alone)' };

	const partial = { machine, pacing, credits, overhead, footprint, trigger, queue, errors };
	const results: BenchResults = { ...partial, targets: checkTargets(partial) };
	mkdirSync(dirname(jsonPath), { recursive: true });
	writeFileSync(jsonPath, `${JSON.stringify(results, null, '\t')}\n`);
	log(`results: ${jsonPath}`);
	if (markdownPath) writeMarkdown(results, markdownPath, requestsPerMinuteOf(pacingConfig));
	for (const t of results.targets) log(`${t.met === null ? '—' : t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
	return errors.length ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
