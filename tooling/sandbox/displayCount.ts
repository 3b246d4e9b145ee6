/**
 * Counts the way Xiaohongshu renders them: exact digits below ten thousand,
 * then one decimal of 万 (10^4), then one decimal of 亿 (10^8). Rounded to the
 * nearest displayed step, so `3.5万` stands for 34,500..35,499.
 */
export function renderCount(value: number): string {
	const n = Math.max(0, Math.floor(value));
	if (n < 10_000) return String(n);
	if (n < 100_000_000) return withUnit(n / 10_000, '万');
	return withUnit(n / 100_000_000, '亿');
}

function withUnit(scaled: number, unit: string): string {
	const rounded = Math.round(scaled * 10) / 10;
	return `${rounded.toFixed(1).replace(/\.0$/, '')}${unit}`;
}

const UNIT: Record<string, number> = {
	万: 10_000,
	w: 10_000,
	W: 10_000,
	千: 1_000,
	k: 1_000,
	K: 1_000,
	亿: 100_000_000,
};

/**
 * Rough inverse of every display form, used only when a test asks the sandbox to
 * grow or spike a count that a fixture holds as literal text (`1w+`, `1,234`).
 * Unreadable or hidden counts start from zero.
 */
export function approximateCount(display: string | null): number {
	if (!display) return 0;
	const match = /^([\d,]+(?:\.\d+)?)\s*([万wW千kK亿])?\+?$/.exec(display.trim());
	if (!match) return 0;
	const number = Number(match[1].replace(/,/g, ''));
	return Math.round(number * (match[2] ? UNIT[match[2]] : 1));
}
