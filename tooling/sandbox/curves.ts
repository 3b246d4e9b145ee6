/**
 * Engagement curves: counts as a function of the virtual clock, for month-long runs. A
 * note's likes rise fast after it is published and flatten (1 - e^(-t/τ)); an old note
 * trickles; a note that goes viral late gets a second surge. The other counts follow the
 * likes at fixed shares, as on the site.
 */

export interface Surge {
	/** When it starts (epoch ms of the virtual clock). */
	at: number;
	/** What it adds in the end. */
	amount: number;
	/** Time constant: 63% of `amount` has arrived `hours` after `at`. */
	hours: number;
}

export interface EngagementCurve {
	/** The count before `since`, and before any surge. */
	base: number;
	/** A steady trickle from `since`. */
	perHour: number;
	since: number;
	surges: Surge[];
}

const HOUR_MS = 3_600_000;

/** The curve's (unrounded) count at `t`. */
export function curveValue(curve: EngagementCurve, t: number): number {
	let value = curve.base + curve.perHour * (Math.max(0, t - curve.since) / HOUR_MS);
	for (const s of curve.surges) {
		if (t > s.at) value += s.amount * (1 - Math.exp(-(t - s.at) / HOUR_MS / s.hours));
	}
	return value;
}
