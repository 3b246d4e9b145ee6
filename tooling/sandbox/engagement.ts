import { createHash } from 'node:crypto';
import { curveValue, type EngagementCurve } from './curves';
import { approximateCount, renderCount } from './displayCount';
import type { Catalogue, CountSeed, NoteMetric, UserMetric } from './fixtures';

/**
 * Engagement that moves with the virtual clock. A numeric count grows by a
 * per-hour rate (drawn from the seed, so a seed replays exactly) and is rendered
 * the way the site renders it; a literal count (a fixture's display form, or a
 * string given to setCounts) is served verbatim until something changes it.
 */

type MetricState =
	| { kind: 'numeric'; base: number; baseAt: number; perHour: number }
	| { kind: 'curve'; curve: EngagementCurve; share: number }
	| { kind: 'literal'; display: string | null };

interface Spike {
	at: number;
	amount: number;
}

export const NOTE_METRICS: NoteMetric[] = ['liked', 'collected', 'comment', 'share'];
export const USER_METRICS: UserMetric[] = ['follows', 'fans', 'interaction'];

/** Each metric's share of the like rate: collects trail likes, comments and shares trail further. */
const RATE_SHARE: Record<NoteMetric, number> = { liked: 1, collected: 0.35, comment: 0.06, share: 0.03 };
/** A creator's likes-and-collects as a multiple of their followers, on a curve. */
const INTERACTION_PER_FAN = 4;

function seededUnit(seed: number, label: string): number {
	const digest = createHash('sha256').update(`${seed}:${label}`).digest();
	return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/** Likes per hour for a note: bigger notes grow faster, as on the site; 0 when counts are literal. */
export function seededGrowth(seed: number, noteId: string, metric: NoteMetric, base: number): number {
	const likeRate = Math.max(6, base * 0.002) * (0.25 + seededUnit(seed, `${noteId}:rate`));
	return Math.round(likeRate * RATE_SHARE[metric] * (0.5 + seededUnit(seed, `${noteId}:${metric}`)) * 100) / 100;
}

export class Engagement {
	private notes = new Map<string, Record<NoteMetric, MetricState>>();
	private spikes = new Map<string, Spike[]>();
	private users = new Map<string, Record<UserMetric, MetricState>>();

	constructor(
		private readonly catalogue: Catalogue,
		private readonly seed: number,
		private readonly now: () => number,
	) {
		this.reset();
	}

	reset(): void {
		this.notes.clear();
		this.spikes.clear();
		this.users.clear();
		const t0 = this.now();
		for (const n of Object.values(this.catalogue.notes)) {
			const state = {} as Record<NoteMetric, MetricState>;
			for (const metric of NOTE_METRICS) {
				const seed = n.counts[metric];
				if (n.curve) {
					state[metric] = { kind: 'curve', curve: n.curve, share: RATE_SHARE[metric] };
					continue;
				}
				state[metric] =
					typeof seed === 'number'
						? { kind: 'numeric', base: seed, baseAt: t0, perHour: seededGrowth(this.seed, n.noteId, metric, seed) }
						: { kind: 'literal', display: seed };
			}
			this.notes.set(n.noteId, state);
		}
		for (const u of Object.values(this.catalogue.users)) {
			const state = {} as Record<UserMetric, MetricState>;
			for (const metric of USER_METRICS) state[metric] = fixed(u.counts[metric], t0);
			if (u.curve) {
				state.fans = { kind: 'curve', curve: u.curve, share: 1 };
				state.interaction = { kind: 'curve', curve: u.curve, share: INTERACTION_PER_FAN };
			}
			this.users.set(u.userId, state);
		}
	}

	/** `interact_info` as served now: keys for hidden-by-omission counts are left out. */
	interactInfo(noteId: string): Record<string, string> {
		const state = this.noteState(noteId);
		const out: Record<string, string> = {};
		for (const metric of NOTE_METRICS) {
			const display = this.display(state[metric], this.spikeTotal(noteId, metric));
			if (display !== null) out[`${metric}_count`] = display;
		}
		return out;
	}

	/** The true (unrounded) value now, for tests that check what a display hides. */
	noteValue(noteId: string, metric: NoteMetric): number | null {
		const s = this.noteState(noteId)[metric];
		return s.kind === 'literal' ? null : this.valueOf(s) + this.spikeTotal(noteId, metric);
	}

	userCounts(userId: string): Record<string, string> {
		const state = this.userState(userId);
		const out: Record<string, string> = {};
		for (const metric of USER_METRICS) {
			const display = this.display(state[metric], 0);
			if (display !== null) out[metric] = display;
		}
		return out;
	}

	setNoteCounts(noteId: string, counts: Partial<Record<NoteMetric, CountSeed>>): void {
		const state = this.noteState(noteId);
		for (const metric of NOTE_METRICS) {
			if (!(metric in counts)) continue;
			const value = counts[metric] as CountSeed;
			const old = state[metric];
			// Spikes already past are absorbed into the value the test just set.
			this.spikes.set(
				`${noteId}:${metric}`,
				(this.spikes.get(`${noteId}:${metric}`) ?? []).filter((s) => s.at > this.now()),
			);
			state[metric] =
				typeof value === 'number'
					? { kind: 'numeric', base: value, baseAt: this.now(), perHour: old.kind === 'numeric' ? old.perHour : 0 }
					: { kind: 'literal', display: value };
		}
	}

	setGrowth(noteId: string, perHour: Partial<Record<NoteMetric, number>>): void {
		const state = this.noteState(noteId);
		for (const metric of NOTE_METRICS) {
			const rate = perHour[metric];
			if (rate === undefined) continue;
			state[metric] = { kind: 'numeric', base: this.currentBase(state[metric]), baseAt: this.now(), perHour: rate };
		}
	}

	scheduleSpike(noteId: string, spike: { at: number; metric: NoteMetric; amount: number }): void {
		const state = this.noteState(noteId);
		if (!NOTE_METRICS.includes(spike.metric)) throw new Error(`unknown metric ${spike.metric}`);
		const s = state[spike.metric];
		if (s.kind === 'literal') {
			state[spike.metric] = { kind: 'numeric', base: approximateCount(s.display), baseAt: this.now(), perHour: 0 };
		}
		const key = `${noteId}:${spike.metric}`;
		this.spikes.set(key, [...(this.spikes.get(key) ?? []), { at: spike.at, amount: spike.amount }]);
	}

	setUserCounts(userId: string, counts: Partial<Record<UserMetric, CountSeed>>): void {
		const state = this.userState(userId);
		for (const metric of USER_METRICS) {
			if (metric in counts) state[metric] = fixed(counts[metric] as CountSeed, this.now());
		}
	}

	private display(s: MetricState, extra: number): string | null {
		return s.kind === 'literal' ? s.display : renderCount(this.valueOf(s) + extra);
	}

	private valueOf(s: Exclude<MetricState, { kind: 'literal' }>): number {
		if (s.kind === 'curve') return Math.floor(curveValue(s.curve, this.now()) * s.share);
		const hours = Math.max(0, this.now() - s.baseAt) / 3_600_000;
		return Math.floor(s.base + s.perHour * hours);
	}

	private currentBase(s: MetricState): number {
		return s.kind === 'literal' ? approximateCount(s.display) : this.valueOf(s);
	}

	private spikeTotal(noteId: string, metric: NoteMetric): number {
		return (this.spikes.get(`${noteId}:${metric}`) ?? [])
			.filter((s) => s.at <= this.now())
			.reduce((sum, s) => sum + s.amount, 0);
	}

	private noteState(noteId: string): Record<NoteMetric, MetricState> {
		const state = this.notes.get(noteId);
		if (!state) throw new Error(`sandbox has no note ${noteId}`);
		return state;
	}

	private userState(userId: string): Record<UserMetric, MetricState> {
		const state = this.users.get(userId);
		if (!state) throw new Error(`sandbox has no user ${userId}`);
		return state;
	}
}

function fixed(seed: CountSeed, at: number): MetricState {
	return typeof seed === 'number' ? { kind: 'numeric', base: seed, baseAt: at, perHour: 0 } : { kind: 'literal', display: seed };
}
