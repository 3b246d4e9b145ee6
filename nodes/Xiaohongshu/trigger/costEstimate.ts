/**
 * The monthly cost as the editor can compute it before anything runs. n8n renders a notice's
 * text as written, but it evaluates the node's subtitle and its hints' display conditions
 * against the current parameters (`$parameter`: the credential, and so its plan, is not
 * visible there), so those carry the estimate. The expression counts entries as
 * domain/watch/entryEstimate.ts does, prices Poll Times with the table of domain/watch/cost.ts
 * and caps the month at the Credit Budget, as the poll does.
 */
import { MINUTES_PER_MONTH, POLLS_PER_MONTH_BY_MODE } from '../domain/watch/cost';
import { ENTRY_NAME } from '../domain/watch/entryEstimate';

const pollsForMode = Object.entries(POLLS_PER_MONTH_BY_MODE)
	.map(([mode, polls]) => `mode === ${JSON.stringify(mode)} ? ${polls} : `)
	.join('');

/**
 * JavaScript for n8n's expression engine: `{ entries, need, budget, spend }` for the current
 * parameters. `need` is credits a month for every entry on every poll (-1 when Poll Times
 * cannot be priced: a custom cron, nothing set), `budget` the Credit Budget (0: none) and
 * `spend` the most the trigger spends a month (-1 when unknown). Linear in the list's length.
 */
export const ESTIMATE_JS = `(() => {
	const text = String(($parameter.watch === "creators" ? $parameter.creators : $parameter.notes) ?? "");
	const names = new Set();
	for (const line of text.split("\\n")) {
		const found = line.match(${ENTRY_NAME.toString()});
		if (found) names.add(found[0]);
	}
	let polls = 0;
	for (const item of ($parameter.pollTimes?.item ?? [])) {
		const mode = item?.mode;
		const every = Number(item?.value);
		const add = mode === "everyX" ? (every > 0 ? ${MINUTES_PER_MONTH} / (item.unit === "hours" ? every * 60 : every) : -1) : ${pollsForMode}-1;
		if (add < 0) { polls = -1; break; }
		polls += add;
	}
	const wanted = Number($parameter.creditBudget);
	const budget = wanted >= 1 ? Math.floor(wanted) : 0;
	const need = polls > 0 ? names.size * Math.round(polls) : -1;
	const spend = need < 0 ? (budget > 0 ? budget : -1) : budget > 0 ? Math.min(need, budget) : need;
	return { entries: names.size, need, budget, spend };
})()`;

/**
 * "≈2,160 credits/mo · notes", "≤1,000 credits/mo · notes" (the budget caps it), or
 * "Watch notes" when the month cannot be told: the number first, short enough for the canvas.
 */
export const TRIGGER_SUBTITLE = `={{ ((e) => e.spend < 0 || e.entries === 0 ? "Watch " + $parameter.watch : (e.budget > 0 && (e.need < 0 || e.need > e.budget) ? "≤" : "≈") + e.spend.toLocaleString("en-US") + " credits/mo · " + $parameter.watch)(${ESTIMATE_JS}) }}`;

const CAPPED = '(e) => e.budget > 0 && e.entries > 0 && (e.need < 0 || e.need > e.budget)';

/**
 * A display condition: the month is above `above` credits and at most `upTo`, and no Credit
 * Budget caps it (a budget the user set is their cap: the budget's own hint speaks then).
 */
export function estimateBetween(above: number, upTo = Number.POSITIVE_INFINITY): string {
	const upper = Number.isFinite(upTo) ? ` && credits <= ${upTo}` : '';
	return `={{ ((credits) => credits > ${above}${upper})(((e) => ((${CAPPED})(e) ? -1 : e.spend))(${ESTIMATE_JS})) }}`;
}

/** A display condition: the Credit Budget holds the month below what every poll of the list needs. */
export const BUDGET_CAPS = `={{ (${CAPPED})(${ESTIMATE_JS}) }}`;
