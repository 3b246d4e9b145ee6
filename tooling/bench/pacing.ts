/**
 * Section 1, pacing: the whole sheet through each contender at one plan's rate limit, each
 * on its own API key so neither the sandbox's window nor the node's schedule carries over.
 */
import type { PlanSpec } from '../sandbox';
import type { Sheet } from './dataset';
import { isErrorItem, type BenchSession } from './n8n-session';
import type { PacingResult, PacingSetup, PacingVariantResult } from './results';
import { httpWorkflow, nodeWorkflow, type Variant } from './workflows';

export interface PacingConfig {
	limitPerWindow: number;
	windowMs: number;
	latencyMs: number;
}

export interface KeyedVariant {
	variant: Variant;
	apiKey: string;
}

export function requestsPerMinuteOf(config: PacingConfig): number {
	return (config.limitPerWindow * 60_000) / config.windowMs;
}

/**
 * The contenders. Batching per n8n's advice: Items per Batch and Batch Interval matching
 * the limit, once as the window's allowance at once (10 per second) and once spread
 * evenly (1 per tenth of a second).
 */
export function pacingVariants(config: PacingConfig): KeyedVariant[] {
	const perCall = Math.round(config.windowMs / config.limitPerWindow);
	const variants: Variant[] = [
		{ kind: 'node', label: 'Xiaohongshu node' },
		{ kind: 'http', label: 'HTTP Request, batching per window', batching: { itemsPerBatch: config.limitPerWindow, intervalMs: config.windowMs } },
		{ kind: 'http', label: 'HTTP Request, batching per call', batching: { itemsPerBatch: 1, intervalMs: perCall } },
		{ kind: 'http', label: 'HTTP Request, defaults', batching: null },
	];
	return variants.map((variant, i) => ({ variant, apiKey: `bench-pacing-${i}-${variant.kind}` }));
}

export function pacingKeys(config: PacingConfig): Record<string, PlanSpec> {
	return Object.fromEntries(
		pacingVariants(config).map(({ apiKey }) => [
			apiKey,
			{ plan: 'custom', requestsPerMinute: config.limitPerWindow, windowMs: config.windowMs, credits: 1_000_000 },
		]),
	);
}

function describeSettings(variant: Variant): string {
	if (variant.kind === 'node') return 'Note → Get, credential plan Custom at the plan rate, Rate Limit Window = the sandbox window';
	if (!variant.batching) return 'no batching (all items at once), no retry';
	return `Batching: ${variant.batching.itemsPerBatch} item(s) per batch, ${variant.batching.intervalMs} ms interval; no retry`;
}

export async function runPacing(session: BenchSession, sheet: Sheet, config: PacingConfig, log: (line: string) => void): Promise<PacingResult> {
	const requestsPerMinute = requestsPerMinuteOf(config);
	const setup: PacingSetup = {
		rows: sheet.rows.length,
		uniqueValid: sheet.uniqueValid,
		duplicates: sheet.duplicates,
		invalid: sheet.invalid,
		limitPerWindow: config.limitPerWindow,
		windowMs: config.windowMs,
		requestsPerMinute,
		latencyMs: config.latencyMs,
		// The sliding window's floor: every distinct note through it at the earliest, plus one answer.
		idealMs: (Math.ceil(sheet.uniqueValid / config.limitPerWindow) - 1) * config.windowMs + config.latencyMs,
	};
	// Generous but bounded: the slowest contender makes a call per row at the plan rate.
	const timeoutMs = 3 * ((sheet.rows.length * 60_000) / requestsPerMinute) + 120_000;
	const variants: PacingVariantResult[] = [];
	for (const { variant, apiKey } of pacingVariants(config)) {
		const workflow =
			variant.kind === 'node'
				? nodeWorkflow(session.packageName, sheet.rows, await session.parseBotCredential(apiKey, requestsPerMinute, config.windowMs / 1_000))
				: httpWorkflow(sheet.rows, session.noteEndpoint, await session.headerAuthCredential(apiKey), variant.batching);
		log(`pacing: ${variant.label} (${sheet.rows.length} rows)…`);
		const run = await session.run(workflow, timeoutMs);
		const stats = session.sandbox.stats();
		const keyStats = stats.byKey[apiKey] ?? { calls: 0, creditsSpent: 0, status429: 0, byStatus: {} };
		const arrivals = stats.calls.filter((c) => c.key === apiKey).map((c) => c.at);
		const failed = run.items.filter(isErrorItem).length;
		const result: PacingVariantResult = {
			label: variant.label,
			kind: variant.kind,
			settings: describeSettings(variant),
			apiKey,
			executionStatus: run.status,
			wallMs: run.nodeMs,
			ratioToIdeal: run.nodeMs / setup.idealMs,
			callSpanMs: arrivals.length > 1 ? Math.max(...arrivals) - Math.min(...arrivals) : 0,
			calls: keyStats.calls,
			status429: keyStats.status429,
			creditsSpent: keyStats.creditsSpent,
			byStatus: keyStats.byStatus,
			itemsIn: sheet.rows.length,
			itemsOut: run.items.length,
			itemsFailed: failed,
			itemsFailedBeyondInvalid: failed - sheet.invalid,
		};
		log(
			`pacing: ${variant.label}: ${(result.wallMs / 1000).toFixed(1)} s (${result.ratioToIdeal.toFixed(3)}× ideal), ` +
				`${result.calls} calls, ${result.status429} × 429, ${result.itemsFailed} failed, ${result.creditsSpent} credits`,
		);
		variants.push(result);
		// Let the sandbox's window empty so the next contender starts from the same place.
		await new Promise((resolve) => setTimeout(resolve, config.windowMs));
	}
	return { setup, variants };
}
