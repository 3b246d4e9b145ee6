import { formatCount, parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { evaluateObservation } from '../../../../nodes/Xiaohongshu/domain/watch/engagement';
import type { EngagementEvent, EngineConfig, EntryState } from '../../../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import type { Metric } from '../../../../nodes/Xiaohongshu/domain/watch/engagementMetrics';
import type { WatchedEntry, WatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchState';
import { decodeEntry, encodeEntry } from '../../../../nodes/Xiaohongshu/domain/watch/watchEntryCodec';
import { decodeWatchState, encodeWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchStateCodec';
import { observationTime } from '../../../../nodes/Xiaohongshu/domain/watch/watchStateFormat';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 1, 8, 0, 17);
const KEY = 'note:64f1a2b3c4d5e6f708192a3b';

const ALL_RULES: EngineConfig['rules'] = [
	{ kind: 'change' },
	{ kind: 'increase', atLeast: 50 },
	{ kind: 'percentIncrease', atLeastPercent: 5 },
	{ kind: 'milestone', milestones: [1000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000] },
	{ kind: 'spike', factor: 3, minIncrease: 50 },
];
const NOTE_ALL: EngineConfig = {
	metrics: ['likes', 'collects', 'comments', 'shares'],
	rules: ALL_RULES,
	emitBaseline: true,
};

/** Deterministic pseudo-random numbers in [0, 1), so a failure can be replayed. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

function roundTrip(entry: WatchedEntry): WatchedEntry | null {
	return decodeEntry(JSON.parse(JSON.stringify(encodeEntry(entry))));
}

function bytesOfEntry(entry: WatchedEntry): number {
	return Buffer.byteLength(JSON.stringify({ [KEY]: encodeEntry(entry) }), 'utf8');
}

describe('round trip', () => {
	it('gives back every field the engine reads, including hidden counts, odd values and a failure', () => {
		const entry: WatchedEntry = {
			last: { at: T0, counts: { likes: '3.5万', comments: '12', shares: '1w+' } },
			baselines: {
				change: { likes: { at: T0, shown: '3.5万' }, comments: { at: T0 - HOUR, shown: '11' } },
				increase: { likes: { at: T0 - 3 * HOUR, shown: '3.5万' }, shares: { at: T0 - 2 * HOUR, shown: '9000' } },
				// A baseline from after the last observation: the clock went backwards.
				milestone: { collects: { at: T0 + 5 * SECOND, shown: '7' } },
			},
			history: [
				{ at: T0 - 5 * HOUR, values: { likes: 34_000, comments: 9 } },
				{ at: T0 - 4 * HOUR, values: { collects: 12.5, comments: 10 } },
				{ at: T0 - 3 * HOUR, values: { likes: 34_000, collects: 13, comments: 10, shares: 9000 } },
				{ at: T0 - 2 * HOUR, values: {} },
				{ at: T0, values: { likes: 35_000, comments: 12, shares: 10_000 } },
			],
			failure: { fingerprint: '1a2b3c4d', consecutive: 2, reported: false },
		};
		expect(roundTrip(entry)).toEqual(entry);
	});

	it('keeps an entry that only remembers a failure', () => {
		const entry: WatchedEntry = { last: null, baselines: {}, history: [], failure: { fingerprint: 'ff', consecutive: 1, reported: true } };
		expect(roundTrip(entry)).toEqual(entry);
		expect(encodeEntry(entry)).toEqual({ f: ['ff', 1, 1] });
	});

	it('writes metric names once, times as seconds from the last poll, history as differences', () => {
		const entry: WatchedEntry = {
			last: { at: T0, counts: { likes: '120', shares: '3' } },
			baselines: { change: { likes: { at: T0, shown: '120' } }, increase: { likes: { at: T0 - HOUR, shown: '100' } } },
			history: [
				{ at: T0 - HOUR, values: { likes: 100, shares: 3 } },
				{ at: T0, values: { likes: 120, shares: 3 } },
			],
		};
		expect(encodeEntry(entry)).toEqual({
			t: T0 / SECOND,
			m: 'ls',
			c: ['120', '3'],
			b: { c: [0], i: [[-3600, '100']] },
			h: [
				[-3600, 100, 3],
				[3600, 20, 0],
			],
		});
	});

	it('round-trips whole watch states, leaving out what is empty', () => {
		const state = decodeWatchState(undefined);
		state.entries[KEY] = { last: { at: T0, counts: { likes: '5' } }, baselines: {}, history: [{ at: T0, values: { likes: 5 } }] };
		state.shortLinks = { 'http://xhslink.com/a/x': 'https://www.xiaohongshu.com/explore/x' };
		const stored = JSON.parse(JSON.stringify(encodeWatchState(state)));
		expect(Object.keys(stored).sort()).toEqual(['entries', 'shortLinks', 'version']);
		expect(decodeWatchState(stored)).toEqual(state);
	});
});

describe('the engine through the stored form', () => {
	/** Four counts that grow unevenly (rounded past 10,000), with hidden counts and a spike now and then. */
	function observations(polls: number, seed: number, start = { likes: 900, collects: 150, comments: 20, shares: 3 }) {
		const rand = random(seed);
		const counts = { ...start };
		let at = T0;
		const out: Array<{ at: number; shown: Partial<Record<Metric, string>> }> = [];
		for (let i = 0; i < polls; i++) {
			// Hourly-ish polls with jitter to the second, sometimes a missed hour.
			at += HOUR + Math.floor(rand() * 90 - 30) * SECOND + (rand() < 0.05 ? HOUR : 0);
			counts.likes += Math.floor(rand() * 60) + (rand() < 0.02 ? 2_000 : 0);
			counts.collects += Math.floor(rand() * 15);
			counts.comments += Math.floor(rand() * 4);
			counts.shares += rand() < 0.3 ? 1 : 0;
			const shown: Partial<Record<Metric, string>> = {
				likes: formatCount(counts.likes),
				collects: formatCount(counts.collects),
				comments: rand() < 0.03 ? '' : formatCount(counts.comments),
				shares: String(counts.shares),
			};
			out.push({ at, shown });
		}
		return out;
	}

	/** `viaStorage`: each state goes through JSON in the stored form before the next step; 'checked' also compares it. */
	function run(config: EngineConfig, steps: ReturnType<typeof observations>, viaStorage: false | 'stored' | 'checked') {
		let state: EntryState | undefined;
		const events: EngagementEvent[][] = [];
		let maxBytes = 0;
		for (const step of steps) {
			const counts = Object.fromEntries(Object.entries(step.shown).map(([m, v]) => [m, parseCount(v)]));
			const result = evaluateObservation(state, { at: step.at, counts }, config);
			events.push(result.events);
			state = result.state;
			if (viaStorage) {
				maxBytes = Math.max(maxBytes, bytesOfEntry(state));
				const decoded = roundTrip(state);
				if (viaStorage === 'checked') expect(decoded).toEqual(state);
				state = decoded ?? undefined;
			}
		}
		return { events, state, maxBytes };
	}

	it('fires exactly the same events as state kept in memory, over thousands of polls', () => {
		const steps = observations(3_000, 7);
		const inMemory = run(NOTE_ALL, steps, false);
		const stored = run(NOTE_ALL, steps, 'checked');
		expect(stored.events).toEqual(inMemory.events);
		const kinds = new Set(stored.events.flat().map((e) => e.kind));
		expect([...kinds].sort()).toEqual(['baseline', 'change', 'increase', 'milestone', 'percentIncrease', 'spike']);
	});

	it('keeps an entry with every metric and every rule under 2 kB after thousands of polls', () => {
		const steps = observations(5_000, 11, { likes: 95_000, collects: 40_000, comments: 9_000, shares: 500 });
		const { state, maxBytes } = run(NOTE_ALL, steps, 'stored');
		const failing: WatchedEntry = { ...(state as EntryState), failure: { fingerprint: '1a2b3c4d', consecutive: 3, reported: true } };
		expect(bytesOfEntry(failing)).toBeLessThan(2_048);
		expect(maxBytes).toBeLessThan(2_048);
		// The old form of the same state, for scale: the history alone was most of it.
		expect(Buffer.byteLength(JSON.stringify({ [KEY]: state }))).toBeGreaterThan(2 * bytesOfEntry(failing));
	});

	it('keeps a creator with every metric and every rule under 2 kB with counts in the hundreds of millions', () => {
		const rand = random(3);
		const config: EngineConfig = { metrics: ['followers', 'following', 'likesAndCollects'], rules: ALL_RULES, emitBaseline: false };
		let state: EntryState | undefined;
		let followers = 120_000_000;
		let likes = 2_300_000_000;
		let maxBytes = 0;
		for (let i = 0; i < 3_000; i++) {
			followers += Math.floor(rand() * 200_000);
			likes += Math.floor(rand() * 2_000_000);
			const counts = { followers: parseCount(String(followers)), following: parseCount('1,024'), likesAndCollects: parseCount(String(likes)) };
			state = evaluateObservation(state, { at: T0 + i * HOUR, counts }, config).state;
			maxBytes = Math.max(maxBytes, bytesOfEntry(state));
		}
		expect(maxBytes).toBeLessThan(2_048);
	});
});

describe('reading damaged state', () => {
	const saved: WatchState = {
		entries: {
			[KEY]: {
				last: { at: T0, counts: { likes: '3.5万', comments: '12' } },
				baselines: { change: { likes: { at: T0, shown: '3.5万' } }, increase: { comments: { at: T0 - HOUR, shown: '2' } } },
				history: [
					{ at: T0 - HOUR, values: { likes: 34_000, comments: 2 } },
					{ at: T0, values: { likes: 35_000, comments: 12 } },
				],
			},
			'note:failing': { last: null, baselines: {}, history: [], failure: { fingerprint: 'ab', consecutive: 1, reported: true } },
		},
		invalidReported: ['x'],
		shortLinks: {},
		notices: { pacing: '3/90' },
	};

	it('reads back what it saved', () => {
		expect(decodeWatchState(JSON.parse(JSON.stringify(encodeWatchState(saved))))).toEqual(saved);
	});

	it('drops entries it cannot read and starts fresh from any other version', () => {
		const stored = JSON.parse(JSON.stringify(encodeWatchState(saved)));
		stored.entries['note:unknownMetric'] = { t: 1, m: 'lz' };
		stored.entries['note:badHistory'] = { t: 1, m: 'l', h: [['soon', 1]] };
		stored.entries['note:baselineWithoutDisplay'] = { t: 1, m: 'l', b: { c: [0] } };
		stored.entries['note:unknownRule'] = { t: 1, m: 'l', c: ['1'], b: { z: [0] } };
		expect(Object.keys(decodeWatchState(stored).entries).sort()).toEqual([KEY, 'note:failing']);
		expect(decodeWatchState({ ...stored, version: 3 }).entries).toEqual({});
		// No released build wrote anything else: the unreleased first format is not read either.
		expect(decodeWatchState({ ...stored, version: 1 }).entries).toEqual({});
		expect(decodeWatchState('garbage').entries).toEqual({});
	});
});

describe('observationTime', () => {
	it('takes an instant down to its whole second', () => {
		expect(observationTime(T0 + 999)).toBe(T0);
		expect(observationTime(T0)).toBe(T0);
	});
});
