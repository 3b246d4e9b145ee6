/**
 * Reads n8n's stored execution data, which is serialised with the `flatted` format: a JSON
 * array whose first entry is the root, where every object and string lives in its own entry
 * and is referred to by its index written as a string. Written here so the tools need no
 * package beyond what the repo already declares.
 */
export function parseFlatted(text: string): unknown {
	const entries = JSON.parse(text) as unknown[];
	if (!Array.isArray(entries) || entries.length === 0) return undefined;
	const revived = new Map<number, unknown>();

	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const entry = entries[index];
		if (typeof entry !== 'object' || entry === null) {
			revived.set(index, entry);
			return entry;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		revived.set(index, out);
		for (const [key, value] of Object.entries(entry)) {
			(out as Record<string, unknown>)[key] = typeof value === 'string' ? revive(Number(value)) : value;
		}
		return out;
	};

	return revive(0);
}
