/**
 * What watching costs: one parse.bot credit per unique watched entry per poll. Pure
 * arithmetic, so the notice, the test event and the one-off warning say the same thing.
 */
import { isRecord } from '../domain/isRecord';

const MINUTES_PER_MONTH = 30 * 24 * 60;

/** Polls in a 30-day month at the intervals people pick, for the static notice. */
export const COMMON_INTERVALS: ReadonlyArray<{ label: string; pollsPerMonth: number }> = [
	{ label: 'every minute', pollsPerMonth: MINUTES_PER_MONTH },
	{ label: 'every 15 minutes', pollsPerMonth: MINUTES_PER_MONTH / 15 },
	{ label: 'every hour', pollsPerMonth: MINUTES_PER_MONTH / 60 },
	{ label: 'every day', pollsPerMonth: 30 },
];

/**
 * Polls per 30-day month for n8n's "Poll Times" setting, or null when it cannot be told
 * (a custom cron expression, or nothing set).
 */
export function pollsPerMonth(pollTimes: unknown): number | null {
	if (!isRecord(pollTimes) || !Array.isArray(pollTimes.item) || pollTimes.item.length === 0) return null;
	let total = 0;
	for (const item of pollTimes.item) {
		if (!isRecord(item)) return null;
		switch (item.mode) {
			case 'everyMinute':
				total += MINUTES_PER_MONTH;
				break;
			case 'everyHour':
				total += MINUTES_PER_MONTH / 60;
				break;
			case 'everyDay':
				total += 30;
				break;
			case 'everyWeek':
				total += 30 / 7;
				break;
			case 'everyMonth':
				total += 1;
				break;
			case 'everyX': {
				const value = Number(item.value);
				if (!Number.isFinite(value) || value <= 0) return null;
				const minutes = item.unit === 'hours' ? value * 60 : value;
				total += MINUTES_PER_MONTH / minutes;
				break;
			}
			default:
				return null;
		}
	}
	return Math.round(total);
}

export interface WatchCost {
	/** parse.bot calls (credits) per poll: one per unique valid entry. */
	callsPerPoll: number;
	/** Credits per 30-day month at the configured poll times; null when they cannot be told. */
	creditsPerMonth: number | null;
	/** Seconds one poll takes at the plan's rate. */
	secondsPerPoll: number;
	/** Whether one poll takes longer than a minute, the shortest poll interval. */
	slowerThanAMinute: boolean;
	/** A sentence for people. */
	text: string;
}

export function watchCost(entries: number, requestsPerMinute: number, monthlyPolls: number | null): WatchCost {
	const secondsPerPoll = entries <= 1 ? 0 : Math.ceil(((entries - 1) * 60) / requestsPerMinute);
	const creditsPerMonth = monthlyPolls === null ? null : entries * monthlyPolls;
	const slowerThanAMinute = secondsPerPoll > 60;
	const monthly =
		creditsPerMonth === null
			? ''
			: ` At the trigger's poll times that is about ${creditsPerMonth.toLocaleString('en-US')} credits a month.`;
	const slow = slowerThanAMinute
		? ` At your plan's ${requestsPerMinute} requests per minute one poll takes about ${secondsPerPoll} s, longer than a minute: poll less often, watch fewer entries, or check the credential's Plan.`
		: '';
	return {
		callsPerPoll: entries,
		creditsPerMonth,
		secondsPerPoll,
		slowerThanAMinute,
		text: `Each poll fetches ${entries} ${entries === 1 ? 'entry' : 'entries'} and costs ${entries} parse.bot ${entries === 1 ? 'credit' : 'credits'}.${monthly}${slow}`,
	};
}
