/**
 * Epoch timestamps from the API. parse.bot documents milliseconds, but upstream fields and
 * forks are not consistent, so the unit is inferred from the magnitude.
 */

/** Below this a number is read as seconds: 1e11 s is the year 5138, 1e11 ms is 1973. */
const SECONDS_BELOW = 1e11;
/** From here on it is microseconds (1e14 ms would be the year 5138). */
const MICROSECONDS_FROM = 1e14;
/** From here on it is nanoseconds. */
const NANOSECONDS_FROM = 1e17;

/** The largest instant a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

const NUMERIC = /^[+]?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Milliseconds since the epoch for a number or string in seconds, milliseconds, micro- or
 * nanoseconds, an ISO-8601 date string, or a Date. Null for anything missing, zero, negative
 * or unreadable (upstream sends 0 for "unknown").
 */
export function toEpochMs(value: unknown): number | null {
	if (value instanceof Date) return afterEpoch(value.getTime());
	let n: number;
	if (typeof value === 'number') {
		n = value;
	} else if (typeof value === 'bigint') {
		n = Number(value);
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (NUMERIC.test(text)) {
			n = Number(text);
		} else if (ISO_DATE.test(text)) {
			return afterEpoch(Date.parse(text.replace(' ', 'T')));
		} else {
			return null;
		}
	} else {
		return null;
	}
	if (!Number.isFinite(n) || n <= 0) return null;
	return afterEpoch(scaleToMs(n));
}

/** What every path promises: a time after the epoch that a Date can hold, else null (a tiny number rounds to 0). */
function afterEpoch(ms: number): number | null {
	return Number.isFinite(ms) && ms > 0 && ms <= MAX_DATE_MS ? ms : null;
}

function scaleToMs(n: number): number {
	if (n < SECONDS_BELOW) return Math.round(n * 1000);
	if (n < MICROSECONDS_FROM) return Math.round(n);
	if (n < NANOSECONDS_FROM) return Math.round(n / 1000);
	return Math.round(n / 1e6);
}

/** ISO-8601 (UTC, with milliseconds) for anything `toEpochMs` reads, else null. */
export function epochToIso(value: unknown): string | null {
	const ms = toEpochMs(value);
	if (ms === null) return null;
	const date = new Date(ms);
	return Number.isFinite(date.getTime()) ? date.toISOString() : null;
}
