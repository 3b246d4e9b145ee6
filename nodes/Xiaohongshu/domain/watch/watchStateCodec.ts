/**
 * The trigger's whole state to its stored form (watchStateFormat.ts) and back: the entries
 * (watchEntryCodec.ts), the reported problems, resolved short links, notices and the credit
 * budget's ledger.
 */
import { monthKey } from './creditBudget';
import type { CreditLedger } from './creditBudget';
import { isRecord } from '../guards';
import { emptyWatchState } from './watchState';
import type { WatchState } from './watchState';
import { decodeEntry, encodeEntry } from './watchEntryCodec';
import { plausibleWindow } from './plausibleTime';
import type { TimeWindow } from './plausibleTime';
import { isFiniteNumber, SECOND_MS, STORED_VERSION } from './watchStateFormat';
import type { StoredEntry, StoredWatchState } from './watchStateFormat';

/**
 * An unreadable ledger is dropped: the trigger then starts a new one (see creditBudget).
 * Figures out of range are reset one by one: a negative count to 0, a time before the
 * plausible window to its start (accrual then fills the bucket at most), a time after it to
 * the window's end, so that a ledger saved by a clock far ahead accrues again from now on
 * rather than once the clock has caught up. The month is re-derived from the time it counts.
 */
function decodeLedger(raw: unknown, window: TimeWindow): CreditLedger | undefined {
	if (!Array.isArray(raw) || typeof raw[0] !== 'string' || !/^\d{4}-\d{2}$/.test(raw[0])) return undefined;
	if (!isFiniteNumber(raw[1]) || !isFiniteNumber(raw[2]) || !isFiniteNumber(raw[3])) return undefined;
	const at = Math.min(window.latest, Math.max(window.earliest, raw[3] * SECOND_MS));
	const month = monthKey(at);
	return {
		month,
		spent: month === raw[0] ? Math.max(0, raw[1]) : 0,
		tokens: Math.max(0, raw[2]),
		at,
	};
}

/**
 * Sets `record[key]` as an own property whatever the key: JSON may carry `"__proto__"`, which
 * plain assignment would take as the object's prototype (and the entry would be lost).
 */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
	Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function stringRecord(raw: unknown): Record<string, string> {
	if (!isRecord(raw)) return {};
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') setOwn(out, key, value);
	return out;
}

export function encodeWatchState(state: WatchState): StoredWatchState {
	const entries: Record<string, StoredEntry> = {};
	for (const [key, entry] of Object.entries(state.entries)) setOwn(entries, key, encodeEntry(entry));
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
 * fresh rather than failing every poll forever. Unreadable entries are dropped, one by one;
 * what is kept is in range (times within the plausible window for a clock reading `now`, see
 * plausibleTime.ts), so no poll can fail on it.
 */
export function decodeWatchState(raw: unknown, now?: number): WatchState {
	const state = emptyWatchState();
	if (!isRecord(raw) || raw.version !== STORED_VERSION || !isRecord(raw.entries)) return state;
	const window = plausibleWindow(now);
	for (const [key, entryRaw] of Object.entries(raw.entries)) {
		const entry = decodeEntry(entryRaw, window);
		if (entry) setOwn(state.entries, key, entry);
	}
	if (Array.isArray(raw.invalidReported)) {
		state.invalidReported = raw.invalidReported.filter((f): f is string => typeof f === 'string');
	}
	state.shortLinks = stringRecord(raw.shortLinks);
	state.notices = stringRecord(raw.notices);
	const budget = decodeLedger(raw.k, window);
	if (budget) state.budget = budget;
	return state;
}
