import { isRecord } from '../domain/guards';

/** A response header by name, whatever its case; the first value when it came several times. */
export function headerValue(headers: unknown, name: string): string | undefined {
	if (!isRecord(headers)) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}
