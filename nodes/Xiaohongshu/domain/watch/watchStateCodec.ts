/**
 * The trigger's whole state to its stored form (watchStateFormat.ts) and back: the entries
 * (watchEntryCodec.ts), the reported problems, resolved short links, notices and the credit
 * budget's ledger.
 */
import type { CreditLedger } from './creditBudget';
import { isRecord } from '../guards';
import { emptyWatchState } from './watchState';
import type { WatchState } from './watchState';
import { decodeEntry, encodeEntry } from './watchEntryCodec';
import { isFiniteNumber, SECOND_MS, STORED_VERSION } from './watchStateFormat';
import type { StoredEntry, StoredWatchState } from './watchStateFormat';

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
