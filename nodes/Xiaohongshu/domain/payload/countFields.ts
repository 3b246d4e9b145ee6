/**
 * A count as the mappers hand it on: the range, for whoever judges it (the trigger reads a
 * mapper's `noteCounts` / `userCounts`), and the output fields rendered from it. The display
 * text is for output only: nothing parses it back.
 */
import { parseCount } from './counts';
import type { DisplayedCount } from './counts';
import { wellFormed } from './text';

/** A raw count read into its range, its display made well-formed as output shows it. */
export function shownCount(raw: unknown): DisplayedCount {
	const count = parseCount(raw);
	return count.display === null ? count : { ...count, display: wellFormed(count.display) };
}

/** The three output fields of a count: `likes`, `likesText`, `likesExact`. */
export interface CountFields {
	value: number | null;
	text: string | null;
	exact: boolean;
}

export function countFields(count: DisplayedCount): CountFields {
	return { value: count.value, text: count.display, exact: count.exact };
}
