/**
 * The one rule for which saved instants the trigger believes. Static data outlives clocks:
 * a server restored from a backup, a clock set wrong and corrected, a hand-edited row. A
 * time that cannot be right must neither throw (a `Date` holds only ±8.64e15 ms) nor freeze
 * anything (an entry "fetched" next year is never due; a ledger ahead of the clock accrues
 * nothing), so the decoders drop or reset what lies outside this window.
 *
 * The window: from 2000-01-01 (before Xiaohongshu existed, so no observation is older) to a
 * little ahead of the clock reading the state (a clock stepped back by NTP or a short
 * restore keeps today's behaviour), and never past 2200-01-01 whatever the clock says.
 */
import { HOUR_MS } from '../units';

export const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
export const LATEST_PLAUSIBLE_MS = Date.UTC(2200, 0, 1);
/** How far ahead of the clock a saved time may lie and still be believed. */
export const FUTURE_TOLERANCE_MS = HOUR_MS;

export interface TimeWindow {
	earliest: number;
	latest: number;
}

/** The window for state read at `now` (epoch ms); without a clock, only the fixed bounds. */
export function plausibleWindow(now?: number): TimeWindow {
	const latest =
		now !== undefined && Number.isFinite(now) ? Math.min(LATEST_PLAUSIBLE_MS, now + FUTURE_TOLERANCE_MS) : LATEST_PLAUSIBLE_MS;
	return { earliest: EARLIEST_PLAUSIBLE_MS, latest };
}

export function isPlausibleTime(ms: unknown, window: TimeWindow): ms is number {
	return typeof ms === 'number' && ms >= window.earliest && ms <= window.latest;
}
