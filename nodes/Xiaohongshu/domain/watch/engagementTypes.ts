/**
 * What the rule engine (engagement.ts) works with: the user's rules, an entry's remembered
 * state, one observation, and the events it emits.
 */
import type { DisplayedCount } from '../payload/counts';
import type { HistoryLimits, HistoryPoint } from './engagementHistory';
import type { Metric } from './engagementMetrics';

export type EngagementRule =
	| { kind: 'change' }
	| { kind: 'increase'; atLeast: number }
	| { kind: 'percentIncrease'; atLeastPercent: number }
	| { kind: 'milestone'; milestones: number[] }
	| { kind: 'spike'; factor: number; minIncrease: number };

export type RuleKind = EngagementRule['kind'];
export type EventKind = 'baseline' | RuleKind;

/** A count as remembered in static data: the display text (re-read with readStoredCount) and when. */
export interface StoredCount {
	at: number;
	shown: string;
}

export interface EntryState {
	/** The previous observation: the spike rule measures speed since then. */
	last: { at: number; counts: Partial<Record<Metric, string>> } | null;
	/** Per rule and metric, the count the rule last fired at (or first saw). */
	baselines: Partial<Record<RuleKind, Partial<Record<Metric, StoredCount>>>>;
	history: HistoryPoint[];
}

export interface Observation {
	/** Epoch ms the counts were observed. */
	at: number;
	counts: Partial<Record<Metric, DisplayedCount>>;
}

export interface EngineConfig {
	metrics: readonly Metric[];
	rules: readonly EngagementRule[];
	/** Whether an entry's first observation emits its current counts. */
	emitBaseline: boolean;
	history?: HistoryLimits;
}

export interface CountAt {
	value: number | null;
	display: string | null;
	at: number;
}

export interface EngagementEvent {
	kind: EventKind;
	metric: Metric;
	/** Null for a baseline: there is nothing before it. */
	previous: CountAt | null;
	current: CountAt;
	change: {
		/** Difference of the displayed values, as a reader would compute it. */
		absolute: number | null;
		/** The smallest change the displays prove (positive up, negative down). */
		provenAtLeast: number;
		/** `absolute` relative to the previous value, in %; null when that was 0 or unknown. */
		percent: number | null;
	};
	/** `absolute` per hour over the window; null when the window has no length. */
	growthPerHour: number | null;
	/** Epoch ms the window starts (the previous count's time); null for a baseline, or when the clock went back past it. */
	from: number | null;
	to: number;
	/** For milestone events: the highest milestone proven crossed. */
	milestone?: number;
	/** For percentIncrease events: the smallest increase in % the displays prove. */
	provenPercent?: number | null;
	/** For spike events: how the last interval compares with the entry's own average. */
	spike?: {
		provenPerHour: number;
		averagePerHour: number;
		averageSpanHours: number;
		/** provenPerHour / averagePerHour; null when the average is 0 or negative. */
		ratio: number | null;
		factor: number;
	};
}

export interface Evaluation {
	state: EntryState;
	events: EngagementEvent[];
}

export function emptyEntryState(): EntryState {
	return { last: null, baselines: {}, history: [] };
}
