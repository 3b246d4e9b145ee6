/** Percent-decoding that survives what pastes do to links: stray "%", double encoding. */

export const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;

export function decodeOnce(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		// A stray "%" (or a cut-off escape) must not lose the escapes that are valid.
		return text.replace(/%[0-9a-f]{2}/gi, (escape) => {
			try {
				return decodeURIComponent(escape);
			} catch {
				return escape;
			}
		});
	}
}

/** Undoes up to three rounds of percent-encoding: share texts carry `%3D` and `%253D`. */
export function decodeRepeatedly(text: string): string {
	let current = text;
	for (let round = 0; round < 3 && PERCENT_ESCAPE.test(current); round++) {
		const next = decodeOnce(current);
		if (next === current) break;
		current = next;
	}
	return current;
}
