/**
 * "Selected Fields" output: the user's pick of simplified fields. Pure: no n8n.
 *
 * A count is one choice in the UI but three fields in the output (`likes`, `likesText`,
 * `likesExact`): picking the number brings its displayed text and exactness along, since a
 * rounded number without them is misleading.
 */

const COMPANION_SUFFIXES = ['Text', 'Exact'];

export function pickFields(record: Record<string, unknown>, selected: readonly string[]): Record<string, unknown> {
	const picked: Record<string, unknown> = {};
	for (const key of selected) {
		if (!(key in record)) continue;
		picked[key] = record[key];
		for (const suffix of COMPANION_SUFFIXES) {
			const companion = `${key}${suffix}`;
			if (companion in record) picked[companion] = record[companion];
		}
	}
	return picked;
}
