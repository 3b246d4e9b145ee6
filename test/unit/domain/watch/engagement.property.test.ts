import fc from 'fast-check';

import { formatCount, parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { evaluateObservation } from '../../../../nodes/Xiaohongshu/domain/watch/engagement';
import type { EngagementEvent, EngagementRule, EngineConfig, EntryState } from '../../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import type { Metric } from '../../../../nodes/Xiaohongshu/domain/watch/engagementMetrics';
import { summarizeEvent } from '../../../../nodes/Xiaohongshu/domain/watch/engagementSummary';
import { decodeEntry, encodeEntry } from '../../../../nodes/Xiaohongshu/domain/watch/watchEntryCodec';
import { decodeWatchState, encodeWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchStateCodec';
import { anyText, fuzz, holds, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';

const METRICS: Metric[] = ['likes', 'comments'];
const START_MS = Date.UTC(2026, 0, 1);

/** How the site may show a true count n: every one of these is true to n. */
type Rendering = 'exact' | 'rounded' | 'floor' | 'hidden' | 'junk' | 'huge';
const TRUE_RENDERINGS: Record<Exclude<Rendering, 'junk'>, (n: number) => string> = {
	exact: (n) => String(n),
	rounded: (n) => formatCount(n),
	floor: (n) => `${Math.floor(n / 10_000)}w+`,
	hidden: () => '',
	huge: () => '9'.repeat(400),
};

interface Step {
	seconds: number;
	values: number[];
	renderings: Rendering[];
	junk: string;
}

const step: fc.Arbitrary<Step> = fc.record({
	seconds: fc.integer({ min: 1, max: 3 * 86_400 }),
	values: fc.array(fc.integer({ min: -2_000, max: 200_000 }), { minLength: METRICS.length, maxLength: METRICS.length }),
	renderings: fc.array(fc.constantFrom<Rendering>('exact', 'exact', 'rounded', 'rounded', 'floor', 'hidden', 'junk', 'huge'), {
		minLength: METRICS.length,
		maxLength: METRICS.length,
	}),
	junk: anyText(20),
});

const rule: fc.Arbitrary<EngagementRule> = fc.oneof(
	fc.constant<EngagementRule>({ kind: 'change' }),
	fc.integer({ min: 1, max: 50_000 }).map((atLeast): EngagementRule => ({ kind: 'increase', atLeast })),
	fc.integer({ min: 1, max: 500 }).map((atLeastPercent): EngagementRule => ({ kind: 'percentIncrease', atLeastPercent })),
	fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 5 }).map((milestones): EngagementRule => ({ kind: 'milestone', milestones })),
	fc
		.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: 0, max: 1_000 }))
		.map(([factor, minIncrease]): EngagementRule => ({ kind: 'spike', factor, minIncrease })),
);

const scenario: fc.Arbitrary<Scenario> = fc.record({
	steps: fc.array(step, { minLength: 1, maxLength: 15 }),
	rules: fc.uniqueArray(rule, { minLength: 1, maxLength: 5, selector: (r) => r.kind }),
	emitBaseline: fc.boolean(),
});

function numbersIn(value: unknown, out: number[] = []): number[] {
	if (typeof value === 'number') out.push(value);
	else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
	else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
	return out;
}

interface Replay {
	events: EngagementEvent[];
	states: EntryState[];
	/** The true count of each metric at each observation time. */
	truth: Map<number, number[]>;
}

interface Scenario {
	steps: Step[];
	rules: EngagementRule[];
	emitBaseline: boolean;
}

function replay(s: Scenario): Replay {
	const config: EngineConfig = { metrics: METRICS, rules: s.rules, emitBaseline: s.emitBaseline };
	let state: EntryState | undefined;
	let at = START_MS;
	let current = METRICS.map(() => 0);
	const events: EngagementEvent[] = [];
	const states: EntryState[] = [];
	const truth = new Map<number, number[]>();
	for (const { seconds, values, renderings, junk } of s.steps) {
		at += seconds * 1000;
		current = current.map((v, i) => Math.max(0, v + values[i]));
		truth.set(at, current);
		const counts: Partial<Record<Metric, ReturnType<typeof parseCount>>> = {};
		METRICS.forEach((metric, i) => {
			const rendering = renderings[i];
			// Junk starts with '?' so that it is never a readable count that lies about the truth.
			counts[metric] = parseCount(rendering === 'junk' ? `?${junk}` : TRUE_RENDERINGS[rendering](current[i]));
		});
		const evaluation = evaluateObservation(state, { at, counts }, config);
		events.push(...evaluation.events);
		states.push(evaluation.state);
		state = evaluation.state;
	}
	return { events, states, truth };
}

describe('engagement rules and state codec properties', () => {
	// One replay serves three properties: replaying is what costs time.
	it('fire no increase or milestone the true counts did not make, in finite numbers, with a state the codec keeps', () => {
		fc.assert(
			fc.property(scenario, (s) => {
				const { events, states, truth } = replay(s);
				for (const event of events) {
					holds(numbersIn(event).every(Number.isFinite), `non-finite number in ${JSON.stringify(event)}`);
					holds(!/Infinity|NaN/.test(summarizeEvent('"a note"', event)), `summary of ${JSON.stringify(event)}`);
					if (event.previous === null) continue;
					const i = METRICS.indexOf(event.metric);
					const before = truth.get(event.previous.at)![i];
					const after = truth.get(event.current.at)![i];
					const proven = event.change.provenAtLeast;
					const what = `${event.kind} event, true counts ${before} -> ${after}: ${JSON.stringify(event)}`;
					holds(proven <= 0 || after - before >= proven, `unproven increase: ${what}`);
					holds(proven >= 0 || before - after >= -proven, `unproven decrease: ${what}`);
					holds(event.kind !== 'change' || proven !== 0, `change of ±0: ${what}`);
					holds(event.milestone === undefined || (before < event.milestone && event.milestone <= after), `milestone not crossed: ${what}`);
				}
				const last = states[states.length - 1];
				const stored = JSON.parse(JSON.stringify(encodeEntry(last)));
				holds(numbersIn(stored).every(Number.isFinite), `non-finite number stored: ${JSON.stringify(stored)}`);
				expect(decodeEntry(stored)).toEqual(last);
			}),
			fuzz(1641),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('read any saved state, however damaged, without throwing', () => {
		const damaged = fc.oneof(
			fc.anything({ withNullPrototype: true }),
			fc.record({ version: fc.constantFrom(1, 2), entries: fc.dictionary(fc.string(), fc.anything()) }),
			fc.json().map((text) => JSON.parse(text) as unknown),
		);
		fc.assert(
			fc.property(damaged, (raw) => {
				const state = decodeWatchState(raw);
				expect(decodeWatchState(JSON.parse(JSON.stringify(encodeWatchState(state))))).toEqual(state);
			}),
			fuzz(1644),
		);
	}, PROPERTY_TIMEOUT_MS);
});
