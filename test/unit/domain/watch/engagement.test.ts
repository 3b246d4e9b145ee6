import { parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { evaluateObservation } from '../../../../nodes/Xiaohongshu/domain/watch/engagement';
import type {
	EngagementEvent,
	EngagementRule,
	EngineConfig,
	EntryState,
} from '../../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import type { Metric } from '../../../../nodes/Xiaohongshu/domain/watch/engagementMetrics';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

function config(rules: EngagementRule[], extra: Partial<EngineConfig> = {}): EngineConfig {
	return { metrics: ['likes'], rules, emitBaseline: false, ...extra };
}

/** Feeds `steps` (hours since T0, displayed likes) through the engine; returns events per step. */
function replay(
	cfg: EngineConfig,
	steps: Array<[number, unknown] | [number, Partial<Record<Metric, unknown>>]>,
	start?: EntryState,
): { events: EngagementEvent[][]; state: EntryState | undefined } {
	let state = start;
	const events: EngagementEvent[][] = [];
	for (const [hours, shown] of steps) {
		const raw = typeof shown === 'object' && shown !== null ? shown : { likes: shown };
		const counts = Object.fromEntries(Object.entries(raw).map(([m, v]) => [m, parseCount(v)]));
		const result = evaluateObservation(state, { at: T0 + hours * HOUR, counts }, cfg);
		events.push(result.events);
		state = result.state;
	}
	return { events, state };
}

const kinds = (events: EngagementEvent[][]) => events.map((e) => e.map((x) => x.kind));

describe('first observation', () => {
	it('is silent unless a baseline is wanted', () => {
		expect(replay(config([{ kind: 'change' }]), [[0, '3.5万']]).events).toEqual([[]]);
		const [[baseline]] = replay(config([{ kind: 'change' }], { emitBaseline: true }), [[0, '3.5万']]).events;
		expect(baseline).toMatchObject({
			kind: 'baseline',
			metric: 'likes',
			previous: null,
			current: { value: 35000, display: '3.5万', at: T0 },
		});
	});

	it('emits one baseline per watched metric with a readable count', () => {
		const cfg = config([{ kind: 'change' }], { emitBaseline: true, metrics: ['likes', 'comments', 'shares'] });
		const { events } = replay(cfg, [[0, { likes: '10', comments: '3', shares: '' }]]);
		expect(events[0].map((e) => e.metric)).toEqual(['likes', 'comments']);
	});
});

describe('rule: any real change', () => {
	const cfg = config([{ kind: 'change' }]);

	it('fires on a proven change up or down, and stays silent while the display holds', () => {
		const { events } = replay(cfg, [
			[0, '529'],
			[1, '529'],
			[2, '531'],
			[3, '531'],
			[4, '530'],
		]);
		expect(kinds(events)).toEqual([[], [], ['change'], [], ['change']]);
		// 529 was still shown at hour 1: the change happened between hour 1 and hour 2.
		expect(events[2][0]).toMatchObject({
			previous: { value: 529, display: '529', at: T0 + HOUR },
			current: { value: 531, at: T0 + 2 * HOUR },
			change: { absolute: 2, provenAtLeast: 2 },
			growthPerHour: 2,
			from: T0 + HOUR,
			to: T0 + 2 * HOUR,
		});
		expect(events[4][0].change).toMatchObject({ absolute: -1, provenAtLeast: -1 });
	});

	it('ignores rounding noise and respelled displays', () => {
		const { events } = replay(cfg, [
			[0, '3.5万'],
			[1, '3.5w'],
			[2, '35200'],
			[3, '3.5万'],
		]);
		expect(kinds(events)).toEqual([[], [], [], []]);
	});

	it('never fires from an unchanged or growing floor', () => {
		const { events } = replay(cfg, [
			[0, '1w+'],
			[1, '1w+'],
			[2, '2w+'],
		]);
		expect(kinds(events)).toEqual([[], [], []]);
	});

	it('fires when a rounded display moves one step', () => {
		expect(kinds(replay(cfg, [[0, '3.5万'], [1, '3.6万']]).events)).toEqual([[], ['change']]);
	});

	it('keeps its baseline while the count is hidden', () => {
		const { events } = replay(cfg, [
			[0, '100'],
			[1, ''],
			[2, '100'],
			[3, '101'],
		]);
		expect(kinds(events)).toEqual([[], [], [], ['change']]);
		// The baseline's 100, seen again at hour 2, is the last observation before the change.
		expect(events[3][0].previous).toMatchObject({ value: 100, at: T0 + 2 * HOUR });
	});
});

describe('rule: increase of at least N', () => {
	const cfg = config([{ kind: 'increase', atLeast: 100 }]);

	it('reports the window the two observations that proved the jump span, not the time since watching started (issue 25)', () => {
		const { events } = replay(cfg, [
			[0, '86'],
			[0.25, '86'],
			[0.49, '86'],
			[0.5, '500'],
		]);
		expect(kinds(events)).toEqual([[], [], [], ['increase']]);
		expect(events[3][0]).toMatchObject({
			previous: { value: 86, at: T0 + 0.49 * HOUR },
			from: T0 + 0.49 * HOUR,
			to: T0 + 0.5 * HOUR,
			change: { absolute: 414 },
		});
	});

	it('after slow growth, the window starts at the last observation that still showed the baseline', () => {
		const { events } = replay(cfg, [
			[0, '86'],
			[1, '150'],
			[2, '190'],
		]);
		expect(kinds(events)).toEqual([[], [], ['increase']]);
		expect(events[2][0]).toMatchObject({ previous: { value: 86, at: T0 }, from: T0, to: T0 + 2 * HOUR, change: { absolute: 104 } });
	});

	it('adds up slow growth since the last alert', () => {
		const { events } = replay(cfg, [
			[0, '1000'],
			[1, '1040'],
			[2, '1080'],
			[3, '1120'],
			[4, '1160'],
			[5, '1220'],
		]);
		expect(kinds(events)).toEqual([[], [], [], ['increase'], [], ['increase']]);
		expect(events[3][0].change.absolute).toBe(120);
		expect(events[5][0].previous?.value).toBe(1120);
	});

	it('stays silent below the threshold and on decreases', () => {
		expect(kinds(replay(cfg, [[0, '1000'], [1, '1099'], [2, '800']]).events)).toEqual([[], [], []]);
	});

	it('judges rounded counts on the proven increase, not the displayed difference', () => {
		// 3.5万 -> 3.6万 looks like +1,000 but proves only +1.
		const big = config([{ kind: 'increase', atLeast: 500 }]);
		expect(kinds(replay(big, [[0, '3.5万'], [1, '3.6万'], [2, '3.7万']]).events)).toEqual([[], [], ['increase']]);
	});
});

describe('rule: increase of at least N%', () => {
	const cfg = config([{ kind: 'percentIncrease', atLeastPercent: 10 }]);

	it('fires at the threshold relative to the baseline', () => {
		const { events } = replay(cfg, [
			[0, '200'],
			[1, '219'],
			[2, '220'],
			[3, '241'],
			[4, '242'],
		]);
		expect(kinds(events)).toEqual([[], [], ['percentIncrease'], [], ['percentIncrease']]);
		expect(events[2][0]).toMatchObject({ provenPercent: 10, change: { percent: 10 } });
	});

	it('uses the baseline upper bound for rounded counts', () => {
		// From 1.0万 (9,500..10,500) to 1.1万 (10,500..11,500): proves +1 only.
		// To 1.2万 (11,500..): proves 1,000 / 10,500 = 9.5%, short of 10%.
		// To 1.3万 (12,500..): proves 2,000 / 10,500 = 19%.
		const { events } = replay(cfg, [
			[0, '1.0万'],
			[1, '1.1万'],
			[2, '1.2万'],
			[3, '1.3万'],
		]);
		expect(kinds(events)).toEqual([[], [], [], ['percentIncrease']]);
	});

	it('treats any proven increase from zero as enough', () => {
		expect(kinds(replay(cfg, [[0, '0'], [1, '1']]).events)).toEqual([[], ['percentIncrease']]);
	});
});

describe('rule: milestone crossed', () => {
	const cfg = config([{ kind: 'milestone', milestones: [1000, 10000, 100000] }]);

	it('fires once when the displays prove the crossing', () => {
		const { events } = replay(cfg, [
			[0, '990'],
			[1, '999'],
			[2, '1001'],
			[3, '1500'],
			[4, '999'],
			[5, '1002'],
		]);
		expect(kinds(events)).toEqual([[], [], ['milestone'], [], [], []]);
		expect(events[2][0].milestone).toBe(1000);
	});

	it('waits until a rounded display is wholly past the milestone', () => {
		// 9,800 exact; 1万 is 5,000..15,000 (may still be below); 1.1万 is 10,500.. (proven).
		const { events } = replay(cfg, [
			[0, '9800'],
			[1, '1万'],
			[2, '1.1万'],
		]);
		expect(kinds(events)).toEqual([[], [], ['milestone']]);
		expect(events[2][0].previous?.display).toBe('9800');
	});

	it('names the highest milestone when several are crossed at once', () => {
		const { events } = replay(cfg, [[0, '900'], [1, '10500']]);
		expect(events[1][0].milestone).toBe(10000);
	});

	it('cannot prove a crossing from a floor', () => {
		expect(kinds(replay(cfg, [[0, '1w+'], [1, '12万']]).events)).toEqual([[], []]);
	});
});

describe('rule: spike', () => {
	const cfg = config([{ kind: 'spike', factor: 3, minIncrease: 50 }]);

	it('stays silent for steady growth and fires when growth jumps past K times the usual', () => {
		const steady = Array.from({ length: 8 }, (_, h) => [h, String(1000 + h * 100)] as [number, string]);
		const { events } = replay(cfg, [...steady, [8, '2400'], [9, '2500']]);
		expect(kinds(events.slice(0, 8)).flat()).toEqual([]);
		expect(kinds(events.slice(8))).toEqual([['spike'], []]);
		expect(events[8][0].spike).toMatchObject({ provenPerHour: 700, averagePerHour: 100, ratio: 7, factor: 3 });
	});

	it('needs the minimum absolute increase, whatever the ratio', () => {
		// Flat at 3 for hours, then +20: infinitely faster than usual, but tiny.
		expect(kinds(replay(cfg, [[0, '3'], [1, '3'], [2, '3'], [3, '23']]).events)).toEqual([[], [], [], []]);
		const { events } = replay(cfg, [[0, '3'], [1, '3'], [2, '3'], [3, '63']]);
		expect(kinds(events)).toEqual([[], [], [], ['spike']]);
		expect(events[3][0].spike).toMatchObject({ averagePerHour: 0, ratio: null });
	});

	it('stays below a threshold it does not reach', () => {
		const steps: Array<[number, string]> = [[0, '1000'], [1, '1100'], [2, '1200'], [3, '1450']];
		expect(kinds(replay(cfg, steps).events).flat()).toEqual([]);
	});

	it('does not fire before the entry has a past as long as the interval judged', () => {
		expect(kinds(replay(cfg, [[0, '100'], [1, '5000']]).events)).toEqual([[], []]);
		// One hour of history cannot judge a three-hour interval either.
		expect(kinds(replay(cfg, [[0, '100'], [1, '110'], [4, '5000']]).events)).toEqual([[], [], []]);
	});

	it('is measured on proven growth: rounding steps on a big count are no spike', () => {
		const steps: Array<[number, string]> = [
			[0, '3.5万'],
			[1, '3.5万'],
			[2, '3.5万'],
			[3, '3.6万'],
			[4, '3.6万'],
			[5, '3.7万'],
		];
		expect(kinds(replay(cfg, steps).events).flat()).toEqual([]);
	});

	it('divides by the real interval, so a long gap between polls is not a spike', () => {
		const { events } = replay(cfg, [[0, '1000'], [1, '1100'], [2, '1200'], [12, '2200']]);
		expect(kinds(events).flat()).toEqual([]);
	});
});

describe('several rules and metrics', () => {
	it('keeps a baseline per rule and per metric', () => {
		const cfg = config(
			[
				{ kind: 'change' },
				{ kind: 'increase', atLeast: 10 },
			],
			{ metrics: ['likes', 'comments'] },
		);
		const { events } = replay(cfg, [
			[0, { likes: '100', comments: '5' }],
			[1, { likes: '104', comments: '5' }],
			[2, { likes: '108', comments: '6' }],
			[3, { likes: '112', comments: '6' }],
		]);
		expect(events.map((e) => e.map((x) => `${x.metric}:${x.kind}`))).toEqual([
			[],
			['likes:change'],
			['likes:change', 'comments:change'],
			['likes:change', 'likes:increase'],
		]);
	});

	it('forgets baselines of rules and metrics that are no longer configured', () => {
		const both = config([{ kind: 'change' }, { kind: 'increase', atLeast: 5 }], { metrics: ['likes', 'comments'] });
		const { state } = replay(both, [[0, { likes: '1', comments: '1' }]]);
		const narrowed = config([{ kind: 'change' }], { metrics: ['likes'] });
		const next = evaluateObservation(state, { at: T0 + HOUR, counts: { likes: parseCount('1') } }, narrowed).state;
		expect(Object.keys(next.baselines)).toEqual(['change']);
		expect(Object.keys(next.baselines.change ?? {})).toEqual(['likes']);
	});

	it('does not mutate the state it is given', () => {
		const cfg = config([{ kind: 'change' }]);
		const { state } = replay(cfg, [[0, '1']]);
		const frozen = JSON.stringify(state);
		evaluateObservation(state, { at: T0 + HOUR, counts: { likes: parseCount('2') } }, cfg);
		expect(JSON.stringify(state)).toBe(frozen);
	});
});

describe('persistence', () => {
	const cfg = config([{ kind: 'increase', atLeast: 100 }, { kind: 'spike', factor: 3, minIncrease: 50 }]);
	const serialize = (s: EntryState | undefined) => JSON.parse(JSON.stringify(s)) as EntryState;

	it('does not repeat an alert after a restart that follows the alert', () => {
		const { state } = replay(cfg, [[0, '1000'], [1, '1150']]); // fired, so this state was saved
		const after = replay(cfg, [[2, '1160']], serialize(state));
		expect(kinds(after.events)).toEqual([[]]);
	});

	it('does not lose a change when silent polls are lost to a restart', () => {
		const saved = replay(cfg, [[0, '1000']]).state; // only this was saved
		replay(cfg, [[1, '1060']], saved); // silent, its state is lost
		const after = replay(cfg, [[2, '1120']], serialize(saved));
		expect(kinds(after.events)).toEqual([['increase']]);
		expect(after.events[0][0].previous?.value).toBe(1000);
	});

	it('stays bounded over thousands of polls', () => {
		const many: Array<[number, string]> = Array.from({ length: 5000 }, (_, i) => [i / 4, String(1000 + i * 7)]);
		const { state } = replay(cfg, many);
		expect(state?.history.length).toBeLessThanOrEqual(36);
		expect(JSON.stringify(state).length).toBeLessThan(4000);
	});
});
