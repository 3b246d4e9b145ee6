/**
 * The trigger's monthly credit budget, as a token bucket whose bound holds across restarts.
 *
 * Credits accrue with time at `(budget - capacity)` per calendar month (UTC), spread over
 * the month's real length, into a bucket that holds at most `capacity`. A fetch takes one
 * credit from the bucket. So whatever the polls do, the credits spent in a calendar month
 * are at most what the bucket held when it began (≤ capacity) plus what accrued during it
 * (budget - capacity): never more than the budget. The bound depends on time alone, not on
 * how many polls ran or how often they were saved. A budget of 1 credit is the bucket's whole
 * capacity, so nothing could accrue; it refills instead at each month's start (see `accrued`).
 *
 * Restarts. n8n saves static data only in polls that emit items and at activation, so the
 * spending of silent polls is lost when n8n restarts or the workflow is re-activated. Polls
 * that may go unsaved never spend the last `floor` credits of the bucket; only the first
 * poll after a load from the database (which is the activation poll, and saved) may. After a
 * load, the ledger therefore assumes the worst: every credit above the floor that the saved
 * ledger and the time since allow was spent, and the bucket holds at most `floor`. A restart
 * costs at most `capacity - floor` credits of budget; it can never let the trigger overspend.
 *
 * Clock. The ledger's time never moves back: a clock set back accrues nothing until it passes
 * the latest time the ledger has seen, and the month being counted stays the later one. A
 * clock set forward accrues the skipped time, but never more than the bucket holds.
 */
import { HOUR_MS } from '../units';


export interface CreditLedger {
	/** Credits the trigger may still spend now (fractional: accrual is continuous). */
	tokens: number;
	/** Epoch ms up to which accrual is counted; the latest time the ledger has seen. */
	at: number;
	/** The calendar month (UTC, `YYYY-MM`) that `spent` counts. */
	month: string;
	/** Credits spent in `month`, including what a restart may have lost. */
	spent: number;
}

export interface BudgetShape {
	creditsPerMonth: number;
	/** Most credits the bucket holds; what a month may start with. */
	capacity: number;
	/** Credits only a saved poll (the activation poll) may spend. */
	floor: number;
}

/** Share of the budget the bucket may hold: what a restart can cost at most. */
const CAPACITY_SHARE = 0.05;

export function budgetShape(creditsPerMonth: number): BudgetShape {
	const budget = Math.max(1, Math.floor(creditsPerMonth));
	const capacity = Math.min(budget, Math.max(1, Math.ceil(budget * CAPACITY_SHARE)));
	return { creditsPerMonth: budget, capacity, floor: Math.floor(capacity / 2) };
}

export function monthKey(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Months since year 0 (UTC): the calendar arithmetic below stays O(1) over any span. */
function monthIndex(ms: number): number {
	const d = new Date(ms);
	return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function startOfMonthIndex(index: number): number {
	const year = Math.floor(index / 12);
	// setUTCFullYear rather than Date.UTC, which reads years 0..99 as 1900..1999.
	return new Date(0).setUTCFullYear(year, index - year * 12, 1);
}

function monthLength(index: number): number {
	return startOfMonthIndex(index + 1) - startOfMonthIndex(index);
}

/**
 * Credits accrued from `from` to `to`. Each calendar month spreads its share over its own
 * length; whole months in between count in one step, so a ledger years old costs no more than
 * a fresh one. A budget the bucket holds whole (1 credit: capacity = budget) cannot accrue
 * continuously without breaking the calendar-month bound, so it refills at each month's start:
 * what a month can spend is then what the bucket held when it began, never more than the budget.
 */
export function accrued(shape: BudgetShape, from: number, to: number): number {
	if (!(to > from)) return 0;
	const first = monthIndex(from);
	const last = monthIndex(to);
	const perMonth = shape.creditsPerMonth - shape.capacity;
	if (perMonth <= 0) return shape.creditsPerMonth * (last - first);
	if (first === last) return (perMonth * (to - from)) / monthLength(first);
	const head = (startOfMonthIndex(first + 1) - from) / monthLength(first);
	const tail = (to - startOfMonthIndex(last)) / monthLength(last);
	return perMonth * (head + (last - first - 1) + tail);
}

/** Credits accrued per hour in the month of `at` (for a monthly refill: its average). */
export function creditsPerHour(shape: BudgetShape, at: number): number {
	const perMonth = shape.creditsPerMonth - shape.capacity;
	return ((perMonth > 0 ? perMonth : shape.creditsPerMonth) * HOUR_MS) / monthLength(monthIndex(at));
}

export function newLedger(shape: BudgetShape, now: number): CreditLedger {
	return { tokens: shape.capacity, at: now, month: monthKey(now), spent: 0 };
}

/** The ledger brought forward to `now` (never backwards), with a new month's count started. */
export function advanceLedger(ledger: CreditLedger, shape: BudgetShape, now: number): CreditLedger {
	const at = Math.max(ledger.at, now);
	const tokens = Math.min(shape.capacity, Math.max(0, ledger.tokens) + accrued(shape, ledger.at, at));
	const month = monthKey(at);
	return { tokens, at, month, spent: month === ledger.month ? ledger.spent : 0 };
}

/**
 * The ledger for a poll. `loaded`: the state came from the database (a restart or
 * re-activation), so polls after the last save may have spent what they were allowed to;
 * the ledger assumes they did.
 */
export function openLedger(
	saved: CreditLedger | undefined,
	shape: BudgetShape,
	now: number,
	loaded: boolean,
): CreditLedger {
	if (saved === undefined) return newLedger(shape, now);
	const advanced = advanceLedger(saved, shape, now);
	if (!loaded) return advanced;
	const tokens = Math.min(advanced.tokens, shape.floor);
	return { ...advanced, tokens, spent: advanced.spent + (advanced.tokens - tokens) };
}

/** How many credits this poll may spend: all of them in a saved poll, all above the floor otherwise. */
export function affordable(ledger: CreditLedger, shape: BudgetShape, mayUseFloor: boolean): number {
	const usable = ledger.tokens - (mayUseFloor ? 0 : shape.floor);
	// A hair of tolerance: accrual in floating point must not lose a whole credit.
	return Math.max(0, Math.floor(usable + 1e-9));
}

export function chargeLedger(ledger: CreditLedger, credits: number): CreditLedger {
	return { ...ledger, tokens: ledger.tokens - credits, spent: ledger.spent + credits };
}
