/**
 * Damaged static data (built from valid state: numbers mutated, arrays truncated, times
 * shifted, keys injected) decodes to state whose every value is in range, and the rule
 * engine and the event items work on it. The poll itself, three times over such state, is
 * driven through n8n in test/engine/trigger-damaged-state.test.ts.
 */
import fc from 'fast-check';

import { parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { budgetShape, monthKey, openLedger } from '../../../../nodes/Xiaohongshu/domain/watch/creditBudget';
import { evaluateObservation } from '../../../../nodes/Xiaohongshu/domain/watch/engagement';
import { EARLIEST_PLAUSIBLE_MS, FUTURE_TOLERANCE_MS } from '../../../../nodes/Xiaohongshu/domain/watch/plausibleTime';
import type { WatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchState';
import { decideFailureReport, TRANSIENT_REPORT_AFTER } from '../../../../nodes/Xiaohongshu/domain/watch/watchState';
import { decodeWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchStateCodec';
import { parseWatchList, readWatchList } from '../../../../nodes/Xiaohongshu/domain/watch/watchList';
import { planBudget } from '../../../../nodes/Xiaohongshu/trigger/budgetedTurns';
import { eventItem } from '../../../../nodes/Xiaohongshu/trigger/eventItems';
import type { TriggerSettings } from '../../../../nodes/Xiaohongshu/trigger/settings';
import {
	DAMAGE_METRICS,
	DAMAGE_RULES,
	SHIFTS_S,
	applyDamage,
	damagedStored,
	storedForm,
	validState,
} from '../../support/damagedState';
import { fuzz, holds, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';

const NOW = Date.UTC(2026, 4, 14, 9, 30);
const HOUR_MS = 3_600_000;
const TOKEN = 'ABcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ=';
const DAY_MS = 24 * HOUR_MS;
const KEYS = ['note:64a1b2c3d4e5f60718293a4b', 'note:64a1b2c3d4e5f60718293a4c'];
const IDENTITY = { kind: 'note' as const, id: 'aaaaaaaaaaaaaaaaaaaaaaaa', link: 'https://www.xiaohongshu.com/explore/aaaaaaaaaaaaaaaaaaaaaaaa', title: 't' };

function inWindow(ms: number, now: number): boolean {
	return ms >= EARLIEST_PLAUSIBLE_MS && ms <= now + FUTURE_TOLERANCE_MS;
}

function isCount(n: number): boolean {
	return Number.isSafeInteger(n) && n >= 0;
}

/** Every value that left the decoder, checked against its range; the first one out of it named. */
function checkInRange(state: WatchState, now: number): void {
	for (const [key, entry] of Object.entries(state.entries)) {
		if (entry.last) holds(inWindow(entry.last.at, now), `${key}: last.at ${entry.last.at}`);
		for (const [kind, perMetric] of Object.entries(entry.baselines)) {
			for (const [metric, stored] of Object.entries(perMetric ?? {})) {
				holds(inWindow(stored.at, now), `${key}: baseline ${kind}/${metric} at ${stored.at}`);
			}
		}
		for (const point of entry.history) {
			holds(inWindow(point.at, now), `${key}: history at ${point.at}`);
			for (const value of Object.values(point.values)) holds(Number.isFinite(value) && (value as number) >= 0, `${key}: history value ${value}`);
		}
		if (entry.failure) {
			holds(isCount(entry.failure.consecutive), `${key}: failure streak ${entry.failure.consecutive}`);
			if (entry.failure.at !== undefined) holds(inWindow(entry.failure.at, now), `${key}: failure at ${entry.failure.at}`);
		}
	}
	if (state.budget) {
		const { tokens, spent, at, month } = state.budget;
		holds(Number.isFinite(tokens) && tokens >= 0, `ledger tokens ${tokens}`);
		holds(Number.isFinite(spent) && spent >= 0, `ledger spent ${spent}`);
		holds(inWindow(at, now), `ledger at ${at}`);
		holds(/^\d{4}-\d{2}$/.test(month) && month === monthKey(at), `ledger month ${month}`);
	}
}

/** One observation of every decoded entry, through the engine and into event items. */
function pollOnce(state: WatchState, at: number, seed: number): void {
	for (const entry of Object.values(state.entries)) {
		const counts = Object.fromEntries(DAMAGE_METRICS.map((m, i) => [m, parseCount(String(50_000 + seed * (i + 1)))]));
		const previous = entry.last ? entry : undefined;
		const { events } = evaluateObservation(previous, { at, counts }, { metrics: DAMAGE_METRICS, rules: DAMAGE_RULES, emitBaseline: true });
		for (const event of events) {
			const json = eventItem(IDENTITY, event, {} as never).json;
			holds(json.windowHours === null || (json.windowHours as number) >= 0, `windowHours ${json.windowHours}`);
			holds(!/NaN|Infinity/.test(String(json.summary)), `summary ${json.summary}`);
		}
	}
}

describe('damaged watch state', () => {
	it(
		'decodes to values in range, and the engine and event items work on it (class 1, 5)',
		() => {
			fc.assert(
				fc.property(damagedStored(KEYS, NOW), fc.integer({ min: 0, max: 3 }), ({ stored }, seed) => {
					const state = decodeWatchState(JSON.parse(JSON.stringify(stored)), NOW);
					checkInRange(state, NOW);
					pollOnce(state, NOW, seed);
				}),
				fuzz(2401, 600),
			);
		},
		PROPERTY_TIMEOUT_MS,
	);

	it('keeps a time a Date can hold only: a shifted observation never reaches an item (class 1)', () => {
		fc.assert(
			fc.property(validState(KEYS, NOW), fc.constantFrom(1e13, -1e13, 1e300, 8.64e12 + 1), (state, seconds) => {
				const stored = storedForm(state);
				applyDamage(stored, { kind: 'shift', seconds, which: 1 });
				const decoded = decodeWatchState(stored, NOW);
				checkInRange(decoded, NOW);
				pollOnce(decoded, NOW, 1);
			}),
			fuzz(2402, 200),
		);
	});

	it('keeps no negative streak, history value or ledger figure (class 5)', () => {
		fc.assert(
			fc.property(
				validState(KEYS, NOW),
				fc.constantFrom(-1, -7, -1e6, 0.5),
				fc.constantFrom('f1', 'h', 'k1', 'k2'),
				(state, bad, where) => {
					const stored = storedForm(state) as { entries: Record<string, Record<string, unknown>>; k?: number[] };
					for (const entry of Object.values(stored.entries)) {
						if (where === 'f1' && Array.isArray(entry.f)) entry.f[1] = bad;
						if (where === 'h' && Array.isArray(entry.h) && entry.h.length > 0) (entry.h[0] as unknown[])[1] = bad;
					}
					if (where === 'k1' && stored.k) stored.k[1] = bad;
					if (where === 'k2' && stored.k) stored.k[2] = bad;
					checkInRange(decodeWatchState(stored, NOW), NOW);
				},
			),
			fuzz(2403, 300),
		);
	});

	it('reports a failure whose saved streak was negative once it persists (class 5)', () => {
		const stored = { version: 2, entries: { [KEYS[0]]: { f: ['abc', -5, 0] } } };
		let memo = decodeWatchState(stored, NOW).entries[KEYS[0]]?.failure;
		let reported = false;
		for (let poll = 0; poll < TRANSIENT_REPORT_AFTER; poll++) {
			const decision = decideFailureReport(memo, 'abc', true);
			reported ||= decision.report;
			memo = decision.memo;
		}
		expect(reported).toBe(true);
	});

	it('reads a ledger whose time is past a Date as a month, never NaN (class 5)', () => {
		const budget = decodeWatchState({ version: 2, entries: {}, k: ['2026-05', 3, 2, 1e300] }, NOW).budget;
		expect(budget).toBeDefined();
		const opened = openLedger(budget, budgetShape(100), NOW, true);
		expect(opened.month).toBe(monthKey(NOW + FUTURE_TOLERANCE_MS));
		expect([opened.at, opened.tokens, opened.spent].every(Number.isFinite)).toBe(true);
	});

	it('keeps an entry saved under the key __proto__, as an entry (class 6)', () => {
		fc.assert(
			fc.property(validState(KEYS, NOW), fc.constantFrom('__proto__', 'constructor', 'toString'), (state, key) => {
				const stored = storedForm(state) as { entries: Record<string, unknown>; notices: Record<string, unknown> };
				const copy = JSON.parse(JSON.stringify(stored.entries[KEYS[0]])) as unknown;
				stored.entries = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(copy)}}`) as Record<string, unknown>;
				stored.notices = JSON.parse(`{${JSON.stringify(key)}: "n"}`) as Record<string, unknown>;
				const decoded = decodeWatchState(stored, NOW);
				holds(Object.getPrototypeOf(decoded.entries) === Object.prototype, 'entries prototype swapped');
				holds(Object.keys(decoded.entries).join() === key, `entries ${Object.keys(decoded.entries).join()}`);
				holds(Object.keys(decoded.notices).join() === key, `notices ${Object.keys(decoded.notices).join()}`);
				holds(Object.hasOwn(storedForm(decoded).entries as object, key), 'lost when encoded again');
			}),
			fuzz(2404, 100),
		);
	});

	it('accrues again, from the clock on, for a ledger saved far ahead of it (class 3)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 10_000 }), fc.integer({ min: 2 * HOUR_MS, max: 50 * 365 * DAY_MS }), (budget, ahead) => {
				const shape = budgetShape(budget);
				const at = NOW + ahead;
				const saved = decodeWatchState({ version: 2, entries: {}, k: [monthKey(at), 0, 0, Math.ceil(at / 1000)] }, NOW).budget;
				const later = openLedger(saved, shape, NOW + 2 * DAY_MS, false);
				holds(later.tokens > 0, `nothing accrued in two days, ${ahead} ms ahead`);
			}),
			fuzz(2603, 200),
		);
	});

	it('lets no entry saved ahead of the clock go undue: each is fetched within two longest gaps (class 3)', () => {
		const list = readWatchList(parseWatchList('note', KEYS.map((k) => `https://www.xiaohongshu.com/explore/${k.slice(5)}?xsec_token=${TOKEN}`).join('\n')));
		const settings = { kind: 'note', listText: '', metrics: DAMAGE_METRICS, rules: DAMAGE_RULES, emitBaseline: false, creditBudget: 100_000, longestGapMs: DAY_MS } as TriggerSettings & { creditBudget: number };
		fc.assert(
			fc.property(validState(KEYS, NOW), fc.constantFrom(2 * HOUR_MS / 1000, 40 * 86_400, 3e9), fc.constantFrom(0, 1, 2), (state, seconds, which) => {
				const stored = storedForm(state);
				applyDamage(stored, { kind: 'shift', seconds, which });
				const decoded = decodeWatchState(stored, NOW);
				const later = NOW + 2 * DAY_MS;
				const plan = planBudget(settings, decoded, list.targets, later, HOUR_MS, false);
				holds(plan.turns.size === KEYS.length, `due at ${later}: ${[...plan.turns].join()}`);
			}),
			fuzz(2405, 200),
		);
	});

	it('keeps state a small clock step ahead as it is (class 3: an NTP step changes nothing)', () => {
		fc.assert(
			fc.property(validState(KEYS, NOW), fc.integer({ min: -30, max: 30 }), (state, seconds) => {
				const stored = storedForm(state);
				applyDamage(stored, { kind: 'shift', seconds: Math.abs(seconds) + 60, which: 0 });
				const decoded = decodeWatchState(JSON.parse(JSON.stringify(stored)), NOW);
				holds(JSON.stringify(storedForm(decoded)) === JSON.stringify(stored), 'state changed by decoding');
			}),
			fuzz(2406, 200),
		);
	});

	it('reports no negative window for an alert after the clock was set back (class 6)', () => {
		fc.assert(
			fc.property(validState(KEYS, NOW), fc.integer({ min: 1, max: 60 * 24 * 60 }), fc.integer({ min: 0, max: 3 }), (state, minutesBack, seed) => {
				pollOnce(decodeWatchState(storedForm(state), NOW), NOW - minutesBack * 60_000 - 3 * DAY_MS, seed);
			}),
			fuzz(2407, 300),
		);
	});

	it('shifts used by the generators include times no Date can hold', () => {
		expect(SHIFTS_S.some((s) => !Number.isFinite(new Date((NOW / 1000 + s) * 1000).getTime()))).toBe(true);
	});
});
