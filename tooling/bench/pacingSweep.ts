/**
 * The pacing sweep (issue 22): sheets of 1 to 300 distinct notes through the node and the HTTP
 * Request node, on three plans, against each limiter the sandbox plays, in one n8n.
 *
 * Each cell's wall time (n8n's own timing of the node) is compared with that limiter's FLOOR:
 * the earliest time at which it lets N calls through, plus one answer:
 * - sliding window (L calls per window W): ⌈N/L⌉ − 1 windows, plus one answer;
 * - fixed window: the same from a window's start (each cell starts just after a boundary; the
 *   floor subtracts how far into its window the first call arrived);
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
	for (const [p, plan] of plans.entries()) {
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
					if (variant.kind === 'node') {
						await session.run(workflowFor(warmup.rows), 120_000);
						await sleep(plan.windowMs * 1.1 + 200);
					}
					const before = session.sandbox.stats().calls.filter((call) => call.key === apiKey).length;
					if (limiter === 'fixed') {
						// Start just after a window boundary (the sandbox counts windows from the epoch).
						const into = Date.now() % plan.windowMs;
						await sleep(plan.windowMs - into + 20);
					}
					const run = await session.run(workflowFor(sheet.rows), 3 * floorGuess + 120_000);
					const calls = session.sandbox.stats().calls.filter((call) => call.key === apiKey).slice(before);
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
							`${cell.calls} calls, ${cell.status429} × 429, ${cell.failedItems} failed`,
					);
				}
			}
		}
	}
	return { cells, skipped };
}
