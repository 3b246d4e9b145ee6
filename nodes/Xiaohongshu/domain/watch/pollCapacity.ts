/**
 * How much of the watch list one poll can fetch inside the time n8n gives it.
 *
 * n8n 2.x's durable scheduler abandons a poll that runs past its timeout (45 s by default):
 * its events are never dispatched and its state never committed, yet every call it made was
 * a credit. So a poll fetches only the calls that can finish inside its time budget, at the
 * start times the pacing schedule will really give them, with one answer's latency to spare;
 * the rest waits for the next poll. Entries go most overdue first (never fetched before all,
 * then the longest since their last fetch), so an entry left out moves up and none starves:
 * a list that needs P polls has every entry fetched at least once every P polls.
 *
 * Pure: every instant and every length comes in as an argument.
 */
import { MINUTE_MS } from '../units';

/**
 * What n8n 2.x's legacy poller answers to getPollBudgetMs(), and what a poll gets where n8n
 * does not say (1.x runs polls with the same engine and no timeout of its own).
 */
export const LEGACY_POLL_BUDGET_MS = 5 * MINUTE_MS;

/**
 * A poll ends within this share of the time between polls. The legacy pollers (n8n 1.x, and 2.x
 * without the durable scheduler) start the next poll on time even while the last one still
 * runs; two polls at once would fetch the same entries twice and could alert twice.
 */
export const POLL_SPACING_SHARE = 0.6;

/** Time allowed for one answer to come back once its call starts (parse.bot's scraper takes seconds). */
export const ANSWER_ALLOWANCE_MS = 10_000;

/**
 * The time one poll may spend, from its start. `n8nBudgetMs`: what getPollBudgetMs() answered
 * (n8n has already kept its own margin out of it), null where n8n does not have it.
 * `pollSpacingMs`: time between polls; null when it cannot be told (a cron expression), read
 * as a minute, the shortest n8n allows.
 */
export function pollTimeBudgetMs(n8nBudgetMs: number | null, pollSpacingMs: number | null): number {
	const fromN8n = n8nBudgetMs !== null && Number.isFinite(n8nBudgetMs) && n8nBudgetMs > 0 ? n8nBudgetMs : LEGACY_POLL_BUDGET_MS;
	const spacing = pollSpacingMs !== null && Number.isFinite(pollSpacingMs) && pollSpacingMs > 0 ? pollSpacingMs : MINUTE_MS;
	return Math.min(fromN8n, POLL_SPACING_SHARE * spacing);
}

/**
 * How many of the next calls finish by `deadline` when they start at `projectedStarts`
 * (non-decreasing, as a pacing schedule hands them out) and each needs `answerMs` to answer.
 * Only a leading run counts: the calls go out in that order.
 */
export function callsThatFit(projectedStarts: readonly number[], deadline: number, answerMs: number = ANSWER_ALLOWANCE_MS): number {
	let fit = 0;
	while (fit < projectedStarts.length && projectedStarts[fit] + answerMs <= deadline) fit++;
	return fit;
}

/**
 * How a key's calls start on a schedule free of earlier calls: evenly, one every `spacingMs`;
 * or, where bursts go through, `perWindow` at once and as many again every `windowSpanMs`.
 */
export interface CallPace {
	spacingMs: number;
	perWindow?: number;
	windowSpanMs?: number;
}

/**
 * Calls a poll can make on a schedule free at its start: what each poll gets when polls are far
 * enough apart for the key's window to be free again.
 */
export function callsPerPoll(budgetMs: number, pace: CallPace, answerMs: number = ANSWER_ALLOWANCE_MS): number {
	if (!(budgetMs >= answerMs)) return 0;
	if (pace.perWindow !== undefined && pace.windowSpanMs !== undefined && pace.perWindow >= 1 && pace.windowSpanMs > 0) {
		return pace.perWindow * (Math.floor((budgetMs - answerMs) / pace.windowSpanMs) + 1);
	}
	if (!(pace.spacingMs > 0)) return Number.POSITIVE_INFINITY;
	return Math.floor((budgetMs - answerMs) / pace.spacingMs) + 1;
}

export interface PollCandidate {
	key: string;
	/** When the entry was last fetched (whatever came back); null: never. */
	lastFetchAt: number | null;
}

/** Most overdue first: never fetched before all (in list order), then the oldest last fetch. */
export function pollOrder<T extends PollCandidate>(candidates: readonly T[]): T[] {
	return candidates
		.map((candidate, index) => ({ candidate, index }))
		.sort((a, b) => {
			const x = a.candidate.lastFetchAt ?? Number.NEGATIVE_INFINITY;
			const y = b.candidate.lastFetchAt ?? Number.NEGATIVE_INFINITY;
			return x === y ? a.index - b.index : x < y ? -1 : 1;
		})
		.map((x) => x.candidate);
}

export interface Coverage {
	entries: number;
	/** Entries one poll fetches at most. */
	perPoll: number;
	/** Whether one poll fetches the whole list. */
	fitsOnePoll: boolean;
	/** Polls it takes to fetch every entry once; Infinity when a poll can fetch none. */
	pollsToCover: number;
	/** About how often each entry is fetched (ms); Infinity when never. */
	coveredEveryMs: number;
}

export function coverage(entries: number, perPoll: number, pollSpacingMs: number): Coverage {
	const polls = entries === 0 ? 1 : perPoll <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(entries / perPoll);
	return {
		entries,
		perPoll,
		fitsOnePoll: entries <= perPoll,
		pollsToCover: polls,
		coveredEveryMs: polls * pollSpacingMs,
	};
}

function minutes(ms: number): string {
	const m = Math.round(ms / MINUTE_MS);
	if (m < 120) return `${Math.max(1, m)} min`;
	return `${Math.round((m / 60) * 10) / 10} h`;
}

/**
 * A sentence for people when the list cannot be fetched whole in one poll; null when it can.
 * `requestsPerMinute`: the plan's rate, named so the reader knows what limits it.
 */
export function coverageText(c: Coverage, requestsPerMinute: number, budgetMs: number): string | null {
	if (c.fitsOnePoll) return null;
	const budget = `${Math.round(budgetMs / 1000)} s`;
	if (c.perPoll <= 0) {
		return `A poll has ${budget}, too little for even one call to parse.bot to answer: nothing on the list is fetched. Poll less often (Poll Times), or raise n8n's poll timeout (N8N_SCHEDULER_POLL_TIMEOUT).`;
	}
	return `This list cannot be polled as often as asked: at your plan's ${requestsPerMinute} requests per minute one poll (${budget}) fetches ${c.perPoll} of the ${c.entries} entries, so each entry is fetched about every ${minutes(c.coveredEveryMs)} (${c.pollsToCover} polls). Watch fewer entries or choose a faster plan.`;
}
