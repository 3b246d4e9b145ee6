/**
 * What two displayed counts prove about the change between them.
 *
 * Counts are ranges ("3.5万" is 34,500..35,500), so the change between two polls is a
 * range too. Alerts are raised only on what is proven (the smallest change consistent
 * with both displays), never on the difference of the rounded numbers: rounding noise
 * must not alert anyone.
 */
import { provenDecrease, provenIncrease, sameDisplay } from '../payload/counts';
import type { DisplayedCount } from '../payload/counts';

export interface ProvenChange {
	/** The smallest increase both displays prove; 0 when none is proven. */
	increase: number;
	/** The smallest decrease both displays prove; 0 when none is proven. */
	decrease: number;
	/** Difference of the best estimates (signed): what a human reading the displays would say. */
	estimate: number;
}

function isRounded(count: DisplayedCount): boolean {
	return !count.exact && !count.floor && count.min !== null && count.max !== null;
}

/**
 * The change from `prev` to `curr`, or null when either count is hidden or unreadable.
 *
 * Two different rounded displays whose ranges only touch ("3.5万" then "3.6万" share
 * 35,500) still prove a change of at least 1: the site renders one true value one way, so
 * the same value cannot have been shown as both. That refinement is limited to two rounded
 * displays; an exact number next to a rounded one may be the same value written twice.
 */
export function provenChange(prev: DisplayedCount, curr: DisplayedCount): ProvenChange | null {
	if (prev.value === null || curr.value === null) return null;
	const estimate = curr.value - prev.value;
	if (sameDisplay(prev, curr)) return { increase: 0, decrease: 0, estimate: 0 };

	let increase = provenIncrease(prev, curr) ?? 0;
	let decrease = provenDecrease(prev, curr) ?? 0;
	if (increase === 0 && decrease === 0 && isRounded(prev) && isRounded(curr)) {
		if (curr.min === prev.max && curr.value > prev.value) increase = 1;
		if (curr.max === prev.min && curr.value < prev.value) decrease = 1;
	}
	return { increase, decrease, estimate };
}
