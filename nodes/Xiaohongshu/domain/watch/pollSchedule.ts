/**
 * Which watched entries a budgeted poll fetches, and how often each is worth fetching.
 *
 * Each entry gets a wanted interval from what is known about it:
 * - how fast it grew recently, as its displays show (the history the spike rule keeps);
 * - how far it is from the next alert of each rule (+N and +N% from the rule's memory, the
 *   next milestone, the next display step for Any Real Change): the interval aims at half
 *   the time growth at that speed needs to get there, so polls close in on a crossing;
 * - its age: a note's first days are when it moves, so a young note is fetched at least
 *   every twelfth of its age (hourly in its first half day);
 * - the longest gap, which no entry exceeds while the budget allows.
 * The budget's credits per hour are then shared in proportion to those wishes (water
 * filling): no entry more often than every poll, none less often than its longest gap unless
 * the budget cannot pay for that, and what the quiet entries do not need goes to the busy
 * ones. An entry's turn comes when the time since its last fetch reaches its interval.
 *
 * Pure: every instant comes in as an argument.
 */
import { parseCount } from '../payload/counts';
import type { DisplayedCount } from '../payload/counts';
import type { EngagementRule, EntryState } from './engagementTypes';
import { provenChange } from './engagementChange';
import type { Metric } from './engagementMetrics';
import { HOUR_MS } from '../units';


/** Growth is measured over about this much recent history (shorter when there is less). */
const RATE_WINDOW_MS = 6 * HOUR_MS;
/** A note is fetched at least every this-many-th of its age. */
const AGE_DIVISOR = 12;
/** Aim at this share of the time the next alert needs at the current speed. */
const LEAD = 0.5;

export interface ScheduleSettings {
	rules: readonly EngagementRule[];
	metrics: readonly Metric[];
	longestGapMs: number;
	/** Time between the trigger's polls: no entry is fetched more often. */
	pollSpacingMs: number;
}

/** Growth per hour of `metric` over the recent history up to the last observation; null when unknown. */
export function recentGrowthPerHour(state: EntryState, metric: Metric): number | null {
	const last = state.last;
	const shown = last?.counts[metric];
	if (!last || shown === undefined) return null;
	const now = parseCount(shown).value;
	if (now === null) return null;
	let from: { at: number; value: number } | null = null;
	for (const point of state.history) {
		const value = point.values[metric];
		if (value === undefined || point.at >= last.at) continue;
		from = { at: point.at, value };
		if (last.at - point.at <= RATE_WINDOW_MS) break;
	}
	if (from === null) return null;
	return (now - from.value) / ((last.at - from.at) / HOUR_MS);
}

/** The smallest step the display can make from here: 1 for an exact count, the rounding width otherwise. */
function displayStep(count: DisplayedCount): number | null {
	if (count.floor || count.min === null || count.max === null) return null;
	return count.exact ? 1 : Math.max(1, count.max - count.min + 1);
}

/** How much more the count must grow before `rule` fires; null when growth alone cannot make it fire. */
export function distanceToAlert(rule: EngagementRule, metric: Metric, state: EntryState): number | null {
	const shown = state.last?.counts[metric];
	if (shown === undefined) return null;
	const current = parseCount(shown);
	if (current.value === null) return null;
	if (rule.kind === 'change') return displayStep(current);
	if (rule.kind === 'milestone') {
		const lowest = current.min;
		const next = rule.milestones.find((m) => lowest !== null && m > lowest);
		// Proven only once the display's lowest reading reaches it.
		return next === undefined || lowest === null ? null : next - lowest;
	}
	if (rule.kind === 'spike') return null;
	const baselineStored = state.baselines[rule.kind]?.[metric];
	if (!baselineStored) return null;
	const baseline = parseCount(baselineStored.shown);
	const change = provenChange(baseline, current);
	if (change === null) return null;
	const needed =
		rule.kind === 'increase'
			? rule.atLeast
			: baseline.max === null || baseline.max <= 0
				? 1
				: (rule.atLeastPercent / 100) * baseline.max;
	return Math.max(1, needed - change.increase);
}

/**
 * The interval this entry would like, before the budget is shared. `publishedAt`: when the
 * note was created (its id's time or its publish time); null for creators or when unknown.
 */
export function wantedInterval(
	state: EntryState,
	publishedAt: number | null,
	now: number,
	settings: ScheduleSettings,
): number {
	let wanted = settings.longestGapMs;
	for (const metric of settings.metrics) {
		const perHour = recentGrowthPerHour(state, metric);
		if (perHour === null || perHour <= 0) continue;
		for (const rule of settings.rules) {
			const distance = distanceToAlert(rule, metric, state);
			if (distance === null) continue;
			wanted = Math.min(wanted, LEAD * (distance / perHour) * HOUR_MS);
		}
	}
	if (publishedAt !== null && publishedAt <= now) wanted = Math.min(wanted, (now - publishedAt) / AGE_DIVISOR);
	return Math.max(settings.pollSpacingMs, Math.min(wanted, settings.longestGapMs));
}

export interface SharedPlan {
	/** Interval per entry (ms), in the order given. */
	intervals: number[];
	/** Whether every entry can be fetched at least once per longest gap. */
	fitsLongestGap: boolean;
	/** Fetches per hour the plan makes (≤ the budget's credits per hour). */
	fetchesPerHour: number;
}

/**
 * Shares `creditsPerHour` among entries that want `wanted` intervals: each gets a rate
 * proportional to its wish, between one fetch per longest gap and one per poll. When even
 * one fetch per longest gap is more than the budget pays for, every entry gets the same,
 * longer interval.
 */
export function shareBudget(
	wanted: readonly number[],
	creditsPerHour: number,
	settings: Pick<ScheduleSettings, 'longestGapMs' | 'pollSpacingMs'>,
): SharedPlan {
	const n = wanted.length;
	if (n === 0) return { intervals: [], fitsLongestGap: true, fetchesPerHour: 0 };
	const slowest = HOUR_MS / settings.longestGapMs;
	const fastest = HOUR_MS / settings.pollSpacingMs;
	const wish = wanted.map((ms) => HOUR_MS / ms);
	const total = (scale: number) => wish.reduce((sum, w) => sum + Math.min(fastest, Math.max(slowest, w * scale)), 0);

	if (n * slowest > creditsPerHour) {
		const uniform = creditsPerHour > 0 ? (n * HOUR_MS) / creditsPerHour : Number.POSITIVE_INFINITY;
		return { intervals: wanted.map(() => uniform), fitsLongestGap: false, fetchesPerHour: creditsPerHour };
	}
	if (n * fastest <= creditsPerHour) {
		return { intervals: wanted.map(() => settings.pollSpacingMs), fitsLongestGap: true, fetchesPerHour: n * fastest };
	}
	// total() grows with the scale; bisect on a log scale for the one that spends the budget.
	let low = 1e-9;
	let high = 1e9;
	for (let i = 0; i < 100; i++) {
		const mid = Math.sqrt(low * high);
		if (total(mid) > creditsPerHour) high = mid;
		else low = mid;
	}
	const rates = wish.map((w) => Math.min(fastest, Math.max(slowest, w * low)));
	return {
		intervals: rates.map((r) => HOUR_MS / r),
		fitsLongestGap: true,
		fetchesPerHour: rates.reduce((a, b) => a + b, 0),
	};
}

export interface Candidate {
	key: string;
	/** When the entry was last fetched (whatever came back); null: never. */
	lastFetchAt: number | null;
	intervalMs: number;
}

/**
 * The entries whose turn has come, most overdue first (new entries before all), at most
 * `credits` of them. A turn counts as come half a poll early, so an entry due "in an hour"
 * is not pushed to the next poll by the seconds a poll takes.
 */
export function pickTurns(candidates: readonly Candidate[], now: number, credits: number, pollSpacingMs: number): string[] {
	const due: Array<{ key: string; priority: number }> = [];
	for (const c of candidates) {
		if (c.lastFetchAt === null) {
			due.push({ key: c.key, priority: Number.POSITIVE_INFINITY });
			continue;
		}
		const waited = now - c.lastFetchAt;
		if (waited + pollSpacingMs / 2 >= c.intervalMs) due.push({ key: c.key, priority: waited / c.intervalMs });
	}
	due.sort((a, b) => b.priority - a.priority);
	return due.slice(0, Math.max(0, credits)).map((d) => d.key);
}
