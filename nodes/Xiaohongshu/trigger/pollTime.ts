/**
 * The time a poll has, as n8n tells it, and the pacing schedule its calls will wait on: what
 * the poll cycle and Fetch Test Event plan their calls against (domain/watch/pollCapacity.ts).
 */
import type { IPollFunctions } from 'n8n-workflow';

import { callsPerPoll, callsThatFit, coverage, coverageText, pollTimeBudgetMs } from '../domain/watch/pollCapacity';
import type { CallPace, Coverage } from '../domain/watch/pollCapacity';
import { pollsPerMonth } from '../domain/watch/cost';
import { MINUTE_MS, MONTH_MS } from '../domain/units';
import { loadParseBotConfig, pacingLimitsOf } from '../transport/config';
import { scheduleFor } from '../transport/pacing';
import type { CallSchedule } from '../transport/pacing';

/** What n8n's getPollBudgetMs() answers; null on n8n 1.x, which does not have it. */
export function n8nPollBudgetMs(ctx: IPollFunctions): number | null {
	const ask = (ctx as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	if (typeof ask !== 'function') return null;
	const budget = ask.call(ctx);
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : null;
}

/** Time between polls from Poll Times; null when it cannot be told (a cron expression). */
export function pollSpacingOrNull(pollTimes: unknown): number | null {
	const polls = pollsPerMonth(pollTimes);
	return polls === null || polls <= 0 ? null : MONTH_MS / polls;
}

export interface PollClock {
	budgetMs: number;
	/** Every call of this poll must have answered by then. */
	deadline: number;
	schedule: CallSchedule;
	requestsPerMinute: number;
	/** Calls a poll gets on a free schedule: what the list's coverage is told from. */
	perPoll: number;
	pollSpacingMs: number | null;
}

export async function pollClock(ctx: IPollFunctions, startedAt: number): Promise<PollClock> {
	const config = await loadParseBotConfig(ctx);
	const schedule = scheduleFor(config.pacingKey, pacingLimitsOf(config));
	const pollSpacingMs = pollSpacingOrNull(ctx.getNodeParameter('pollTimes', {}));
	const budgetMs = pollTimeBudgetMs(n8nPollBudgetMs(ctx), pollSpacingMs);
	return {
		budgetMs,
		deadline: startedAt + budgetMs,
		schedule,
		requestsPerMinute: config.requestsPerMinute,
		perPoll: callsPerPoll(budgetMs, paceOf(schedule)),
		pollSpacingMs,
	};
}

/** How the key's calls start on a free schedule: a window's share at once, or evenly spaced where its limiter refuses bursts. */
export function paceOf(schedule: CallSchedule): CallPace {
	return schedule.bursts === 'refused'
		? { spacingMs: schedule.spacingMs }
		: { spacingMs: schedule.spacingMs, perWindow: schedule.windowBudget, windowSpanMs: schedule.windowSpanMs };
}

/** How many of `count` calls this poll can still finish, starting now. */
export function callsLeft(clock: PollClock, count: number, now: number): number {
	return callsThatFit(clock.schedule.projectedStartTimes(count, now), clock.deadline);
}

/** How often each of `entries` is fetched at these Poll Times, and the sentence when not every poll. */
export function listCoverage(clock: PollClock, entries: number): { coverage: Coverage; text: string | null } {
	const c = coverage(entries, clock.perPoll, clock.pollSpacingMs ?? MINUTE_MS);
	return { coverage: c, text: coverageText(c, clock.requestsPerMinute, clock.budgetMs) };
}
