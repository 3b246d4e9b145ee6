/**
 * The pacing sweep (issue 22): sheets of 1 to 300 distinct notes through the node and the HTTP
 * Request node, on three plans, against each limiter the sandbox plays, in one n8n.
 *
 * Each cell's wall time (n8n's own timing of the node) is compared with that limiter's FLOOR:
 * the earliest time at which it lets N calls through, plus one answer:
 * - sliding window (L calls per window W): ⌈N/L⌉ − 1 windows, plus one answer;
 * - fixed window: the same from a window's start (each cell's first call lands just after a
 *   boundary; the floor subtracts how far into its window it arrived);
 * - token bucket of one: (N − 1) × W/L, plus one answer.
 *
 * Windows are compressed: a plan's minute becomes `windowMs` of real time at the same number of
 * calls (the node's credential is a Custom plan naming that window; the HTTP Request node's
 * batching uses it too). Every cell has a key of its own; the node's key is first called once with
 * two notes (the probe: what any n8n process that has run the node before already knows), then
 * left until its window has emptied.
 */
import type { LimiterKind, PlanSpec } from '../sandbox';
import { buildSheet, type Sheet } from './dataset';
import { isErrorItem, type BenchSession } from './n8n-session';
import { httpWorkflow, nodeWorkflow, type Variant } from './workflows';

export interface SweepPlan {
	label: string;
	/** Calls allowed per window (the plan's requests per minute). */
	limit: number;
	/** The compressed window, real ms (a whole number of seconds). */
	windowMs: number;
}

export const SWEEP_PLANS: SweepPlan[] = [
	{ label: 'Free (5 per minute; minute → 5 s)', limit: 5, windowMs: 5_000 },
	{ label: 'Hobby (20 per minute; minute → 5 s)', limit: 20, windowMs: 5_000 },
	{ label: 'Custom 600 per minute (minute → 5 s: 50 per 5 s)', limit: 50, windowMs: 5_000 },
];

export const SWEEP_SIZES = [1, 5, 20, 60, 300];
export const SWEEP_LIMITERS: LimiterKind[] = ['sliding', 'fixed', 'tokenBucket'];

export interface SweepCell {
	plan: string;
	limiter: LimiterKind;
	notes: number;
	contender: string;
	wallMs: number;
	floorMs: number;
	ratio: number;
	calls: number;
	status429: number;
	failedItems: number;
	executionStatus: string;
}

function contenders(plan: SweepPlan): Variant[] {
	return [
		{ kind: 'node', label: 'Xiaohongshu node' },
		{ kind: 'http', label: 'HTTP Request, defaults', batching: null },
		{ kind: 'http', label: 'HTTP Request, batching per window', batching: { itemsPerBatch: plan.limit, intervalMs: plan.windowMs } },
		{ kind: 'http', label: 'HTTP Request, batching per call', batching: { itemsPerBatch: 1, intervalMs: Math.round(plan.windowMs / plan.limit) } },
	];
}

const keyOf = (plan: number, limiter: LimiterKind, notes: number, contender: number) => `sweep-${plan}-${limiter}-${notes}-${contender}`;

export function sweepKeys(plans = SWEEP_PLANS, sizes = SWEEP_SIZES, limiters = SWEEP_LIMITERS): Record<string, PlanSpec> {
	const keys: Record<string, PlanSpec> = {};
	plans.forEach((plan, p) => {
		for (const limiter of limiters) {
			for (const notes of sizes) {
				contenders(plan).forEach((_, c) => {
					keys[keyOf(p, limiter, notes, c)] = { plan: 'custom', limiter, requestsPerMinute: plan.limit, windowMs: plan.windowMs, credits: 1_000_000 };
				});
			}
		}
	});
	return keys;
}

/** A sheet of `count` distinct notes, each once, every link good. */
export function distinctSheet(count: number): Sheet {
	const sheet = buildSheet(Math.ceil(count * 1.3) + 10);
	const rows = sheet.rows.filter((_, i) => sheet.kinds[i] === 'unique').slice(0, count);
	if (rows.length < count) throw new Error(`only ${rows.length} distinct notes for ${count}`);
	return { ...sheet, rows, kinds: rows.map(() => 'unique'), uniqueValid: count, duplicates: 0, invalid: 0 };
}

export function floorMs(limiter: LimiterKind, plan: SweepPlan, notes: number, answerMs: number, phaseMs = 0): number {
	if (limiter === 'tokenBucket') return ((notes - 1) * plan.windowMs) / plan.limit + answerMs;
	const waits = Math.ceil(notes / plan.limit) - 1;
	if (waits === 0) return answerMs;
	return waits * plan.windowMs - (limiter === 'fixed' ? phaseMs : 0) + answerMs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SweepOptions {
	plans?: SweepPlan[];
	sizes?: number[];
	limiters?: LimiterKind[];
	/** Which plans (indexes into SWEEP_PLANS); all when left out. */
	planIndexes?: number[];
	/** Which contenders (indexes into node, defaults, per window, per call); all when left out. */
	contenders?: number[];
	/** Cells whose floor is longer than this are left out (reported as such). */
	maxFloorMs?: number;
	latencyMs: number;
	log: (line: string) => void;
}

export async function runSweep(session: BenchSession, options: SweepOptions): Promise<{ cells: SweepCell[]; skipped: string[] }> {
	const plans = options.plans ?? SWEEP_PLANS;
	const sizes = options.sizes ?? SWEEP_SIZES;
	const limiters = options.limiters ?? SWEEP_LIMITERS;
	const cells: SweepCell[] = [];
	const skipped: string[] = [];
	const sheets = new Map(sizes.map((n) => [n, distinctSheet(n)]));
	const warmup = distinctSheet(2);
	/** Per contender, how long n8n took from starting a run to its first call (what a fixed-window cell starts early by). */
	const leadMs = new Map<number, number>();
	for (const [p, plan] of plans.entries()) {
		if (options.planIndexes && !options.planIndexes.includes(p)) continue;
		for (const limiter of limiters) {
			for (const notes of sizes) {
				const floorGuess = floorMs(limiter, plan, notes, options.latencyMs);
				for (const [c, variant] of contenders(plan).entries()) {
					if (options.contenders && !options.contenders.includes(c)) continue;
					const label = `${plan.label} / ${limiter} / ${notes} / ${variant.label}`;
					if (options.maxFloorMs !== undefined && floorGuess > options.maxFloorMs) {
						skipped.push(label);
						continue;
					}
					const apiKey = keyOf(p, limiter, notes, c);
					const sheet = sheets.get(notes)!;
					const requestsPerMinute = (plan.limit * 60_000) / plan.windowMs;
					const credential =
						variant.kind === 'node'
							? await session.parseBotCredential(apiKey, requestsPerMinute, plan.windowMs / 1_000)
							: await session.headerAuthCredential(apiKey);
					const workflowFor = (rows: typeof sheet.rows) =>
						variant.kind === 'node'
							? nodeWorkflow(session.packageName, rows, credential)
							: httpWorkflow(rows, session.noteEndpoint, credential, variant.batching);
					const keyCalls = () => session.sandbox.stats().calls.filter((call) => call.key === apiKey);
					if (variant.kind === 'node') {
						const warmupAt = Date.now();
						const warmupFrom = keyCalls().length;
						await session.run(workflowFor(warmup.rows), 120_000);
						const first = keyCalls()[warmupFrom];
						if (first) leadMs.set(c, Math.min(leadMs.get(c) ?? Number.POSITIVE_INFINITY, first.at - warmupAt));
						await sleep(plan.windowMs * 1.1 + 200);
					}
					const before = keyCalls().length;
					if (limiter === 'fixed') {
						// The first call lands just after a window boundary (the sandbox counts windows from
						// the epoch): the run starts as long before it as n8n took at least to a first call so far.
						const lead = Math.min(leadMs.get(c) ?? 0, plan.windowMs / 2);
						const into = (Date.now() + lead) % plan.windowMs;
						await sleep(plan.windowMs - into + 50);
					}
					const runAt = Date.now();
					const run = await session.run(workflowFor(sheet.rows), 3 * floorGuess + 120_000);
					const calls = keyCalls().slice(before);
					if (calls.length > 0) leadMs.set(c, Math.min(leadMs.get(c) ?? Number.POSITIVE_INFINITY, calls[0].at - runAt));
					const phase = calls.length > 0 ? calls[0].at % plan.windowMs : 0;
					const floor = floorMs(limiter, plan, notes, options.latencyMs, phase);
					const cell: SweepCell = {
						plan: plan.label,
						limiter,
						notes,
						contender: variant.label,
						wallMs: run.nodeMs,
						floorMs: floor,
						ratio: run.nodeMs / floor,
						calls: calls.length,
						status429: calls.filter((call) => call.status === 429).length,
						failedItems: run.items.filter(isErrorItem).length,
						executionStatus: run.status,
					};
					cells.push(cell);
					options.log(
						`sweep: ${label}: ${(cell.wallMs / 1000).toFixed(2)} s vs floor ${(floor / 1000).toFixed(2)} s = ${cell.ratio.toFixed(3)}×, ` +
							`${cell.calls} calls, ${cell.status429} × 429, ${cell.failedItems} failed` +
							(cell.status429 > 0 ? ` (429s at ${calls.filter((call) => call.status === 429).map((call) => call.at - calls[0].at).join(', ')} ms)` : ''),
					);
				}
			}
		}
	}
	return { cells, skipped };
}

export interface SweepRecord {
	measured: string;
	runMs: number;
	latencyMs: number;
	cells: SweepCell[];
	skipped: string[];
	/** The commit measured, when known. */
	commit?: string;
	/** How the record was put together, when it merges runs. */
	note?: string;
}

const NODE = 'Xiaohongshu node';

/** Whether the node met the issue's targets in the cells measured, per limiter. */
export function sweepTargets(cells: SweepCell[]): Array<{ limiter: LimiterKind; target: string; worstRatio: number; max429: number; failed: number; met: boolean }> {
	return SWEEP_LIMITERS.map((limiter) => {
		const mine = cells.filter((c) => c.contender === NODE && c.limiter === limiter);
		const worstRatio = Math.max(...mine.map((c) => c.ratio));
		const max429 = Math.max(...mine.map((c) => c.status429));
		const failed = mine.reduce((sum, c) => sum + c.failedItems, 0);
		const strict = limiter === 'tokenBucket';
		const target = strict ? 'at most one 429 per run, within 1.10× of the floor' : 'within 1.05× of the floor, 0 × 429';
		const met = strict ? max429 <= 1 && worstRatio <= 1.1 && failed === 0 : max429 === 0 && worstRatio <= 1.05 && failed === 0;
		return { limiter, target, worstRatio, max429, failed, met };
	});
}

/**
 * Cells within one window (every limiter lets the sheet through at once, the floor is one
 * answer): the node's wall time over the HTTP Request node's at its defaults on the same sheet,
 * where both ran with no failed item. n8n's own time for a node is most of what is over the floor there.
 */
export function withinWindowVsHttp(cells: SweepCell[]): { cells: number; lowest: number; highest: number } | null {
	const ratios: number[] = [];
	for (const node of cells.filter((c) => c.contender === NODE && c.limiter !== 'tokenBucket' && c.notes > 1)) {
		const plan = SWEEP_PLANS.find((p) => p.label === node.plan);
		if (!plan || node.notes > plan.limit) continue;
		const plain = cells.find((c) => c.contender === 'HTTP Request, defaults' && c.plan === node.plan && c.limiter === node.limiter && c.notes === node.notes);
		if (!plain || plain.failedItems > 0 || node.failedItems > 0) continue;
		ratios.push(node.wallMs / plain.wallMs);
	}
	return ratios.length === 0 ? null : { cells: ratios.length, lowest: Math.min(...ratios), highest: Math.max(...ratios) };
}

export function sweepTable(cells: SweepCell[]): string {
	const lines = [
		'| Plan | Limiter | Notes | Contender | Wall time | Floor | ÷ floor | Calls | 429s | Failed items |',
		'|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const c of cells) {
		const name = c.contender === NODE ? `**${c.contender}**` : c.contender;
		lines.push(
			`| ${c.plan} | ${c.limiter} | ${c.notes} | ${name} | ${(c.wallMs / 1000).toFixed(2)} s | ${(c.floorMs / 1000).toFixed(2)} s | ${c.ratio.toFixed(3)}× | ${c.calls} | ${c.status429} | ${c.failedItems} |`,
		);
	}
	return lines.join('\n');
}

function withinWindowLine(cells: SweepCell[]): string[] {
	const w = withinWindowVsHttp(cells);
	if (w === null) return [];
	return [
		`**Sheets within one window** (sliding and fixed, 5 and 20 notes: the floor is one answer): the node took ${w.lowest.toFixed(2)}–${w.highest.toFixed(2)}× the HTTP Request node's time at its defaults on the same sheet (${w.cells} cells), which sends every row at once; what is over the floor there is n8n's own time for a node's items, which no pacing removes.`,
		'',
	];
}

export function sweepSection(record: SweepRecord): string {
	const targets = sweepTargets(record.cells);
	const lines = [
		'## 1b. Pacing sweep: each limiter\'s floor',
		'',
		`\`node build/scripts/bench/cli.js --only sweep --max-floor-s 30 --markdown BENCHMARKS.md\` (measured ${record.measured}${record.commit ? ` at ${record.commit}` : ''}, ${(record.runMs / 60_000).toFixed(1)} minutes, one n8n 2.40.7 on this machine). Sheets of distinct notes (every link good, each once) through the Xiaohongshu node and the HTTP Request node (at its defaults; batching per window: the window's calls per batch, one window apart; batching per call: one call per batch, window ÷ limit apart), against the sandbox playing each limiter kind (\`tooling/sandbox/README.md\`, *Limiter kinds*), ${record.latencyMs} ms added to every answer. Every cell has a key of its own.`,
		'',
		...(record.note ? [record.note, ''] : []),
		'**Windows compressed:** a plan\'s minute is played as 5 s of real time with the same number of calls: Free = 5 calls per 5 s, Hobby = 20 per 5 s, Custom 600/min = 50 per 5 s. The node\'s credential is a Custom plan at the same rate naming that window (Rate Limit Window 5 s), so its margin (1 s per minute) shrinks to 83 ms per window; a real minute keeps the full second. Multiply a wave\'s wait by 12 for the real plan; the answer time does not scale.',
		'',
		'**Floor** = the earliest time that limiter lets N calls through, plus one answer (the added latency): sliding window, ⌈N/L⌉ − 1 windows; fixed window, the same counted from the window the first call arrived in (each fixed-window cell starts just after a window boundary; the floor subtracts how far into its window the first call landed); token bucket of one, (N − 1) × window ÷ L. Wall time is n8n\'s own timing of the node (`executionTime`), so it includes n8n\'s own work for the node (visible in the one-note cells, where every contender needs one answer).',
		'',
		'**The node\'s key was called once before each cell** (two notes: the probe for bursts, which any n8n process that has run the node on the key before has already made), then left until its window had emptied: the cells measure a process that knows its key. On a process\'s first contact with a key, the first wave waits one answer more (the probe\'s).',
		'',
		'| Limiter | Target for the node | Worst wall time ÷ floor | Most 429s in a run | Failed items | |',
		'|---|---|---|---|---|---|',
		...targets.map((t) => `| ${t.limiter} | ${t.target} | ${t.worstRatio.toFixed(3)}× | ${t.max429} | ${t.failed} | ${t.met ? '✅ met' : '❌ missed'} |`),
		'',
		...withinWindowLine(record.cells),
		sweepTable(record.cells),
	];
	if (record.skipped.length > 0) lines.push('', `Not measured (floor over 30 s: the run would take over an hour with them): ${record.skipped.length} cells — ${[...new Set(record.skipped.map((s) => s.split(' / ').slice(0, 3).join(' / ')))].join('; ')}.`);
	return lines.join('\n');
}
