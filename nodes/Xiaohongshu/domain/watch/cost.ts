/**
 * What watching costs: one parse.bot credit per watched entry per poll, capped by the Credit
 * Budget, weighed against the credential's plan. Pure arithmetic and wording, so the canvas
 * subtitle, the notice, Fetch Test Event, the poll's warnings and the budget's plan all start
 * from the same numbers; `costVerdict` is the one place the sentences are put together.
 */
import { isRecord } from '../guards';
import { formatCount, planCreditsPerMonth, planName } from '../plans';
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

/** Polls in a 30-day month at the intervals people pick, most often first. */
export const COMMON_INTERVALS: ReadonlyArray<{ label: string; pollsPerMonth: number }> = [
	{ label: 'every minute', pollsPerMonth: MINUTES_PER_MONTH },
	{ label: 'every 15 minutes', pollsPerMonth: MINUTES_PER_MONTH / 15 },
	{ label: 'every hour', pollsPerMonth: MINUTES_PER_MONTH / 60 },
	{ label: 'every day', pollsPerMonth: 30 },
	{ label: 'every week', pollsPerMonth: 30 / 7 },
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

/** "every hour", "every 6 hours", or "at these Poll Times" when there are several or a custom one. */
export function pollTimesLabel(pollTimes: unknown): string {
	const generic = 'at these Poll Times';
	if (!isRecord(pollTimes) || !Array.isArray(pollTimes.item) || pollTimes.item.length !== 1) return generic;
	const [item] = pollTimes.item;
	if (!isRecord(item)) return generic;
	const fixed: Record<string, string> = {
		everyMinute: 'every minute',
		everyHour: 'every hour',
		everyDay: 'every day',
		everyWeek: 'every week',
		everyMonth: 'every month',
	};
	if (typeof item.mode === 'string' && Object.hasOwn(fixed, item.mode)) return fixed[item.mode];
	const value = Number(item.value);
	if (item.mode !== 'everyX' || !Number.isFinite(value) || value <= 0) return generic;
	const unit = item.unit === 'hours' ? 'hour' : 'minute';
	return value === 1 ? `every ${unit}` : `every ${formatCount(value)} ${unit}s`;
}

/** What the credential's plan allows a month; `creditsPerMonth` null when it is not known (Custom). */
export interface PlanAllowance {
	name: string;
	creditsPerMonth: number | null;
}

/** The allowance of the credential's Plan; a Custom plan's credits come from the credential when it has them. */
export function planAllowance(plan: unknown, customCreditsPerMonth?: unknown): PlanAllowance {
	return { name: planName(plan), creditsPerMonth: planCreditsPerMonth(plan, customCreditsPerMonth) };
}

export interface CostFacts {
	/** Entries every poll fetches without a budget: every line that names one, short links not opened yet included. */
	entries: number;
	/** Of `entries`, short links not opened yet (each counted as one entry). */
	unopenedShortLinks?: number;
	requestsPerMinute: number;
	/** Polls a 30-day month at the Poll Times; null when they cannot be told. */
	monthlyPolls: number | null;
	/** How the Poll Times read in a sentence ("every hour"). */
	pollTimes?: string;
	/** The Credit Budget a month; null: none. */
	creditBudget?: number | null;
	/** The credential's plan; null when not known (the editor). */
	plan?: PlanAllowance | null;
	/** Sentences another check on the same list adds after the verdict (e.g. how often n8n lets it poll). */
	extra?: readonly string[];
}

export interface WatchCost {
	/** parse.bot calls (credits) per poll without a budget: one per entry. */
	callsPerPoll: number;
	/** Credits a month every entry on every poll would need; null when the Poll Times cannot be priced. */
	neededPerMonth: number | null;
	/** Credits a month the trigger spends at most: the need, capped by the Credit Budget; null when neither is known. */
	creditsPerMonth: number | null;
	/** The Credit Budget a month; null: none. */
	creditBudget: number | null;
	/** Whether the budget holds the spend below the need. */
	cappedByBudget: boolean;
	/** The credential plan's name, null when not known. */
	planName: string | null;
	/** The credential plan's credits a month; null when not known. */
	planCredits: number | null;
	/** Whether the month's spend (after the budget) is more than the plan has. */
	overPlan: boolean;
	/** Seconds one poll takes at the plan's rate. */
	secondsPerPoll: number;
	/** Whether one poll takes longer than a minute, the shortest poll interval. */
	slowerThanAMinute: boolean;
	/** The verdict in sentences: the spend, what the budget caps, what the plan allows, and what to do. */
	monthlyText: string;
	/** The verdict, with what one poll fetches and the pacing warning. */
	text: string;
}

export const credits = (n: number): string => `${formatCount(Math.round(n))} ${Math.round(n) === 1 ? 'credit' : 'credits'}`;
const entriesText = (n: number) => `${formatCount(n)} ${n === 1 ? 'entry' : 'entries'}`;

/** "about 50 minutes", "about 6 hours", "about 12 days". */
function roughDuration(minutes: number): string {
	if (minutes < 120) return `about ${Math.max(1, Math.round(minutes))} minutes`;
	if (minutes < 48 * 60) return `about ${Math.round(minutes / 60)} hours`;
	return `about ${Math.round(minutes / (24 * 60))} days`;
}

/** The most frequent common interval, less frequent than now, at which the list fits `credits`. */
function fittingInterval(entries: number, monthlyPolls: number | null, limit: number): { label: string; perMonth: number } | null {
	for (const interval of COMMON_INTERVALS) {
		if (monthlyPolls !== null && interval.pollsPerMonth >= monthlyPolls) continue;
		const perMonth = Math.round(entries * interval.pollsPerMonth);
		if (perMonth <= limit) return { label: interval.label, perMonth };
	}
	return null;
}

export function watchCost(facts: CostFacts): WatchCost {
	const { entries, requestsPerMinute, monthlyPolls } = facts;
	const budget = facts.creditBudget ?? null;
	const secondsPerPoll = entries <= 1 ? 0 : Math.ceil(((entries - 1) * 60) / requestsPerMinute);
	const neededPerMonth = monthlyPolls === null ? null : Math.round(entries * monthlyPolls);
	const cappedByBudget = budget !== null && (neededPerMonth === null || neededPerMonth > budget);
	const creditsPerMonth = cappedByBudget ? budget : neededPerMonth;
	const planCredits = facts.plan?.creditsPerMonth ?? null;
	const overPlan = creditsPerMonth !== null && planCredits !== null && creditsPerMonth > planCredits;
	const cost: WatchCost = {
		callsPerPoll: entries,
		neededPerMonth,
		creditsPerMonth,
		creditBudget: budget,
		cappedByBudget,
		planName: facts.plan?.name ?? null,
		planCredits,
		overPlan,
		secondsPerPoll,
		slowerThanAMinute: secondsPerPoll > 60,
		monthlyText: '',
		text: '',
	};
	const sentences = costSentences(cost, facts, facts.extra ?? []);
	cost.monthlyText = sentences.join(' ');
	const perPoll = `Each poll fetches ${entriesText(entries)} and costs ${credits(entries)}.`;
	const slow = cost.slowerThanAMinute
		? ` At your plan's ${requestsPerMinute} requests per minute one poll takes about ${secondsPerPoll} s, longer than a minute: poll less often, watch fewer entries, or check the credential's Plan.`
		: '';
	cost.text = `${neededPerMonth === null ? '' : `${perPoll} `}${cost.monthlyText}${slow}`;
	return cost;
}

/**
 * The verdict, sentence by sentence: what the list needs at these Poll Times, what the
 * budget caps it at, whether the plan has that much, and what to change when it has not.
 * `extra` sentences (another check on the same list) follow the verdict.
 */
export function costSentences(cost: WatchCost, facts: CostFacts, extra: readonly string[] = []): string[] {
	const { entries } = facts;
	const when = facts.pollTimes ?? 'at these Poll Times';
	const unopened = facts.unopenedShortLinks ?? 0;
	const counted =
		unopened > 0
			? unopened === 1
				? ' (1 short link not opened yet, counted as one entry)'
				: ` (${formatCount(unopened)} short links not opened yet, counted as one entry each)`
			: '';
	const out: string[] = [];
	if (cost.neededPerMonth === null) {
		out.push(`Each poll fetches ${entriesText(entries)}${counted} and costs ${credits(entries)}; how many polls a month cannot be told from these Poll Times (a custom schedule).`);
		if (cost.creditBudget !== null) out.push(`The Credit Budget caps it at ${credits(cost.creditBudget)} a month.`);
	} else if (cost.cappedByBudget && cost.creditBudget !== null) {
		out.push(`The Credit Budget caps watching ${entriesText(entries)}${counted} at ${credits(cost.creditBudget)} a month; ${when} would need ${formatCount(cost.neededPerMonth)}.`);
	} else {
		const within = cost.creditBudget !== null ? `, within the Credit Budget of ${formatCount(cost.creditBudget)}` : '';
		out.push(`Watching ${entriesText(entries)}${counted} ${when} costs about ${credits(cost.neededPerMonth)} a month${within}.`);
	}
	if (cost.planCredits !== null && cost.planName !== null && cost.creditsPerMonth !== null) {
		const plan = `your ${cost.planName} plan`;
		if (!cost.overPlan) {
			out.push(`That fits ${plan} (${credits(cost.planCredits)} a month).`);
		} else {
			const usedUpIn = roughDuration((cost.planCredits * MINUTES_PER_MONTH) / cost.creditsPerMonth);
			out.push(`That is more than the ${credits(cost.planCredits)} a month of ${plan}: they would be used up in ${usedUpIn}.`);
			out.push(overPlanAdvice(cost, facts));
		}
	}
	return [...out, ...extra];
}

function overPlanAdvice(cost: WatchCost, facts: CostFacts): string {
	const limit = cost.planCredits ?? 0;
	if (cost.creditBudget !== null) return `Lower the Credit Budget to ${formatCount(limit)} or less.`;
	const fits = fittingInterval(facts.entries, facts.monthlyPolls, limit);
	const poll = fits ? `poll less often (${fits.label} costs about ${formatCount(fits.perMonth)})` : 'watch fewer entries';
	return `Set Credit Budget to ${formatCount(limit)} or less, or ${poll}.`;
}
