/** A plain object as JSON gives it: payloads that skipped validation may hold anything. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
