/**
 * Engagement as one number: likes + collects + comments + shares, the column influencer
 * sheets compute by hand, and engagement per follower. Pure: no n8n.
 *
 * The sum of four displayed counts is a range too: its bounds are the sums of the parts'
 * bounds, so a tracker judges it by what the four displays prove and never by rounding. Its
 * text keeps the four displays ("3.5万 + 2227 + 529 + 1108") unless all are exact, so that
 * reading the text back (a stored trigger baseline) gives the same range.
 */
import { parseCount } from './counts';
import type { DisplayedCount } from './counts';

const PART_SEPARATOR = ' + ';
const PARTS = 4;

/** The total of the four counts; unknown when any part is hidden or unreadable. */
export function totalEngagement(parts: readonly DisplayedCount[]): DisplayedCount {
	const unknown: DisplayedCount = { value: null, display: null, exact: false, floor: false, min: null, max: null };
	if (parts.length !== PARTS || parts.some((p) => p.value === null || p.min === null || p.display === null)) return unknown;
	const sum = (pick: (p: DisplayedCount) => number) => parts.reduce((total, p) => total + pick(p), 0);
	const exact = parts.every((p) => p.exact);
	const floor = parts.some((p) => p.floor);
	const unbounded = parts.some((p) => p.max === null);
	const value = sum((p) => p.value as number);
	const max = unbounded ? null : sum((p) => p.max as number);
	// Past 2^53 a sum is no longer a count (counts.ts's contract): unknown, as its text would read back.
	if (!Number.isSafeInteger(max ?? value)) return unknown;
	return {
		value,
		// Whitespace inside a part ("10万 +") would blur the separator; the count reads the same without it.
		display: exact ? String(value) : parts.map((p) => (p.display as string).replace(/\s+/g, '')).join(PART_SEPARATOR),
		exact,
		floor,
		min: sum((p) => p.min as number),
		max,
	};
}

/** Reads back an engagement text made by totalEngagement: a plain number, or four displays. */
export function readEngagementText(text: unknown): DisplayedCount {
	if (typeof text !== 'string' || !text.includes(PART_SEPARATOR)) return parseCount(text);
	const parts = text.split(PART_SEPARATOR, PARTS + 1);
	if (parts.length !== PARTS) return parseCount(null);
	return totalEngagement(parts.map((part) => parseCount(part)));
}

/** Engagement per follower; null when either is unknown or the creator has no followers. */
export function engagementRate(engagement: number | null, followers: number | null): number | null {
	if (engagement === null || followers === null || !(followers > 0)) return null;
	return engagement / followers;
}
