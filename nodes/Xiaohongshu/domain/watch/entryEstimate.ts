/**
 * How the editor counts a watch list's entries before anything runs: a line counts when it
 * names an entry (a short link, or a 24-character id as every full link and ID line holds),
 * once per short link or id. Lines without either (the title line of a share text split over
 * several lines, the app's "copy this" tail) name nothing, and the poll skips them too. The
 * same pattern is written into the subtitle's expression (trigger/costEstimate.ts), so the
 * canvas and this function count alike; the poll itself reads each line fully
 * (watchList.ts), and Fetch Test Event states what it found.
 */

/** The part of a line that names an entry: a short link, else the first 24-hex id. Linear. */
export const ENTRY_NAME = /xhslink\.c(?:om|n)\/[\w/-]+|[0-9a-f]{24}/;

/** Distinct entries the list names, as the canvas counts them. */
export function estimatedEntries(text: unknown): number {
	if (typeof text !== 'string') return 0;
	const names = new Set<string>();
	for (const line of text.split('\n')) {
		const found = ENTRY_NAME.exec(line);
		if (found) names.add(found[0]);
	}
	return names.size;
}
