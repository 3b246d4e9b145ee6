/**
 * Value guards every pure module shares: what a value from outside (a payload, stored static
 * data, a parameter) must be before it is read.
 */

/** A plain object (not null, not an array): what JSON from outside must be before its fields are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string with something in it, trimmed; null for anything else (blank text included). */
export function nonEmptyString(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}
