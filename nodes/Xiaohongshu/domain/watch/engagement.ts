/**
 * The trigger's rule engine: given what an entry looked like before, what it looks like
 * now, and the user's rules, decide which events fire and what to remember.
 *
 * Pure (no n8n, no clock): every instant comes in as an argument, so tests can replay
 * weeks of polls with explicit timestamps.
 *
 * Baselines. Every rule except spike compares the current display with a per-rule,
 * per-metric baseline, and a baseline moves only when its rule fires. So slow growth
 * adds up ("+20 a poll" fires an "increase of 100" on the fifth poll), and a display
 * that did not change can never fire. Spike compares with the previous observation
 * instead, because it is about speed since the last poll.
 *
 * Why baselines move only on firing, given how n8n stores static data (saved only when
 * a poll returns items; a silent poll's changes live in memory and die with a restart;
 * a throwing poll saves nothing):
 * - A poll that fires returns items, so the moved baselines are saved with the alert:
 *   after a restart the next poll compares with the moved baseline and cannot repeat
 *   the alert.
 * - A silent poll moves no baseline, so losing it loses nothing: the next poll compares
 *   with the same saved baselines and still sees every change that adds up to a rule.
 *   Only the previous observation and the history (spike inputs) fall back to the last
 *   saved ones; a spike is then measured over a longer interval, never counted twice.
 * - A poll that throws is never committed (the caller commits state only at the end of
 *   a successful poll), so it behaves like a poll that did not happen.
 * - A first observation with "emit baseline" off is silent, so until some alert saves
 *   it a restart starts that entry over from the count seen after the restart.
 */
import { parseCount } from '../payload/counts';
import type { DisplayedCount } from '../payload/counts';
import { provenChange } from './engagementChange';
import type { ProvenChange } from './engagementChange';
import {
	appendHistory,
	averageGrowthPerHour,
	DEFAULT_HISTORY_LIMITS,
	hoursBetween,
} from './engagementHistory';
import type { HistoryPoint } from './engagementHistory';
import type { Metric } from './engagementMetrics';
import { readEngagementText } from '../payload/engagementTotal';
import { emptyEntryState } from './engagementTypes';
import type {
	CountAt,
	EngagementEvent,
	EngagementRule,
	EngineConfig,
	EntryState,
	Evaluation,
	EventKind,
	Observation,
	RuleKind,
	StoredCount,
} from './engagementTypes';

function countAt(count: DisplayedCount, at: number): CountAt {
	return { value: count.value, display: count.display, at };
}

function round(n: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
}

function buildEvent(
	kind: EventKind,
	metric: Metric,
	prev: { count: DisplayedCount; at: number },
	curr: { count: DisplayedCount; at: number },
	change: ProvenChange,
): EngagementEvent {
	const hours = hoursBetween(prev.at, curr.at);
	const prevValue = prev.count.value;
	return {
		kind,
		metric,
		previous: countAt(prev.count, prev.at),
		current: countAt(curr.count, curr.at),
		change: {
			absolute: change.estimate,
			provenAtLeast: change.increase > 0 ? change.increase : -change.decrease,
			percent: prevValue ? round((change.estimate / prevValue) * 100, 2) : null,
		},
		growthPerHour: hours > 0 ? round(change.estimate / hours, 2) : null,
		// A baseline later than now (the clock was set back) leaves the window unknown, not negative.
		from: hours >= 0 ? prev.at : null,
		to: curr.at,
	};
}

function baselineEvent(metric: Metric, count: DisplayedCount, at: number): EngagementEvent {
	return {
		kind: 'baseline',
		metric,
		previous: null,
		current: countAt(count, at),
		change: { absolute: null, provenAtLeast: 0, percent: null },
		growthPerHour: null,
		from: null,
		to: at,
	};
}

/** The smallest increase in % both displays prove; null when the baseline is 0 or unbounded. */
function provenPercent(baseline: DisplayedCount, increase: number): number | null {
	if (baseline.max === null || baseline.max <= 0) return null;
	return (increase / baseline.max) * 100;
}

/** The highest milestone the displays prove was crossed: below it before, at or above it now. */
export function crossedMilestone(
	milestones: readonly number[],
	baseline: DisplayedCount,
	current: DisplayedCount,
): number | null {
	if (baseline.max === null || current.min === null) return null;
	let best: number | null = null;
	for (const m of milestones) {
		if (baseline.max < m && m <= current.min && (best === null || m > best)) best = m;
	}
	return best;
}

/** Whether a threshold rule fires for this change against its baseline, with event extras. */
function thresholdFires(
	rule: Exclude<EngagementRule, { kind: 'spike' }>,
	baseline: DisplayedCount,
	current: DisplayedCount,
	change: ProvenChange,
): Partial<EngagementEvent> | null {
	switch (rule.kind) {
		case 'change':
			return change.increase > 0 || change.decrease > 0 ? {} : null;
		case 'increase':
			return change.increase > 0 && change.increase >= rule.atLeast ? {} : null;
		case 'percentIncrease': {
			if (change.increase <= 0) return null;
			const pct = provenPercent(baseline, change.increase);
			// From a proven 0, any proven increase is infinitely many percent.
			if (pct === null) return baseline.max === 0 ? { provenPercent: null } : null;
			return pct >= rule.atLeastPercent ? { provenPercent: round(pct, 2) } : null;
		}
		case 'milestone': {
			const m = crossedMilestone(rule.milestones, baseline, current);
			return m === null ? null : { milestone: m };
		}
	}
}

function spikeEvent(
	rule: Extract<EngagementRule, { kind: 'spike' }>,
	metric: Metric,
	previous: EntryState,
	current: DisplayedCount,
	at: number,
): EngagementEvent | null {
	const last = previous.last;
	const lastShown = last?.counts[metric];
	if (!last || lastShown === undefined) return null;
	const prev = readStoredCount(metric, lastShown);
	const change = provenChange(prev, current);
	const hours = hoursBetween(last.at, at);
	if (change === null || prev.value === null || hours <= 0) return null;
	if (change.increase <= 0 || change.increase < rule.minIncrease) return null;

	const average = averageGrowthPerHour(previous.history, metric, { at: last.at, value: prev.value });
	// Without a past at least as long as the interval judged, "usual" is unknown.
	if (average === null || average.spanHours < hours) return null;
	const provenPerHour = change.increase / hours;
	const usual = Math.max(average.perHour, 0);
	if (provenPerHour < rule.factor * usual) return null;

	return {
		...buildEvent('spike', metric, { count: prev, at: last.at }, { count: current, at }, change),
		spike: {
			provenPerHour: round(provenPerHour, 2),
			averagePerHour: round(average.perHour, 2),
			averageSpanHours: round(average.spanHours, 2),
			ratio: usual > 0 ? round(provenPerHour / usual, 2) : null,
			factor: rule.factor,
		},
	};
}

/**
 * When the baseline's count was last seen: the previous observation when it still showed the
 * same display, else the baseline's own time. The change happened between that observation and
 * this one, so the window an alert reports is the one these two prove, not the time since the
 * baseline was first taken (which, for a note watched quietly for a month, would be a month).
 */
function lastShowing(before: EntryState, metric: Metric, baseline: StoredCount): number {
	const last = before.last;
	if (last === null || last.at < baseline.at || last.counts[metric] !== baseline.shown) return baseline.at;
	return last.at;
}

/** A count's text as the stored state keeps it, read back into its range (engagement: the four displays it adds up). */
export function readStoredCount(metric: Metric, shown: unknown): DisplayedCount {
	return metric === 'engagement' ? readEngagementText(shown) : parseCount(shown);
}

function rememberedCounts(obs: Observation, metrics: readonly Metric[]): Partial<Record<Metric, string>> {
	const out: Partial<Record<Metric, string>> = {};
	for (const metric of metrics) {
		const count = obs.counts[metric];
		// An unreadable display proves nothing later and may be long: static data does without it.
		if (count && count.value !== null && count.display !== null) out[metric] = count.display;
	}
	return out;
}

function historyPoint(obs: Observation, metrics: readonly Metric[]): HistoryPoint {
	const values: Partial<Record<Metric, number>> = {};
	for (const metric of metrics) {
		const value = obs.counts[metric]?.value;
		if (value !== null && value !== undefined) values[metric] = value;
	}
	return { at: obs.at, values };
}

/**
 * Judges one observation of one entry. `previous` is undefined the first time the entry is
 * seen. Returns the events to emit and the entry's next state (a new object; the input is
 * not changed, so a caller can drop the result if the poll fails later).
 */
export function evaluateObservation(
	previous: EntryState | undefined,
	obs: Observation,
	config: EngineConfig,
): Evaluation {
	const first = previous === undefined;
	const before = previous ?? emptyEntryState();
	const baselines: EntryState['baselines'] = {};
	for (const [kind, perMetric] of Object.entries(before.baselines)) {
		baselines[kind as RuleKind] = { ...perMetric };
	}
	const events: EngagementEvent[] = [];

	for (const metric of config.metrics) {
		const current = obs.counts[metric];
		// A hidden or unreadable count proves nothing; keep every baseline for when it returns.
		if (current === undefined || current.value === null || current.display === null) continue;
		const stored: StoredCount = { at: obs.at, shown: current.display };
		if (first && config.emitBaseline) events.push(baselineEvent(metric, current, obs.at));

		for (const rule of config.rules) {
			if (rule.kind === 'spike') {
				if (first) continue;
				const event = spikeEvent(rule, metric, before, current, obs.at);
				if (event) events.push(event);
				continue;
			}
			const perMetric = (baselines[rule.kind] ??= {});
			const baselineStored = perMetric[metric];
			const baseline = baselineStored ? readStoredCount(metric, baselineStored.shown) : null;
			const change = baseline ? provenChange(baseline, current) : null;
			if (!baselineStored || !baseline || change === null) {
				// New metric, new rule, or a baseline that was unreadable: start from here, silently.
				perMetric[metric] = stored;
				continue;
			}
			const extras = thresholdFires(rule, baseline, current, change);
			if (extras === null) continue;
			const since = lastShowing(before, metric, baselineStored);
			events.push({
				...buildEvent(rule.kind, metric, { count: baseline, at: since }, { count: current, at: obs.at }, change),
				...extras,
			});
			perMetric[metric] = stored;
		}
	}

	// Forget baselines of rules and metrics no longer configured, so state tracks the config.
	const ruleKinds = new Set(config.rules.map((r) => r.kind));
	for (const kind of Object.keys(baselines) as RuleKind[]) {
		const perMetric = baselines[kind];
		if (!ruleKinds.has(kind) || perMetric === undefined) {
			delete baselines[kind];
			continue;
		}
		for (const metric of Object.keys(perMetric) as Metric[]) {
			if (!config.metrics.includes(metric)) delete perMetric[metric];
		}
	}

	const state: EntryState = {
		last: { at: obs.at, counts: rememberedCounts(obs, config.metrics) },
		baselines,
		history: appendHistory(before.history, historyPoint(obs, config.metrics), config.history ?? DEFAULT_HISTORY_LIMITS),
	};
	return { state, events };
}
