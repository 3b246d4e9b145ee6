/**
 * The monthly cost as the editor can compute it before anything runs. n8n renders a notice's
 * text as written, but it evaluates the node's subtitle and its hints' display conditions
 * against the current parameters, so those carry the estimate. The expression counts distinct
 * non-empty lines (the poll also drops lines it cannot read, and links naming the same entry
 * twice) and prices Poll Times with the same table as domain/watch/cost.ts.
 */
import { MINUTES_PER_MONTH, POLLS_PER_MONTH_BY_MODE } from '../domain/watch/cost';

const pollsForMode = Object.entries(POLLS_PER_MONTH_BY_MODE)
	.map(([mode, polls]) => `mode === ${JSON.stringify(mode)} ? ${polls} : `)
	.join('');

/**
 * JavaScript for n8n's expression engine: credits a month for the current parameters, or -1
 * when Poll Times cannot be priced (a custom cron, nothing set). Linear in the list's length.
 */
export const MONTHLY_CREDITS_JS = `(() => {
	const text = String(($parameter.watch === "creators" ? $parameter.creators : $parameter.notes) ?? "");
	const lines = new Set(text.split("\\n").map((line) => line.trim()).filter((line) => line !== ""));
	let polls = 0;
	for (const item of ($parameter.pollTimes?.item ?? [])) {
		const mode = item?.mode;
		const every = Number(item?.value);
		const add = mode === "everyX" ? (every > 0 ? ${MINUTES_PER_MONTH} / (item.unit === "hours" ? every * 60 : every) : -1) : ${pollsForMode}-1;
		if (add < 0) return -1;
		polls += add;
	}
	return polls > 0 ? lines.size * Math.round(polls) : -1;
})()`;

export const TRIGGER_SUBTITLE = `={{ ((credits) => "Watch " + $parameter.watch + (credits < 0 ? "" : " · about " + credits.toLocaleString("en-US") + " credits a month"))(${MONTHLY_CREDITS_JS}) }}`;

/** A display condition: the estimate is above `above` credits a month and at most `upTo`. */
export function estimateBetween(above: number, upTo = Number.POSITIVE_INFINITY): string {
	const upper = Number.isFinite(upTo) ? ` && credits <= ${upTo}` : '';
	return `={{ ((credits) => credits > ${above}${upper})(${MONTHLY_CREDITS_JS}) }}`;
}

