/**
 * The credit budget in a poll: which entries this poll fetches, what the plan for the list
 * is, and whether the state in hand was just loaded from the database (see
 * domain/watch/creditBudget.ts for why that matters).
 */
import type { IDataObject } from 'n8n-workflow';

import { affordable, budgetShape, creditsPerHour, openLedger } from '../domain/watch/creditBudget';
import type { BudgetShape, CreditLedger } from '../domain/watch/creditBudget';
import { objectIdDate } from '../domain/links/ids';
import { pickTurns, shareBudget, wantedInterval } from '../domain/watch/pollSchedule';
import type { ScheduleSettings } from '../domain/watch/pollSchedule';
import type { WatchState, WatchedEntry } from '../domain/watch/watchState';
import { pollsPerMonth } from '../domain/watch/cost';
import type { TriggerSettings } from './settings';
import type { WatchTarget } from '../domain/watch/watchList';
import { HOUR_MS, MONTH_MS } from '../domain/units';


/**
 * Set on the node's static data object once this process has polled with it. n8n keeps that
 * object across the polls of one activation and builds a new one from the database at every
 * activation; a symbol key is never written to the database.
 */
const POLLED_IN_MEMORY = Symbol.for('n8n-nodes-parsebot-xiaohongshu.trigger.polledInMemory');

/** Whether this static data came from the database for this poll (first poll of an activation). */
export function loadedFromDatabase(staticData: IDataObject): boolean {
	const marked = staticData as IDataObject & { [POLLED_IN_MEMORY]?: true };
	const loaded = marked[POLLED_IN_MEMORY] !== true;
	marked[POLLED_IN_MEMORY] = true;
	return loaded;
}

/** Time between polls from n8n's Poll Times; an hour when they cannot be told (a cron expression). */
export function pollSpacingMs(pollTimes: unknown): number {
	const polls = pollsPerMonth(pollTimes);
	return polls === null || polls <= 0 ? HOUR_MS : MONTH_MS / polls;
}

export interface EntryPlan {
	key: string;
	intervalMs: number;
	lastFetchAt: number | null;
}

export interface BudgetPlan {
	shape: BudgetShape;
	ledger: CreditLedger;
	entries: EntryPlan[];
	fitsLongestGap: boolean;
	/** Credits a month the plan spends at the current wishes (at most the budget). */
	plannedPerMonth: number;
	/** The entries whose turn has come, most overdue first (a Set keeps that order). */
	turns: Set<string>;
}

/** When an entry was last fetched, whatever came back; null: never. */
export function lastFetchOf(entry: WatchedEntry | undefined): number | null {
	const times = [entry?.last?.at, entry?.failure?.at].filter((t): t is number => t !== undefined);
	return times.length === 0 ? null : Math.max(...times);
}

export function planBudget(
	settings: TriggerSettings & { creditBudget: number },
	state: WatchState,
	// What the plan reads of an entry: Fetch Test Event also plans short links it has not opened.
	targets: ReadonlyArray<Pick<WatchTarget, 'key' | 'kind' | 'id'>>,
	now: number,
	spacingMs: number,
	loaded: boolean,
): BudgetPlan {
	const shape = budgetShape(settings.creditBudget);
	const ledger = openLedger(state.budget, shape, now, loaded);
	const schedule: ScheduleSettings = {
		rules: settings.rules,
		metrics: settings.metrics,
		longestGapMs: Math.max(settings.longestGapMs, spacingMs),
		pollSpacingMs: spacingMs,
	};
	// A failing entry is retried less and less often, so a dead link does not eat the budget.
	const backoff = targets.map((target) => {
		const failure = state.entries[target.key]?.failure;
		return failure ? Math.min(schedule.longestGapMs, spacingMs * 2 ** Math.min(failure.consecutive, 16)) : 0;
	});
	const wanted = targets.map((target, i) => {
		const entry = state.entries[target.key];
		if (backoff[i] > 0) return backoff[i];
		if (!entry?.last) return spacingMs;
		const born = target.kind === 'note' ? objectIdDate(target.id, now) : null;
		return wantedInterval(entry, born ? born.getTime() : null, now, schedule);
	});
	const perHour = creditsPerHour(shape, ledger.at);
	const shared = shareBudget(wanted, perHour, schedule);
	const entries = targets.map((target, i) => ({
		key: target.key,
		intervalMs: Math.max(shared.intervals[i], backoff[i]),
		lastFetchAt: lastFetchOf(state.entries[target.key]),
	}));
	const turns = pickTurns(
		entries.map((e) => ({ key: e.key, lastFetchAt: e.lastFetchAt, intervalMs: e.intervalMs })),
		now,
		affordable(ledger, shape, loaded),
		spacingMs,
	);
	return {
		shape,
		ledger,
		entries,
		fitsLongestGap: shared.fitsLongestGap,
		plannedPerMonth: Math.round(Math.min(settings.creditBudget, (shared.fetchesPerHour * MONTH_MS) / HOUR_MS)),
		turns: new Set(turns),
	};
}

/** A sentence for people when the budget cannot give every entry its longest gap. */
export function shortBudgetText(plan: BudgetPlan, longestGapMs: number): string | null {
	if (plan.fitsLongestGap) return null;
	const n = plan.entries.length;
	const hours = longestGapMs / HOUR_MS;
	const needed = Math.ceil((n * MONTH_MS) / longestGapMs);
	const interval = plan.entries[0] ? plan.entries[0].intervalMs / HOUR_MS : 0;
	return `The credit budget of ${plan.shape.creditsPerMonth.toLocaleString('en-US')} a month cannot fetch each of the ${n} entries every ${hours} h (that needs about ${needed.toLocaleString('en-US')} credits a month): each entry is fetched about every ${Math.round(interval * 10) / 10} h instead. Raise the budget, watch fewer entries, or set a longer Longest Gap.`;
}
