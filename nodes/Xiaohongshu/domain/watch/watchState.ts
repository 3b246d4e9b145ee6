/**
 * What the trigger keeps in the node's static data between polls, and the housekeeping
 * that keeps it small: entries that left the watch list are forgotten, failures are
 * remembered only as a fingerprint, so each one reaches the user once.
 */
import type { CreditLedger } from './creditBudget';
import type { EntryState } from './engagementTypes';

export interface FailureMemo {
	/** What failed and for which input; a replaced link gives a new fingerprint. */
	fingerprint: string;
	/** Polls in a row that failed this way. */
	consecutive: number;
	/** Whether the user has been told. */
	reported: boolean;
	/** When it last failed (epoch ms): a budgeted trigger schedules the next try from it. */
	at?: number;
}

export interface WatchedEntry extends EntryState {
	failure?: FailureMemo;
}

/** The state as the poll works on it; static data holds it encoded (watchStateCodec). */
export interface WatchState {
	/** Keyed `note:<id>` or `creator:<id>`. */
	entries: Record<string, WatchedEntry>;
	/** Fingerprints of watch-list lines already reported as unusable. */
	invalidReported: string[];
	/** Short link -> the long link it redirected to, so a short link is looked up once. */
	shortLinks: Record<string, string>;
	/** One-off notices already given (e.g. the list is too long for the plan), by topic. */
	notices: Record<string, string>;
	/** The credit budget's ledger; absent without a budget. */
	budget?: CreditLedger;
}

export const STATE_KEY = 'xiaohongshuWatch';

export function emptyWatchState(): WatchState {
	return { entries: {}, invalidReported: [], shortLinks: {}, notices: {} };
}

/** Keeps only what the current watch list still refers to. Does not mutate `state`. */
export function pruneWatchState(
	state: WatchState,
	keep: { entryKeys: Iterable<string>; invalidFingerprints: Iterable<string>; shortLinks: Iterable<string> },
): WatchState {
	const entryKeys = new Set(keep.entryKeys);
	const invalid = new Set(keep.invalidFingerprints);
	const links = new Set(keep.shortLinks);
	const entries: Record<string, WatchedEntry> = {};
	for (const [key, entry] of Object.entries(state.entries)) if (entryKeys.has(key)) entries[key] = entry;
	const shortLinks: Record<string, string> = {};
	for (const [url, target] of Object.entries(state.shortLinks)) if (links.has(url)) shortLinks[url] = target;
	const pruned: WatchState = {
		entries,
		invalidReported: state.invalidReported.filter((f) => invalid.has(f)),
		shortLinks,
		notices: { ...state.notices },
	};
	if (state.budget) pruned.budget = { ...state.budget };
	return pruned;
}

/** Failures that may pass by themselves are reported only when they persist this many polls. */
export const TRANSIENT_REPORT_AFTER = 3;

/**
 * Whether this failure should be reported now, and what to remember. A failure that needs the
 * user (expired token, deleted note) is reported on its first occurrence; a passing one
 * (blocked, crashed, network) after it persisted; either only once per fingerprint.
 */
export function decideFailureReport(
	previous: FailureMemo | undefined,
	fingerprint: string,
	transient: boolean,
): { report: boolean; memo: FailureMemo } {
	const consecutive = previous?.fingerprint === fingerprint ? previous.consecutive + 1 : 1;
	const alreadyReported = previous?.fingerprint === fingerprint && previous.reported;
	const due = transient ? consecutive >= TRANSIENT_REPORT_AFTER : true;
	const report = due && !alreadyReported;
	return { report, memo: { fingerprint, consecutive, reported: alreadyReported || report } };
}
