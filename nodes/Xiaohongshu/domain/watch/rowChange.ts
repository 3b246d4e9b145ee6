/**
 * Change detection against a row the user keeps (a sheet, an Airtable base, an n8n Data table):
 * the previous counts come in with the item, the current counts from parse.bot, and the
 * trigger's own rule engine (engagement.ts) judges them. No state of its own: the row is the
 * memory, so a manual run, a queue-mode worker and a restart all see the same thing.
 *
 * Pure: no n8n, no clock (the caller passes `now`).
 *
 * Rounding. A count's displayed text ("3.5万") proves a range; the row should keep it next to
 * the number (the node's `likesText` beside `likes`). Without it, a bare number is read as
 * conservatively as the site could have shown it: from 10,000 up the site rounds, so a number
 * that is the centre of a rounded display (35,000 = "3.5万") is read as that display's range,
 * and a round power of ten (10,000, 100,000) as a possible floor ("1w+", "10万+"). Reading a
 * number more widely than it was only weakens what is proven; it never proves a change that
 * did not happen.
 */
import { formatCount, parseCount } from '../payload/counts';
import type { DisplayedCount } from '../payload/counts';
import { evaluateObservation, readStoredCount } from './engagement';
import { provenChange } from './engagementChange';
import type { HistoryPoint } from './engagementHistory';
import type { Metric } from './engagementMetrics';
import { summarizeEvent } from './engagementSummary';
import type { EngagementEvent, EngagementRule, EntryState, RuleKind, StoredCount } from './engagementTypes';

/** What a row holds for one metric: the number column and the displayed-text column, as read. */
export interface RowCount {
	number?: unknown;
	text?: unknown;
}

export interface RowComparisonInput {
	metrics: readonly Metric[];
	rules: readonly EngagementRule[];
	previous: Partial<Record<Metric, RowCount>>;
	/** Epoch ms the previous counts were read (the row's fetchedAt); null when the row does not say. */
	previousAt: number | null;
	/** Epoch ms the counts were 0 (a note's publication), the spike rule's "own average" origin; null if unknown. */
	origin: number | null;
	current: Partial<Record<Metric, DisplayedCount>>;
	now: number;
	/** How the entry is named in summaries: a quoted title, or "note <id>". */
	label: string;
}

export type CountBasis = 'text' | 'number';

export interface MetricChange {
	before: number | null;
	beforeText: string | null;
	/** Which of the row's columns the comparison read: the displayed text, or the number alone. */
	basis: CountBasis;
	after: number | null;
	afterText: string | null;
	/** The smallest change both counts prove: positive up, negative down, 0 when none is proven. */
	provenChange: number | null;
	/** The difference a reader of the two numbers would compute. */
	difference: number | null;
	rulesFired: RuleKind[];
	summary: string | null;
}

export interface RowChange {
	/** At least one rule fired. */
	changed: boolean;
	/** The row had no readable previous count for any metric: this run only records the counts. */
	baseline: boolean;
	rulesFired: RuleKind[];
	/** The fired rules' one-line summaries, joined with " · "; null when nothing fired. */
	summary: string | null;
	metrics: Partial<Record<Metric, MetricChange>>;
}

const ROUNDED_FROM = 10_000;

function isPowerOfTen(n: number): boolean {
	let x = n;
	while (x >= 10 && x % 10 === 0) x /= 10;
	return x === 1;
}

/** A number without its display, read as widely as the site could have shown it (see the header). */
export function readBareNumber(raw: unknown): DisplayedCount {
	const count = parseCount(raw);
	const n = count.value;
	if (n === null || n < ROUNDED_FROM) return count;
	if (isPowerOfTen(n)) return { value: n, display: String(n), exact: false, floor: true, min: n, max: null };
	const shown = parseCount(formatCount(n));
	return shown.value === n ? shown : count;
}

function isBlank(raw: unknown): boolean {
	return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * A row's previous count: its text when readable and consistent with the number next to it
 * (a number someone corrected by hand wins over a stale text), else the number alone.
 */
export function readRowCount(metric: Metric, row: RowCount | undefined): { count: DisplayedCount; basis: CountBasis } | null {
	if (!row) return null;
	const fromNumber = isBlank(row.number) ? null : readBareNumber(row.number);
	if (!isBlank(row.text)) {
		const fromText = readStoredCount(metric, typeof row.text === 'number' ? String(row.text) : row.text);
		const n = parseCount(row.number).value;
		const consistent =
			n === null || (fromText.min !== null && n >= fromText.min && (fromText.max === null || n <= fromText.max));
		if (fromText.value !== null && fromText.display !== null && consistent) return { count: fromText, basis: 'text' };
	}
	if (fromNumber && fromNumber.value !== null) return { count: fromNumber, basis: 'number' };
	return null;
}

/** The display a count is remembered by, so that readStoredCount reads back the same range. */
function storedShown(count: DisplayedCount, basis: CountBasis): string {
	if (basis === 'text') return count.display as string;
	// A widened bare number: its display is the site's rendering (or the floor's "1w+"-like reading).
	if (count.floor) return `${count.value}+`;
	return count.display as string;
}

function signedProven(prev: DisplayedCount, curr: DisplayedCount): number | null {
	const change = provenChange(prev, curr);
	if (change === null) return null;
	return change.increase > 0 ? change.increase : change.decrease > 0 ? -change.decrease : 0;
}

/** Compares the row's counts with the current ones under the user's rules. */
export function compareWithRow(input: RowComparisonInput): RowChange {
	const prevAt = input.previousAt !== null && input.previousAt <= input.now ? input.previousAt : null;
	// Without a known time the window is unknown: judged as if just now (no rate, no spike).
	const at = prevAt ?? input.now;
	const lastCounts: Partial<Record<Metric, string>> = {};
	const previous: Partial<Record<Metric, { count: DisplayedCount; basis: CountBasis }>> = {};
	for (const metric of input.metrics) {
		const read = readRowCount(metric, input.previous[metric]);
		if (read === null) continue;
		previous[metric] = read;
		lastCounts[metric] = storedShown(read.count, read.basis);
	}

	const metrics: Partial<Record<Metric, MetricChange>> = {};
	const known = Object.keys(lastCounts) as Metric[];
	if (known.length === 0) {
		for (const metric of input.metrics) {
			const curr = input.current[metric];
			if (curr) metrics[metric] = metricChange(null, 'number', curr, [], []);
		}
		return { changed: false, baseline: true, rulesFired: [], summary: null, metrics };
	}

	const baselines: EntryState['baselines'] = {};
	for (const rule of input.rules) {
		if (rule.kind === 'spike') continue;
		const perMetric: Partial<Record<Metric, StoredCount>> = {};
		for (const metric of known) perMetric[metric] = { at, shown: lastCounts[metric] as string };
		baselines[rule.kind] = perMetric;
	}
	// The spike rule's "usual" speed: from the origin (counts were 0) to the previous read.
	const history: HistoryPoint[] = [];
	if (prevAt !== null && input.origin !== null && input.origin < prevAt) {
		const values: Partial<Record<Metric, number>> = {};
		for (const metric of known) values[metric] = 0;
		history.push({ at: input.origin, values });
	}
	const state: EntryState = { last: { at, counts: lastCounts }, baselines, history };
	const { events } = evaluateObservation(state, { at: input.now, counts: input.current }, {
		metrics: input.metrics,
		rules: input.rules,
		emitBaseline: false,
	});
	const judged = events.map((event) => (prevAt === null ? withoutWindow(event) : event));
	const summaries = judged.map((event) => summarizeEvent(input.label, event));

	for (const metric of input.metrics) {
		const curr = input.current[metric];
		const prev = previous[metric];
		if (!curr && !prev) continue;
		const fired = judged.map((event, i) => ({ event, i })).filter(({ event }) => event.metric === metric);
		metrics[metric] = metricChange(
			prev ?? null,
			prev?.basis ?? 'number',
			curr ?? parseCount(null),
			fired.map(({ event }) => event.kind as RuleKind),
			fired.map(({ i }) => summaries[i]),
		);
	}
	const rulesFired = input.rules.map((rule) => rule.kind).filter((kind) => judged.some((event) => event.kind === kind));
	return {
		changed: judged.length > 0,
		baseline: false,
		rulesFired,
		summary: summaries.length > 0 ? summaries.join(' · ') : null,
		metrics,
	};
}

function withoutWindow(event: EngagementEvent): EngagementEvent {
	return { ...event, from: null, growthPerHour: null };
}

function metricChange(
	prev: { count: DisplayedCount; basis: CountBasis } | null,
	basis: CountBasis,
	curr: DisplayedCount,
	rulesFired: RuleKind[],
	summaries: string[],
): MetricChange {
	const before = prev?.count ?? null;
	return {
		before: before?.value ?? null,
		beforeText: before?.display ?? null,
		basis,
		after: curr.value,
		afterText: curr.display,
		provenChange: before ? signedProven(before, curr) : null,
		difference: before?.value !== null && before?.value !== undefined && curr.value !== null ? curr.value - before.value : null,
		rulesFired,
		summary: summaries.length > 0 ? summaries.join(' · ') : null,
	};
}
