/**
 * What watching costs: one parse.bot credit per unique watched entry per poll. Pure
 * arithmetic, so the notice, the canvas estimate, the test event and the one-off warnings say
 * the same thing.
 */
import { isRecord } from '../guards';
import { planCreditsPerMonth, planName } from '../plans';
import { MINUTE_MS, MONTH_MS } from '../units';

export const MINUTES_PER_MONTH = MONTH_MS / MINUTE_MS;

/** Polls in a 30-day month per Poll Times mode that has a fixed rate. */
export const POLLS_PER_MONTH_BY_MODE: Record<string, number> = {
	everyMinute: MINUTES_PER_MONTH,
	everyHour: MINUTES_PER_MONTH / 60,
	everyDay: 30,
	everyWeek: 30 / 7,
	everyMonth: 1,
};

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
		if (!isRecord(item) || typeof item.mode !== 'string') return null;
		if (item.mode === 'everyX') {
			const value = Number(item.value);
			if (!Number.isFinite(value) || value <= 0) return null;
			total += MINUTES_PER_MONTH / (item.unit === 'hours' ? value * 60 : value);
		} else if (Object.hasOwn(POLLS_PER_MONTH_BY_MODE, item.mode)) {
			total += POLLS_PER_MONTH_BY_MODE[item.mode];
		} else {
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
	/** The credential plan's credits a month; null for a Custom plan that states none. */
	planCredits: number | null;
	/** Whether a month at these poll times needs more credits than the plan has. */
	overPlan: boolean;
	/** Seconds one poll takes at the plan's rate. */
	secondsPerPoll: number;
	/** Whether one poll takes longer than a minute, the shortest poll interval. */
	slowerThanAMinute: boolean;
	/** The monthly total in a sentence, with the plan warning when there is one. */
	monthlyText: string;
	/** A sentence for people: the monthly total, the plan warning and the pacing warning. */
	text: string;
}

const credits = (n: number) => `${Math.round(n).toLocaleString('en-US')} ${Math.round(n) === 1 ? 'credit' : 'credits'}`;

/** "about 50 minutes", "about 6 hours", "about 12 days". */
function roughDuration(minutes: number): string {
	if (minutes < 120) return `about ${Math.max(1, Math.round(minutes))} minutes`;
	if (minutes < 48 * 60) return `about ${Math.round(minutes / 60)} hours`;
	return `about ${Math.round(minutes / (24 * 60))} days`;
}

function planWarning(creditsPerMonth: number, planCredits: number, plan: unknown): string {
	const usedUpIn = roughDuration((planCredits * MINUTES_PER_MONTH) / creditsPerMonth);
	return ` That is more than the ${credits(planCredits)} a month of your ${planName(plan)} plan: they would be used up in ${usedUpIn}. Poll less often (Poll Times, e.g. Every Hour), watch fewer entries, or cap the spend with Credit Budget.`;
}

export function watchCost(
	entries: number,
	requestsPerMinute: number,
	monthlyPolls: number | null,
	plan?: unknown,
	customCreditsPerMonth?: unknown,
): WatchCost {
	const secondsPerPoll = entries <= 1 ? 0 : Math.ceil(((entries - 1) * 60) / requestsPerMinute);
	const creditsPerMonth = monthlyPolls === null ? null : entries * monthlyPolls;
	const planCredits = planCreditsPerMonth(plan, customCreditsPerMonth);
	const overPlan = creditsPerMonth !== null && planCredits !== null && creditsPerMonth > planCredits;
	const slowerThanAMinute = secondsPerPoll > 60;
	const perPoll = `Each poll fetches ${entries} ${entries === 1 ? 'entry' : 'entries'} and costs ${credits(entries)}.`;
	const monthlyText =
		creditsPerMonth === null
			? `${perPoll} How many polls a month cannot be told from these Poll Times (a custom schedule).`
			: `Watching ${entries} ${entries === 1 ? 'entry' : 'entries'} at these Poll Times costs about ${credits(creditsPerMonth)} a month.${overPlan && planCredits !== null ? planWarning(creditsPerMonth, planCredits, plan) : ''}`;
	const slow = slowerThanAMinute
		? ` At your plan's ${requestsPerMinute} requests per minute one poll takes about ${secondsPerPoll} s, longer than a minute: poll less often, watch fewer entries, or check the credential's Plan.`
		: '';
	return {
		callsPerPoll: entries,
		creditsPerMonth,
		planCredits,
		overPlan,
		secondsPerPoll,
		slowerThanAMinute,
		monthlyText,
		text: `${creditsPerMonth === null ? monthlyText : `${perPoll} ${monthlyText}`}${slow}`,
	};
}
