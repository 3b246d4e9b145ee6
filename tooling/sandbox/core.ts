import { createClock, SANDBOX_EPOCH_MS } from './clock';
import { Engagement } from './engagement';
import { Faults } from './faults';
import type { Catalogue, NoteFixture, UserFixture } from './fixtures';
import { PlanLimits } from './limits';
import { DEFAULT_PLANS, DEFAULT_WINDOW_MS, type PlanSpec } from './plans';
import { StatsRecorder } from './stats';
import { TokenRegistry } from './tokens';

export const DEFAULT_SCRAPER_ID = '112e2db4-437f-4511-96f5-f0f62d23a010';

export interface CoreOptions {
	catalogue: Catalogue;
	seed: number;
	scraperId: string;
	keys: Record<string, PlanSpec>;
	rateWindowMs: number;
	/** Whether 4xx/5xx answers (other than 401 and 429) cost a credit. Default false: only 2xx cost one. */
	chargeFailedCalls: boolean;
	latencyMs: number;
	mediaLatencyMs: number;
	clockStartMs: number;
}

export const CORE_DEFAULTS = {
	seed: 1,
	scraperId: DEFAULT_SCRAPER_ID,
	keys: DEFAULT_PLANS,
	rateWindowMs: DEFAULT_WINDOW_MS,
	chargeFailedCalls: false,
	latencyMs: 0,
	mediaLatencyMs: 0,
	clockStartMs: SANDBOX_EPOCH_MS,
};

/** All mutable sandbox state in one place, so reset() has one thing to reset. */
export class SandboxCore {
	readonly clock;
	readonly engagement: Engagement;
	readonly tokens: TokenRegistry;
	readonly limits: PlanLimits;
	readonly faults = new Faults();
	readonly stats = new StatsRecorder();
	private readonly notesById = new Map<string, NoteFixture>();
	private readonly usersById = new Map<string, UserFixture>();
	private readonly noteStates = new Map<string, NoteFixture['state']>();

	constructor(readonly options: CoreOptions) {
		this.clock = createClock(options.clockStartMs);
		for (const n of Object.values(options.catalogue.notes)) this.notesById.set(n.noteId, n);
		for (const u of Object.values(options.catalogue.users)) this.usersById.set(u.userId, u);
		this.engagement = new Engagement(options.catalogue, options.seed, () => this.clock.now());
		this.tokens = new TokenRegistry(options.catalogue);
		this.limits = new PlanLimits(options.keys, options.rateWindowMs);
		this.resetNoteStates();
	}

	note(noteId: string): NoteFixture | undefined {
		return this.notesById.get(noteId);
	}

	user(userId: string): UserFixture | undefined {
		return this.usersById.get(userId);
	}

	noteState(noteId: string): NonNullable<NoteFixture['state']> {
		return this.noteStates.get(noteId) ?? 'public';
	}

	setNoteState(noteId: string, state: NonNullable<NoteFixture['state']>): void {
		this.requireNote(noteId);
		this.noteStates.set(noteId, state);
	}

	requireNote(noteId: string): NoteFixture {
		const n = this.note(noteId);
		if (!n) throw new Error(`sandbox has no note ${noteId}`);
		return n;
	}

	reset(): void {
		this.clock.reset();
		this.engagement.reset();
		this.tokens.reset();
		this.limits.reset();
		this.faults.clear();
		this.stats.reset();
		this.resetNoteStates();
	}

	private resetNoteStates(): void {
		this.noteStates.clear();
		for (const n of this.notesById.values()) this.noteStates.set(n.noteId, n.state ?? 'public');
	}
}
