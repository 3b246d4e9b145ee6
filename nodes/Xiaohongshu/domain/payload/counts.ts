/**
 * Engagement and follower counts arrive as the site displays them ("529", "3.5万", "1w+").
 * A displayed count is a range, not a number: `min`/`max` bound the true value so that a
 * tracker comparing two polls never mistakes rounding for change.
 */

export interface DisplayedCount {
	/**
	 * Best estimate of the true count: a non-negative safe integer, or null when hidden,
	 * missing or unreadable (never 0 for "unknown").
	 */
	value: number | null;
	/** The text as displayed (trimmed), or null when there was none. */
	display: string | null;
	/** True only for plain integer displays within 2^53: the display is the count itself. */
	exact: boolean;
	/** True for "10+", "1w+": the count is at least `min`, with no known upper bound. */
	floor: boolean;
	/** Smallest true count consistent with the display; null when value is null. */
	min: number | null;
	/** Largest true count consistent with the display; null when unbounded (floors) or unknown. */
	max: number | null;
}

/**
 * No count the site shows comes near this length ("12,345,678", "10万+"); longer text is
 * read as unreadable without being parsed, so a pasted essay costs nothing.
 */
export const MAX_COUNT_DISPLAY_LENGTH = 64;

const UNITS: Record<string, number> = {
	千: 1_000,
	k: 1_000,
	K: 1_000,
	// rednote's English-language pages abbreviate millions.
	m: 1_000_000,
	M: 1_000_000,
	万: 10_000,
	萬: 10_000,
	w: 10_000,
	W: 10_000,
	亿: 100_000_000,
	億: 100_000_000,
};

// One optional run of spaces on each side of the unit, never two runs side by side: two
// adjacent `\s*` could share the same spaces in quadratically many ways.
const COUNT_PATTERN = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(千|k|K|m|M|万|萬|w|W|亿|億))?(?:\s*(\+))?$/;
const HIDDEN_MARKS = new Set(['-', '--', '—', '–', '－', '/']);

function unknown(display: string | null): DisplayedCount {
	return { value: null, display, exact: false, floor: false, min: null, max: null };
}

/** Full-width digits and punctuation come from Chinese input methods and copy-paste. */
function toHalfWidth(text: string): string {
	return text
		.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[，,]/g, ',')
		.replace(/．/g, '.')
		.replace(/＋/g, '+');
}

/** Rounds away float noise (0.1 + 0.2) before the integer snapping of bounds. */
function clean(n: number): number {
	return Math.round(n * 1e6) / 1e6;
}

function isCount(n: number): boolean {
	return Number.isSafeInteger(n) && n >= 0;
}

/** A reading whose numbers all keep the contract; anything else is unreadable. */
function reading(display: string, exact: boolean, floor: boolean, min: number, max: number | null): DisplayedCount {
	if (!isCount(min) || (max !== null && !isCount(max))) return unknown(display);
	return { value: min, display, exact, floor, min, max };
}

function rounded(display: string, center: number, low: number, high: number): DisplayedCount {
	let min = Math.max(0, Math.ceil(low));
	let max = Math.floor(high);
	// A display finer than one ("1.0001k" is 1000.1): no integer agrees with it exactly,
	// so the two integers around it bound the count.
	if (min > max) {
		min = Math.max(0, Math.floor(center));
		max = Math.ceil(center);
	}
	const bounded = reading(display, false, false, min, max);
	if (bounded.value === null) return bounded;
	return { ...bounded, value: Math.min(max, Math.max(min, Math.round(center))) };
}

function parseCountText(raw: string): DisplayedCount {
	const display = raw.trim();
	if (display === '') return unknown(null);
	if (display.length > MAX_COUNT_DISPLAY_LENGTH || HIDDEN_MARKS.has(display)) return unknown(display);

	const match = COUNT_PATTERN.exec(toHalfWidth(display));
	if (!match) return unknown(display);
	const [, integerPart, fraction, unitMark, plus] = match;
	const unit = unitMark ? UNITS[unitMark] : 1;
	const digits = integerPart.replace(/,/g, '');

	// A decimal without a unit ("3.5") is not how the site renders counts; guessing would
	// risk reading a European thousands separator as a decimal point.
	if (fraction !== undefined && unitMark === undefined) return unknown(display);

	if (unitMark === undefined) {
		const value = Number(digits);
		// "1w+" reads as a threshold ("ten thousand or more"), not as a rounded number.
		return plus === '+' ? reading(display, false, true, value, null) : reading(display, true, false, value, value);
	}

	const mantissa = Number(digits + (fraction ? `.${fraction}` : ''));
	const center = clean(mantissa * unit);
	if (plus === '+') return reading(display, false, true, Math.round(center), null);

	// The display is rounded to its last digit: "3.5万" is 35,000 ± 500, "3万" is 30,000 ± 5,000.
	const step = unit / 10 ** (fraction?.length ?? 0);
	return rounded(display, center, clean(mantissa * unit - step / 2), clean(mantissa * unit + step / 2));
}

/**
 * Reads a displayed count: digits ("529", "1,234", "1，234"), units (千/k/K ×1,000, 万/w/W
 * ×10,000, 亿 ×100,000,000, m/M ×1,000,000), decimals ("3.5万"), floors ("10+", "1w+",
 * "10万+"). Empty, null, undefined and "-" mean hidden: value null, not 0. Unreadable text
 * (including anything longer than MAX_COUNT_DISPLAY_LENGTH, and counts beyond 2^53) keeps
 * its display with value null.
 *
 * A number is read as its decimal text, so 529 and "529" are the same count and what the
 * trigger stores (the display) reads back as what it saw: 3.5 is unreadable like "3.5".
 */
export function parseCount(raw: unknown): DisplayedCount {
	if (raw === null || raw === undefined) return unknown(null);
	if (typeof raw === 'number' || typeof raw === 'bigint') return parseCountText(String(raw));
	if (typeof raw === 'string') return parseCountText(raw);
	return unknown(null);
}

function tenthsText(tenths: number): string {
	return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/**
 * Renders a count the way the site does: exact below 10,000, then one decimal of 万
 * ("3.5万", "12万"), then one decimal of 亿. Non-finite input renders as ''.
 */
export function formatCount(n: number): string {
	if (!Number.isFinite(n)) return '';
	const rounded = Math.round(n);
	if (rounded < 10_000) return String(rounded);
	// Integer arithmetic on tenths avoids toFixed's binary rounding surprises.
	const wanTenths = Math.round(rounded / 1_000);
	if (wanTenths < 100_000) return `${tenthsText(wanTenths)}万`;
	return `${tenthsText(Math.round(rounded / 10_000_000))}亿`;
}

/**
 * The smallest increase from `prev` to `curr` that the two displays prove, or null when
 * either count is unknown. 0 means "not proven" (including rounding noise and decreases).
 *
 * A floor ("1w+") has no upper bound: its true value may already exceed anything shown
 * later, so no increase from a floor is ever proven. A floor as the *current* display is
 * fine: "10万+" after an exact 50,000 proves at least 50,000.
 */
export function provenIncrease(prev: DisplayedCount, curr: DisplayedCount): number | null {
	if (prev.value === null || curr.value === null || curr.min === null) return null;
	if (prev.max === null) return 0;
	return Math.max(0, curr.min - prev.max);
}

/** The mirror of `provenIncrease`: the smallest decrease proven, 0 if none, null if unknown. */
export function provenDecrease(prev: DisplayedCount, curr: DisplayedCount): number | null {
	if (prev.value === null || curr.value === null || prev.min === null) return null;
	if (curr.max === null) return 0;
	return Math.max(0, prev.min - curr.max);
}

/**
 * Whether two counts show the same thing, whatever the spelling: "3.5万" and "3.5w", or 529
 * and "529". Two unknown counts are the same when their display texts are.
 */
export function sameDisplay(a: DisplayedCount, b: DisplayedCount): boolean {
	if (a.value === null || b.value === null) {
		return a.value === b.value && a.display === b.display;
	}
	return a.value === b.value && a.floor === b.floor && a.min === b.min && a.max === b.max;
}
