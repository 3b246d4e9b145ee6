/**
 * Generators of damaged trigger state, built from valid state: a run of the rule engine over
 * random observations gives entries as a real trigger keeps them, with a ledger, failure
 * memos and notices; damage is then done to the stored JSON the way static data gets damaged
 * (numbers mutated, arrays truncated, times shifted, keys injected).
 */
import fc from 'fast-check';

import { formatCount, parseCount } from '../../../nodes/Xiaohongshu/domain/payload/counts';
import { monthKey } from '../../../nodes/Xiaohongshu/domain/watch/creditBudget';
import { evaluateObservation } from '../../../nodes/Xiaohongshu/domain/watch/engagement';
import type { EngagementRule, EngineConfig, EntryState } from '../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import type { Metric } from '../../../nodes/Xiaohongshu/domain/watch/engagementMetrics';
import { emptyWatchState } from '../../../nodes/Xiaohongshu/domain/watch/watchState';
import type { WatchState, WatchedEntry } from '../../../nodes/Xiaohongshu/domain/watch/watchState';
import { encodeWatchState } from '../../../nodes/Xiaohongshu/domain/watch/watchStateCodec';

export const DAMAGE_METRICS: Metric[] = ['likes', 'collects', 'comments', 'shares'];
export const DAMAGE_RULES: EngagementRule[] = [
	{ kind: 'change' },
	{ kind: 'increase', atLeast: 100 },
	{ kind: 'percentIncrease', atLeastPercent: 10 },
	{ kind: 'milestone', milestones: [1_000, 5_000, 10_000, 50_000] },
	{ kind: 'spike', factor: 3, minIncrease: 50 },
];
const CONFIG: EngineConfig = { metrics: DAMAGE_METRICS, rules: DAMAGE_RULES, emitBaseline: false };
const HOUR = 3_600_000;

/** The plan for one valid entry: observations spaced a random number of minutes apart, ending before `now`. */
const entryPlan = fc.record({
	steps: fc.array(
		fc.record({
			minutes: fc.integer({ min: 1, max: 24 * 60 }),
			grow: fc.array(fc.integer({ min: -20, max: 5_000 }), { minLength: DAMAGE_METRICS.length, maxLength: DAMAGE_METRICS.length }),
			rounded: fc.boolean(),
		}),
		{ minLength: 1, maxLength: 8 },
	),
	start: fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: DAMAGE_METRICS.length, maxLength: DAMAGE_METRICS.length }),
	endsAgoMinutes: fc.integer({ min: 1, max: 72 * 60 }),
	failure: fc.option(
		fc.record({ consecutive: fc.integer({ min: 1, max: 5 }), reported: fc.boolean(), agoMinutes: fc.integer({ min: 1, max: 600 }) }),
	),
});
type EntryPlan = typeof entryPlan extends fc.Arbitrary<infer T> ? T : never;

function entryFrom(plan: EntryPlan, now: number): WatchedEntry {
	const total = plan.steps.reduce((sum, s) => sum + s.minutes, 0);
	let at = Math.floor((now - (plan.endsAgoMinutes + total) * 60_000) / 1000) * 1000;
	const values = [...plan.start];
	let state: EntryState | undefined;
	for (const step of plan.steps) {
		at += step.minutes * 60_000;
		const counts: EngineCounts = {};
		DAMAGE_METRICS.forEach((metric, i) => {
			values[i] = Math.max(0, values[i] + step.grow[i]);
			counts[metric] = parseCount(step.rounded ? formatCount(values[i]) : String(values[i]));
		});
		state = evaluateObservation(state, { at, counts }, CONFIG).state;
	}
	const entry: WatchedEntry = { ...(state as EntryState) };
	if (plan.failure) {
		const { consecutive, reported, agoMinutes } = plan.failure;
		entry.failure = { fingerprint: 'f00dcafe', consecutive, reported, at: Math.floor((now - agoMinutes * 60_000) / 1000) * 1000 };
	}
	return entry;
}
type EngineCounts = Parameters<typeof evaluateObservation>[1]['counts'];

/** A valid state for entries `keys` as read at `now`, with a ledger, notices and a short link. */
export function validState(keys: readonly string[], now: number): fc.Arbitrary<WatchState> {
	return fc
		.record({
			entries: fc.array(entryPlan, { minLength: keys.length, maxLength: keys.length }),
			ledger: fc.option(
				fc.record({ tokens: fc.double({ min: 0, max: 60, noNaN: true }), spent: fc.integer({ min: 0, max: 900 }), agoMinutes: fc.integer({ min: 0, max: 600 }) }),
			),
		})
		.map(({ entries, ledger }) => {
			const state = emptyWatchState();
			keys.forEach((key, i) => (state.entries[key] = entryFrom(entries[i], now)));
			state.notices = { pacing: '2/1' };
			state.shortLinks = { 'https://xhslink.com/a/abc': 'https://www.xiaohongshu.com/explore/0123456789abcdef01234567' };
			state.invalidReported = ['deadbeef'];
			if (ledger) {
				const at = now - ledger.agoMinutes * 60_000;
				state.budget = { tokens: ledger.tokens, spent: ledger.spent, at, month: monthKey(at) };
			}
			return state;
		});
}

/** The stored JSON of a state, as static data holds it. */
export function storedForm(state: WatchState): Record<string, unknown> {
	return JSON.parse(JSON.stringify(encodeWatchState(state))) as Record<string, unknown>;
}

type Json = unknown;
type Container = Record<string, Json> | Json[];
interface Slot {
	parent: Container;
	key: string | number;
	path: string;
}

function slots(value: Json, path = '', out: Slot[] = []): Slot[] {
	if (Array.isArray(value)) {
		value.forEach((child, i) => {
			out.push({ parent: value, key: i, path: `${path}[${i}]` });
			slots(child, `${path}[${i}]`, out);
		});
	} else if (typeof value === 'object' && value !== null) {
		for (const [key, child] of Object.entries(value)) {
			out.push({ parent: value as Record<string, Json>, key, path: `${path}.${key}` });
			slots(child, `${path}.${key}`, out);
		}
	}
	return out;
}

function put(parent: Container, key: string | number, value: Json): void {
	Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Numbers a damaged store may hold: out of every range the decoder must check. */
export const BAD_NUMBERS = [-1, -0.5, 0.5, -1e6, 1e300, -1e300, 8.64e12, 1e13, 1e16, -1e13, Number.MAX_SAFE_INTEGER + 2];
/** Seconds to shift stored times by: an NTP step, a restored backup, a clock in another century, beyond a Date. */
export const SHIFTS_S = [-30, 45, 3_600, -86_400, 40 * 86_400, -400 * 86_400, 3e9, -3e9, 1e13, -1e13, 1e300];
export const INJECTED_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'note:x'];

export type Damage =
	| { kind: 'number'; at: number; value: number }
	| { kind: 'type'; at: number; value: Json }
	| { kind: 'truncate'; at: number; length: number }
	| { kind: 'shift'; seconds: number; which: number }
	| { kind: 'inject'; at: number; key: string; copyOf: number };

export const damage: fc.Arbitrary<Damage> = fc.oneof(
	fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...BAD_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true })) }),
	fc.record({ kind: fc.constant('type' as const), at: fc.nat(), value: fc.constantFrom<Json>(null, 'x', '-5', '', [], {}, true, [[]]) }),
	fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), length: fc.nat(3) }),
	fc.record({ kind: fc.constant('shift' as const), seconds: fc.constantFrom(...SHIFTS_S), which: fc.nat(7) }),
	fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), key: fc.constantFrom(...INJECTED_KEYS), copyOf: fc.nat() }),
);

/**
 * Applies `d` to `stored` in place. `shift` moves stored instants: which = 0 all of them,
 * 1 the observations (`t`), 2 the failure times, 3 the ledger's, else one entry's all.
 */
export function applyDamage(stored: Record<string, unknown>, d: Damage): void {
	const all = slots(stored);
	if (d.kind === 'shift') {
		const entries = (stored.entries ?? {}) as Record<string, Record<string, unknown>>;
		const keys = Object.keys(entries);
		const shiftEntry = (entry: Record<string, unknown>, t: boolean, f: boolean) => {
			if (t && typeof entry.t === 'number') entry.t += d.seconds;
			if (f && Array.isArray(entry.f) && typeof entry.f[3] === 'number') entry.f[3] += d.seconds;
		};
		if (d.which === 0 || d.which === 1 || d.which === 2) {
			for (const key of keys) shiftEntry(entries[key], d.which !== 2, d.which !== 1);
		} else if (d.which > 3 && keys.length > 0) {
			shiftEntry(entries[keys[d.which % keys.length]], true, true);
		}
		if ((d.which === 0 || d.which === 3) && Array.isArray(stored.k) && typeof stored.k[3] === 'number') stored.k[3] += d.seconds;
		return;
	}
	if (all.length === 0) return;
	const slot = all[d.at % all.length];
	switch (d.kind) {
		case 'number': {
			const numeric = all.filter((s) => typeof (s.parent as Record<string | number, Json>)[s.key] === 'number');
			if (numeric.length === 0) return;
			const target = numeric[d.at % numeric.length];
			put(target.parent, target.key, d.value);
			return;
		}
		case 'type':
			put(slot.parent, slot.key, d.value);
			return;
		case 'truncate': {
			const arrays = all.filter((s) => Array.isArray((s.parent as Record<string | number, Json>)[s.key]));
			if (arrays.length === 0) return;
			const target = arrays[d.at % arrays.length];
			((target.parent as Record<string | number, Json[]>)[target.key]).length = Math.min(
				d.length,
				((target.parent as Record<string | number, Json[]>)[target.key]).length,
			);
			return;
		}
		case 'inject': {
			const objects = [stored, ...all.map((s) => (s.parent as Record<string | number, Json>)[s.key])].filter(
				(v): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v),
			);
			const target = objects[d.at % objects.length];
			const donor = all[d.copyOf % all.length];
			put(target, d.key, JSON.parse(JSON.stringify((donor.parent as Record<string | number, Json>)[donor.key] ?? null)));
			return;
		}
	}
}

/** A valid state's stored form with 1..4 kinds of damage done to it. */
export function damagedStored(keys: readonly string[], now: number): fc.Arbitrary<{ stored: Record<string, unknown>; damages: Damage[] }> {
	return fc.tuple(validState(keys, now), fc.array(damage, { minLength: 1, maxLength: 4 })).map(([state, damages]) => {
		const stored = storedForm(state);
		for (const d of damages) applyDamage(stored, d);
		return { stored, damages };
	});
}

export { HOUR as DAMAGE_HOUR_MS };
