/**
 * Reading the previous counts out of an input item (a sheet row, a Data table row). Pure.
 *
 * A field is found by its exact name first, then by the same name written another way
 * ("Likes and Collects", "likes_and_collects", "LIKES" for likesAndCollects / likes), so a row
 * written by the creator-enrichment example (title-case columns) needs no mapping either.
 */
import { toEpochMs } from '../payload/time';
import type { Metric } from './engagementMetrics';
import type { RowCount } from './rowChange';

/** Field names are compared without case, spaces, underscores or hyphens. */
function normalized(name: string): string {
	return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The row's own field names by their normalized form (the first of equal ones wins). */
function fieldIndex(row: Record<string, unknown>): Map<string, string> {
	const index = new Map<string, string>();
	for (const key of Object.keys(row)) {
		const normal = normalized(key);
		if (!index.has(normal)) index.set(normal, key);
	}
	return index;
}

/** The value of `name` in `row`; undefined when the row has no such field. Reads only own fields. */
export function rowValue(row: Record<string, unknown>, name: string, index: Map<string, string> = fieldIndex(row)): unknown {
	if (name === '') return undefined;
	if (Object.hasOwn(row, name)) return row[name];
	const key = index.get(normalized(name));
	return key === undefined ? undefined : row[key];
}

export interface PreviousFieldNames {
	/** Per metric: the number column and the displayed-text column. */
	counts: Partial<Record<Metric, { number: string; text: string }>>;
	/** When the previous counts were read; the fallbacks are tried in order. */
	time: readonly string[];
}

/** The node's own output names: `likes` / `likesText`, and `fetchedAt` (else a table's `updatedAt`). */
export function defaultFieldNames(metrics: readonly Metric[]): PreviousFieldNames {
	const counts: PreviousFieldNames['counts'] = {};
	for (const metric of metrics) counts[metric] = { number: metric, text: `${metric}Text` };
	return { counts, time: ['fetchedAt', 'updatedAt'] };
}

export function readPreviousCounts(
	row: Record<string, unknown>,
	names: PreviousFieldNames,
): { counts: Partial<Record<Metric, RowCount>>; at: number | null } {
	const counts: Partial<Record<Metric, RowCount>> = {};
	// One pass over the row's fields, however many it has and however many are looked up.
	const index = fieldIndex(row);
	for (const [metric, fields] of Object.entries(names.counts) as Array<[Metric, { number: string; text: string }]>) {
		const number = rowValue(row, fields.number, index);
		const text = rowValue(row, fields.text, index);
		if (number !== undefined || text !== undefined) counts[metric] = { number, text };
	}
	let at: number | null = null;
	for (const name of names.time) {
		const value = rowValue(row, name, index);
		at = toEpochMs(value);
		if (at !== null) break;
	}
	return { counts, at };
}
