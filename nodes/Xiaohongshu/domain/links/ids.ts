/**
 * Xiaohongshu note and user ids are MongoDB-style ObjectIds: 24 hex characters whose
 * first 8 digits are the creation time in unix seconds.
 */

const OBJECT_ID = /^[0-9a-f]{24}$/;
const OBJECT_ID_ANY_CASE = /^[0-9a-f]{24}$/i;

/** Xiaohongshu launched in 2013: an id claiming an earlier birth is not one of its ids. */
const EARLIEST_PLAUSIBLE_SECONDS = Date.UTC(2013, 0, 1) / 1000;
/** Allow for clock skew between the site and this machine, but not for ids from the future. */
const FUTURE_TOLERANCE_SECONDS = 24 * 60 * 60;

/** Exactly 24 lowercase hex characters: the canonical form the API expects. */
export function isObjectId(value: unknown): value is string {
	return typeof value === 'string' && OBJECT_ID.test(value);
}

/**
 * The canonical (lowercase) id for what a user typed, or null when it is not an id.
 * Users paste ids from spreadsheets that upper-case them or pad them with spaces;
 * hex is case-insensitive, so lowercasing loses nothing.
 */
export function normalizeObjectId(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return OBJECT_ID_ANY_CASE.test(trimmed) ? trimmed.toLowerCase() : null;
}

/**
 * When the id was created (its first 8 hex digits as unix seconds), or null when the id
 * is malformed or its timestamp is implausible (before 2013, or more than a day ahead of `nowMs`).
 * Accepts upper-case ids. `nowMs` is a parameter so tests and virtual clocks can pin it.
 */
export function objectIdDate(id: unknown, nowMs: number = Date.now()): Date | null {
	const normalized = normalizeObjectId(id);
	if (normalized === null) return null;
	const seconds = parseInt(normalized.slice(0, 8), 16);
	if (seconds < EARLIEST_PLAUSIBLE_SECONDS) return null;
	if (seconds > nowMs / 1000 + FUTURE_TOLERANCE_SECONDS) return null;
	return new Date(seconds * 1000);
}
