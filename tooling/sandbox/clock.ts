/**
 * The sandbox's virtual clock: engagement drift and spikes follow it, so a
 * trigger test can "wait six hours" in a microsecond. It moves only when told.
 */
export const SANDBOX_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export interface VirtualClock {
	now(): number;
	advance(ms: number): void;
	set(ms: number): void;
}

export function createClock(startMs = SANDBOX_EPOCH_MS): VirtualClock & { reset(): void } {
	let current = startMs;
	return {
		now: () => current,
		advance(ms: number) {
			if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance needs a non-negative number of ms, got ${ms}`);
			current += ms;
		},
		set(ms: number) {
			if (!Number.isFinite(ms)) throw new RangeError(`clock.set needs a number of ms, got ${ms}`);
			current = ms;
		},
		reset() {
			current = startMs;
		},
	};
}
