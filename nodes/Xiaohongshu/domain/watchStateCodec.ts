/**
 * The form the trigger's state takes in static data, and its way back.
 *
 * n8n keeps a trigger's static data in the workflow row and rewrites it on every saving
 * poll, so each watched entry must stay small (target: under 2 kB with every metric and
 * rule on). The rule engine works on plain objects (`EntryState`); this module turns them
 * into a compact JSON form and back, without losing anything the engine reads:
 *
 * ```
 * "note:<id>": {
 *   "t": 1767225600,                     last observation, epoch seconds
 *   "m": "lcms",                         the entry's metrics, in canonical order (METRIC_CODES)
 *   "c": ["3.5万", "120", null, "8"],    last displays, one per metric (null: hidden)
 *   "b": { "i": [0, [-7200, "3.4万"]] }, baselines per rule (RULE_CODES), one per metric:
 *                                        a number is its time (seconds from "t") with the
 *                                        display of "c"; [time, display] otherwise; null: none
 *   "h": [[-129600, 34000, 110], [3600, 0, 2], …],
 *                                        history, oldest first: seconds since the row before
 *                                        (the first row: since "t"), then each metric's change
 *                                        since its value in an earlier row (from 0); null:
 *                                        hidden then; a string: the value itself (non-integers)
 *   "f": ["1a2b3c4d", 2, 0, 1767225600]  failure: fingerprint, polls in a row, reported (1/0),
 *                                        when it last failed (epoch seconds; budgeted triggers)
 * }
 * "k": ["2026-01", 312, 17.25, 1767225600]
 *                                        beside "entries": the credit budget's ledger: month,
 *                                        credits spent in it, credits left (to 1/1000), time
 *                                        (epoch seconds)
 * ```
 *
 * Nothing derivable is stored: a count is its display text (parseCount re-reads value and
 * range), metric names are written once per entry, times are seconds relative to "t", history
 * values are differences (a few digits where the absolute count has eight). Empty parts and
 * trailing nulls are left out.
 *
 * Times are kept to the whole second; the trigger takes its observation times on that grid
 * (domain/observationTime.ts), so decoding what was encoded gives back exactly what the engine had.
 *
 * The format is version 2: the first released one (an unreleased first form is not read). An
 * entry that cannot be read is dropped: the entry starts over as if newly added (silently, or
 * with a baseline event when "emit current counts" is on), which is better than failing every
 * poll.
 */
import type { CreditLedger } from './creditBudget';
import { emptyEntryState } from './engagementTypes';
import type { EntryState, RuleKind, StoredCount } from './engagementTypes';
import type { HistoryPoint } from './engagementHistory';
import { CREATOR_METRICS, NOTE_METRICS } from './engagementMetrics';
import { isRecord } from './isRecord';
import type { Metric } from './engagementMetrics';
import { emptyWatchState } from './watchState';
import type { FailureMemo, WatchedEntry, WatchState } from './watchState';

export const STORED_VERSION = 2;

export const METRIC_CODES: Record<Metric, string> = {
	likes: 'l',
	collects: 'c',
	comments: 'm',
	shares: 's',
	engagement: 'e',
	followers: 'f',
	following: 'g',
	likesAndCollects: 'a',
};

export const RULE_CODES: Record<RuleKind, string> = {
	change: 'c',
	increase: 'i',
	percentIncrease: 'p',
	milestone: 'm',
	spike: 's',
};

const ALL_METRICS: readonly Metric[] = [...NOTE_METRICS, ...CREATOR_METRICS];
const METRIC_BY_CODE = new Map(ALL_METRICS.map((m) => [METRIC_CODES[m], m]));
const RULE_BY_CODE = new Map((Object.keys(RULE_CODES) as RuleKind[]).map((k) => [RULE_CODES[k], k]));

type StoredBaseline = number | [number, string];
type StoredValue = number | string | null;

export interface StoredEntry {
	t?: number;
	m?: string;
	c?: Array<string | null>;
	b?: Record<string, Array<StoredBaseline | null>>;
	h?: StoredValue[][];
	f?: [string, number, 0 | 1] | [string, number, 0 | 1, number];
}

export interface StoredWatchState {
	version: typeof STORED_VERSION;
	entries: Record<string, StoredEntry>;
	invalidReported?: string[];
	shortLinks?: Record<string, string>;
	notices?: Record<string, string>;
	k?: [string, number, number, number];
}

const SECOND_MS = 1000;

function toSeconds(ms: number): number {
	return Math.floor(ms / SECOND_MS);
}

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

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/** Decoding stops at the first thing out of shape; the caller drops the entry. */
function check(condition: unknown): asserts condition {
	if (!condition) throw new Error('unreadable watch entry');
}

function decodeFailure(raw: unknown): FailureMemo | undefined {
	if (raw === undefined) return undefined;
	check(Array.isArray(raw) && typeof raw[0] === 'string' && isFiniteNumber(raw[1]));
	const memo: FailureMemo = { fingerprint: raw[0], consecutive: raw[1], reported: raw[2] === 1 };
	if (isFiniteNumber(raw[3])) memo.at = raw[3] * SECOND_MS;
	return memo;
}

function decodeStoredEntry(raw: unknown): WatchedEntry {
	check(isRecord(raw));
	const failure = decodeFailure(raw.f);
	const entry: WatchedEntry = emptyEntryState();
	if (failure) entry.failure = failure;
	if (raw.t === undefined) return entry;

	check(isFiniteNumber(raw.t) && typeof raw.m === 'string');
	const tMs = raw.t * SECOND_MS;
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
		row.forEach((cell: unknown, i) => {
			if (cell === null) return;
			const metric = known[i];
			if (isFiniteNumber(cell)) {
				const shown = counts[metric];
				check(shown !== undefined);
				perMetric[metric] = { at: tMs + cell * SECOND_MS, shown };
				return;
			}
			check(Array.isArray(cell) && isFiniteNumber(cell[0]) && typeof cell[1] === 'string');
			perMetric[metric] = { at: tMs + cell[0] * SECOND_MS, shown: cell[1] };
		});
		entry.baselines[kind] = perMetric;
	}

	const historyRaw = raw.h ?? [];
	check(Array.isArray(historyRaw));
	let time = raw.t;
	const previous = known.map(() => 0);
	entry.history = historyRaw.map((row: unknown): HistoryPoint => {
		check(Array.isArray(row) && isFiniteNumber(row[0]) && row.length <= known.length + 1);
		time += row[0];
		const values: Partial<Record<Metric, number>> = {};
		known.forEach((metric, i) => {
			const cell: unknown = row[i + 1] ?? null;
			if (cell === null) return;
			const value = typeof cell === 'string' ? Number(cell) : isFiniteNumber(cell) ? previous[i] + cell : NaN;
			check(Number.isFinite(value));
			values[metric] = value;
			previous[i] = value;
		});
		return { at: time * SECOND_MS, values };
	});
	return entry;
}

export function decodeEntry(raw: unknown): WatchedEntry | null {
	try {
		return decodeStoredEntry(raw);
	} catch {
		// Whatever is out of shape in saved data, one entry starting over beats every poll failing.
		return null;
	}
}

/** An unreadable ledger is dropped: the trigger then starts a new one (see creditBudget). */
function decodeLedger(raw: unknown): CreditLedger | undefined {
	if (!Array.isArray(raw) || typeof raw[0] !== 'string' || !/^\d{4}-\d{2}$/.test(raw[0])) return undefined;
	if (!isFiniteNumber(raw[1]) || !isFiniteNumber(raw[2]) || !isFiniteNumber(raw[3])) return undefined;
	return { month: raw[0], spent: raw[1], tokens: raw[2], at: raw[3] * SECOND_MS };
}

function stringRecord(raw: unknown): Record<string, string> {
	if (!isRecord(raw)) return {};
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') out[key] = value;
	return out;
}

export function encodeWatchState(state: WatchState): StoredWatchState {
	const entries: Record<string, StoredEntry> = {};
	for (const [key, entry] of Object.entries(state.entries)) entries[key] = encodeEntry(entry);
	const out: StoredWatchState = { version: STORED_VERSION, entries };
	if (state.invalidReported.length > 0) out.invalidReported = [...state.invalidReported];
	if (Object.keys(state.shortLinks).length > 0) out.shortLinks = { ...state.shortLinks };
	if (Object.keys(state.notices).length > 0) out.notices = { ...state.notices };
	if (state.budget) {
		const { month, spent, tokens, at } = state.budget;
		// Rounded the safe way: fewer credits left, and accrual counted from a later time.
		out.k = [month, spent, Math.floor(tokens * 1000) / 1000, Math.ceil(at / SECOND_MS)];
	}
	return out;
}

/**
 * Reads state saved by this format; anything else (absent, another version, damage) starts
 * fresh rather than failing every poll forever. Unreadable entries are dropped.
 */
export function decodeWatchState(raw: unknown): WatchState {
	const state = emptyWatchState();
	if (!isRecord(raw) || raw.version !== STORED_VERSION || !isRecord(raw.entries)) return state;
	for (const [key, entryRaw] of Object.entries(raw.entries)) {
		const entry = decodeEntry(entryRaw);
		if (entry) state.entries[key] = entry;
	}
	if (Array.isArray(raw.invalidReported)) {
		state.invalidReported = raw.invalidReported.filter((f): f is string => typeof f === 'string');
	}
	state.shortLinks = stringRecord(raw.shortLinks);
	state.notices = stringRecord(raw.notices);
	const budget = decodeLedger(raw.k);
	if (budget) state.budget = budget;
	return state;
}
