/**
 * One watched entry to its stored form (watchStateFormat.ts) and back. Decoding gives back
 * exactly what was encoded; an entry out of shape decodes to null and starts over. Every
 * value that leaves the decoder is in range: times within the plausible window
 * (plausibleTime.ts), history values not negative, failure streaks non-negative integers; a part out of
 * range (a baseline, the history, the failure memo) is forgotten, the rest of the entry kept.
 */
import { emptyEntryState } from './engagementTypes';
import type { EntryState, RuleKind, StoredCount } from './engagementTypes';
import type { HistoryPoint } from './engagementHistory';
import type { Metric } from './engagementMetrics';
import { isRecord } from '../guards';
import { isPlausibleTime, plausibleWindow } from './plausibleTime';
import type { TimeWindow } from './plausibleTime';
import type { FailureMemo, WatchedEntry } from './watchState';
import {
	ALL_METRICS,
	isFiniteNumber,
	METRIC_BY_CODE,
	METRIC_CODES,
	RULE_BY_CODE,
	RULE_CODES,
	SECOND_MS,
	toSeconds,
} from './watchStateFormat';
import type { StoredBaseline, StoredEntry, StoredValue } from './watchStateFormat';

function withoutTrailingNulls<T>(values: Array<T | null>): Array<T | null> {
	let end = values.length;
	while (end > 0 && values[end - 1] === null) end--;
	return values.slice(0, end);
}

function entryMetrics(entry: EntryState): Metric[] {
	const seen = new Set<string>();
	if (entry.last) for (const m of Object.keys(entry.last.counts)) seen.add(m);
	for (const perMetric of Object.values(entry.baselines)) for (const m of Object.keys(perMetric ?? {})) seen.add(m);
	for (const point of entry.history) for (const m of Object.keys(point.values)) seen.add(m);
	return ALL_METRICS.filter((m) => seen.has(m));
}

/** A value as a difference from the metric's previous value, when integers make that exact. */
function historyValue(value: number | undefined, previous: number): StoredValue {
	if (value === undefined) return null;
	const delta = value - previous;
	if (Number.isSafeInteger(value) && Number.isSafeInteger(previous) && Number.isSafeInteger(delta)) return delta;
	return String(value);
}

export function encodeEntry(entry: WatchedEntry): StoredEntry {
	const out: StoredEntry = {};
	const last = entry.last;
	// Without a previous observation the engine starts the entry over, so nothing else counts.
	if (last) {
		const metrics = entryMetrics(entry);
		const t = toSeconds(last.at);
		out.t = t;
		out.m = metrics.map((m) => METRIC_CODES[m]).join('');
		const shownNow = withoutTrailingNulls(metrics.map((m) => last.counts[m] ?? null));
		if (shownNow.length > 0) out.c = shownNow;

		const baselines: Record<string, Array<StoredBaseline | null>> = {};
		for (const kind of Object.keys(RULE_CODES) as RuleKind[]) {
			const perMetric = entry.baselines[kind];
			if (perMetric === undefined) continue;
			const row = withoutTrailingNulls(
				metrics.map((m): StoredBaseline | null => {
					const stored = perMetric[m];
					if (stored === undefined) return null;
					const offset = toSeconds(stored.at) - t;
					return stored.shown === last.counts[m] ? offset : [offset, stored.shown];
				}),
			);
			if (row.length > 0) baselines[RULE_CODES[kind]] = row;
		}
		if (Object.keys(baselines).length > 0) out.b = baselines;

		if (entry.history.length > 0) {
			let time = t;
			const previous = metrics.map(() => 0);
			out.h = entry.history.map((point) => {
				const seconds = toSeconds(point.at);
				const row: StoredValue[] = [seconds - time];
				time = seconds;
				metrics.forEach((m, i) => {
					const value = point.values[m];
					row.push(historyValue(value, previous[i]));
					if (value !== undefined) previous[i] = value;
				});
				return withoutTrailingNulls(row);
			});
		}
	}
	if (entry.failure) {
		const { fingerprint, consecutive, reported, at } = entry.failure;
		out.f = at === undefined ? [fingerprint, consecutive, reported ? 1 : 0] : [fingerprint, consecutive, reported ? 1 : 0, toSeconds(at)];
	}
	return out;
}

/** Decoding stops at the first thing out of shape; the caller drops the entry. */
function check(condition: unknown): asserts condition {
	if (!condition) throw new Error('unreadable watch entry');
}

/**
 * A failure memo out of range (a negative or fractional streak would never reach the report
 * threshold) is forgotten: the failure is then counted afresh and reported as a new one.
 */
function decodeFailure(raw: unknown, window: TimeWindow): FailureMemo | undefined {
	if (raw === undefined) return undefined;
	check(Array.isArray(raw) && typeof raw[0] === 'string' && isFiniteNumber(raw[1]));
	if (!isStreak(raw[1])) return undefined;
	const memo: FailureMemo = { fingerprint: raw[0], consecutive: raw[1], reported: raw[2] === 1 };
	// Without a believable time the entry is simply due: lastFetchOf falls back to its observation.
	if (isFiniteNumber(raw[3]) && isPlausibleTime(raw[3] * SECOND_MS, window)) memo.at = raw[3] * SECOND_MS;
	return memo;
}

/** What a failure streak must be: a non-negative safe integer. */
function isStreak(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** The history as stored, or null when any point is out of range (then the history starts over). */
function decodeHistory(historyRaw: unknown, t: number, known: Metric[], window: TimeWindow): HistoryPoint[] | null {
	check(Array.isArray(historyRaw));
	let time = t;
	const previous = known.map(() => 0);
	let inRange = true;
	const history = historyRaw.map((row: unknown): HistoryPoint => {
		check(Array.isArray(row) && isFiniteNumber(row[0]) && row.length <= known.length + 1);
		time += row[0];
		const values: Partial<Record<Metric, number>> = {};
		known.forEach((metric, i) => {
			const cell: unknown = row[i + 1] ?? null;
			if (cell === null) return;
			const value = typeof cell === 'string' ? Number(cell) : isFiniteNumber(cell) ? previous[i] + cell : NaN;
			check(Number.isFinite(value));
			// Counts are never negative (the format keeps a non-integer as its text, so it may be one).
			if (value < 0) inRange = false;
			values[metric] = value;
			previous[i] = value;
		});
		if (!isPlausibleTime(time * SECOND_MS, window)) inRange = false;
		return { at: time * SECOND_MS, values };
	});
	return inRange ? history : null;
}

function decodeStoredEntry(raw: unknown, window: TimeWindow): WatchedEntry {
	check(isRecord(raw));
	const failure = decodeFailure(raw.f, window);
	const entry: WatchedEntry = emptyEntryState();
	if (failure) entry.failure = failure;
	if (raw.t === undefined) return entry;

	check(isFiniteNumber(raw.t) && typeof raw.m === 'string');
	const tMs = raw.t * SECOND_MS;
	// An observation outside the plausible window would freeze or break the entry: it starts over.
	check(isPlausibleTime(tMs, window));
	const metrics = [...raw.m].map((code) => METRIC_BY_CODE.get(code));
	check(metrics.every((m) => m !== undefined));
	const known = metrics as Metric[];

	const shownRaw = raw.c ?? [];
	check(Array.isArray(shownRaw) && shownRaw.length <= known.length);
	const counts: Partial<Record<Metric, string>> = {};
	shownRaw.forEach((shown: unknown, i) => {
		check(shown === null || typeof shown === 'string');
		if (shown !== null) counts[known[i]] = shown;
	});
	entry.last = { at: tMs, counts };

	const baselinesRaw = raw.b ?? {};
	check(isRecord(baselinesRaw));
	for (const [code, row] of Object.entries(baselinesRaw)) {
		const kind = RULE_BY_CODE.get(code);
		check(kind !== undefined && Array.isArray(row) && row.length <= known.length);
		const perMetric: Partial<Record<Metric, StoredCount>> = {};
		// A baseline at a time that cannot be right is forgotten: its rule starts from the next count.
		const baseline = (metric: Metric, at: number, shown: string) => {
			if (isPlausibleTime(at, window)) perMetric[metric] = { at, shown };
		};
		row.forEach((cell: unknown, i) => {
			if (cell === null) return;
			const metric = known[i];
			if (isFiniteNumber(cell)) {
				const shown = counts[metric];
				check(shown !== undefined);
				baseline(metric, tMs + cell * SECOND_MS, shown);
				return;
			}
			check(Array.isArray(cell) && isFiniteNumber(cell[0]) && typeof cell[1] === 'string');
			baseline(metric, tMs + cell[0] * SECOND_MS, cell[1]);
		});
		entry.baselines[kind] = perMetric;
	}

	entry.history = decodeHistory(raw.h ?? [], raw.t, known, window) ?? [];
	return entry;
}

/** `window`: the times believed (plausibleTime.ts); the fixed bounds when not given. */
export function decodeEntry(raw: unknown, window: TimeWindow = plausibleWindow()): WatchedEntry | null {
	try {
		return decodeStoredEntry(raw, window);
	} catch {
		// Whatever is out of shape in saved data, one entry starting over beats every poll failing.
		return null;
	}
}
