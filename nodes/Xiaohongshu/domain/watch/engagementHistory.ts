/**
 * A short, thinned-out memory of past counts per watched entry: what "this entry's own
 * recent average growth" is measured against when deciding whether a jump is a spike.
 *
 * It is bounded three ways (point count, spacing, age) so that static data stays small
 * however long a workflow runs and however often it polls.
 */
import type { Metric } from './engagementMetrics';
import { HOUR_MS, MINUTE_MS } from '../units';

export interface HistoryPoint {
	/** Epoch ms of the poll that observed these counts. */
	at: number;
	/** Best estimates of the counts then; hidden counts are left out. */
	values: Partial<Record<Metric, number>>;
}

export interface HistoryLimits {
	/** Most points kept. */
	maxPoints: number;
	/** A point is added only this long after the previous one, so fast polling still covers hours. */
	minSpacingMs: number;
	/** Points older than this (relative to the newest observation) are dropped. */
	maxAgeMs: number;
}


/** 36 points at least 10 minutes apart cover 6 hours at minute polling, 36 hours at hourly polling. */
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
	maxPoints: 36,
	minSpacingMs: 10 * MINUTE_MS,
	maxAgeMs: 3 * 24 * HOUR_MS,
};

/** The history with `point` added if it is due, trimmed to the limits. Never mutates its input. */
export function appendHistory(
	history: readonly HistoryPoint[],
	point: HistoryPoint,
	limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
): HistoryPoint[] {
	const newest = history[history.length - 1];
	// A clock that went backwards (a restored server, a reset sandbox) restarts the memory:
	// rates across it would be meaningless.
	if (newest !== undefined && point.at < newest.at) return [point];
	const due = newest === undefined || point.at - newest.at >= limits.minSpacingMs;
	const next = due ? [...history, point] : [...history];
	const oldestKept = point.at - limits.maxAgeMs;
	const fresh = next.filter((p) => p.at >= oldestKept);
	return fresh.slice(Math.max(0, fresh.length - limits.maxPoints));
}

export interface AverageGrowth {
	/** Estimated growth per hour from the oldest remembered point to `until`. */
	perHour: number;
	/** Hours that average spans. */
	spanHours: number;
}

/**
 * The entry's average growth per hour for `metric`, from the oldest remembered point that
 * has the metric up to `until` (the previous observation). Null when no point is older
 * than `until`.
 */
export function averageGrowthPerHour(
	history: readonly HistoryPoint[],
	metric: Metric,
	until: { at: number; value: number },
): AverageGrowth | null {
	const oldest = history.find((p) => p.at < until.at && p.values[metric] !== undefined);
	if (oldest === undefined) return null;
	const spanHours = (until.at - oldest.at) / HOUR_MS;
	const start = oldest.values[metric] as number;
	return { perHour: (until.value - start) / spanHours, spanHours };
}

export function hoursBetween(fromMs: number, toMs: number): number {
	return (toMs - fromMs) / HOUR_MS;
}
