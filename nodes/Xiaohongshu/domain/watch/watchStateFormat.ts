/**
 * The form the trigger's state takes in static data: its layout, one-letter codes and types.
 * watchEntryCodec.ts and watchStateCodec.ts write and read it.
 *
 * n8n keeps a trigger's static data in the workflow row and rewrites it on every saving
 * poll, so each watched entry must stay small (target: under 2 kB with every metric and
 * rule on). The rule engine works on plain objects (`EntryState`); the codecs turn them
 * into this compact JSON form and back, without losing anything the engine reads:
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
 * (`observationTime` below), so decoding what was encoded gives back exactly what the engine had.
 *
 * The format is version 2: the first released one (an unreleased first form is not read). An
 * entry that cannot be read is dropped: the entry starts over as if newly added (silently, or
 * with a baseline event when "emit current counts" is on), which is better than failing every
 * poll.
 */
import type { RuleKind } from './engagementTypes';
import { CREATOR_METRICS, NOTE_METRICS } from './engagementMetrics';
import type { Metric } from './engagementMetrics';

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

export const ALL_METRICS: readonly Metric[] = [...NOTE_METRICS, ...CREATOR_METRICS];
export const METRIC_BY_CODE = new Map(ALL_METRICS.map((m) => [METRIC_CODES[m], m]));
export const RULE_BY_CODE = new Map((Object.keys(RULE_CODES) as RuleKind[]).map((k) => [RULE_CODES[k], k]));

export type StoredBaseline = number | [number, string];
export type StoredValue = number | string | null;

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

export const SECOND_MS = 1000;

export function toSeconds(ms: number): number {
	return Math.floor(ms / SECOND_MS);
}

/** What a stored number must be before it is read. */
export function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The trigger observes on a one-second grid, because that is what the stored state keeps
 * exactly (see watchStateFormat): what is decoded is then what the engine had.
 */
export function observationTime(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
