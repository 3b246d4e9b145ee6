/**
 * The credit budget over random budgets, poll rhythms, restarts and ledgers: every budget the
 * field accepts refills each month and never overspends a calendar month; accrual over any
 * span equals the month-by-month sum and costs the same whatever the span; nothing the plan
 * shows is Infinity or NaN. (A ledger saved ahead of the clock: watchStateDamage.property.test.ts.)
 */
import fc from 'fast-check';

import {
	accrued,
	advanceLedger,
	affordable,
	budgetShape,
	chargeLedger,
	creditsPerHour,
	monthKey,
	newLedger,
	openLedger,
} from '../../../../nodes/Xiaohongshu/domain/watch/creditBudget';
import type { BudgetShape } from '../../../../nodes/Xiaohongshu/domain/watch/creditBudget';
import { emptyWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchState';
import { decodeWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchStateCodec';
import { parseWatchList, readWatchList } from '../../../../nodes/Xiaohongshu/domain/watch/watchList';
import { planBudget, shortBudgetText } from '../../../../nodes/Xiaohongshu/trigger/budgetedTurns';
import type { TriggerSettings } from '../../../../nodes/Xiaohongshu/trigger/settings';
import { fuzz, holds, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 17, 5);

/** The month-by-month accrual the ledger had before: the reference its O(1) form must match. */
function accruedMonthByMonth(shape: BudgetShape, from: number, to: number): number {
	const perMonth = shape.creditsPerMonth - shape.capacity;
	let total = 0;
	let t = from;
	while (t < to) {
		const d = new Date(t);
		const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
		const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
		const segmentEnd = Math.min(end, to);
		total += (perMonth * (segmentEnd - t)) / (end - start);
		t = segmentEnd;
	}
	return total;
}

describe('credit budget', () => {
	it(
		'refills every budget the field accepts each month, and spends at most the budget in any calendar month (class 4)',
		() => {
			fc.assert(
				fc.property(
					fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5_000 })),
					fc.integer({ min: 1, max: 12 }),
					fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
					(budget, pollHours, restarts) => {
						const shape = budgetShape(budget);
						let ledger = newLedger(shape, START);
						const byMonth = new Map<string, number>();
						const restartedIn = new Set<string>();
						let step = 0;
						for (let t = START; t < START + 100 * DAY; t += pollHours * HOUR, step++) {
							const restart = restarts[step % restarts.length] && step % 5 === 0;
							ledger = openLedger(ledger, shape, t, restart);
							const n = affordable(ledger, shape, restart);
							ledger = chargeLedger(ledger, n);
							byMonth.set(monthKey(t), (byMonth.get(monthKey(t)) ?? 0) + n);
							if (restart) restartedIn.add(monthKey(t));
						}
						for (const [month, spent] of byMonth) holds(spent <= budget, `${month}: spent ${spent} of ${budget}`);
						// February and March lie wholly inside the run: each must have refilled (a restart may
						// cost the bucket above its floor, by design, so months with one are not judged).
						for (const month of ['2026-02', '2026-03'].filter((m) => !restartedIn.has(m))) holds((byMonth.get(month) ?? 0) >= 1, `${month}: nothing spent with budget ${budget}`);
						const perHour = creditsPerHour(shape, START);
						holds(Number.isFinite(perHour) && perHour > 0, `credits per hour ${perHour}`);
					},
				),
				fuzz(2601, 300),
			);
		},
		PROPERTY_TIMEOUT_MS,
	);

	it('shows no Infinity or NaN in the plan or its notice for a budget of 1 (class 4)', () => {
		const list = readWatchList(parseWatchList(
			'note',
			['https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4b?xsec_token=ABcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ=', 'https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4c?xsec_token=ABcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIK='].join('\n'),
		));
		const settings = {
			kind: 'note',
			listText: '',
			metrics: ['likes'],
			rules: [{ kind: 'change' }],
			emitBaseline: false,
			creditBudget: 1,
			longestGapMs: DAY,
		} as TriggerSettings & { creditBudget: number };
		const plan = planBudget(settings, emptyWatchState(), list.targets, START, HOUR, true);
		for (const entry of plan.entries) expect(Number.isFinite(entry.intervalMs)).toBe(true);
		expect(shortBudgetText(plan, DAY)).not.toMatch(/Infinity|NaN/);
	});

	it(
		'accrues over any span what the month-by-month sum gives (class 5)',
		() => {
			fc.assert(
				fc.property(
					fc.integer({ min: 1, max: 100_000 }),
					fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2199, 0, 1) }),
					fc.integer({ min: 0, max: 40 * 365 * DAY }),
					(budget, from, span) => {
						const shape = budgetShape(budget);
						if (shape.creditsPerMonth <= shape.capacity) return;
						const fast = accrued(shape, from, from + span);
						const slow = accruedMonthByMonth(shape, from, from + span);
						holds(Math.abs(fast - slow) <= 1e-9 * Math.max(1, slow), `${fast} vs ${slow}`);
					},
				),
				fuzz(2602, 300),
			);
		},
		PROPERTY_TIMEOUT_MS,
	);

	it('reads the calendar a fixed number of times however far back the ledger is (class 5)', () => {
		const shape = budgetShape(1000);
		const reads = (from: number) => {
			const spy = jest.spyOn(Date.prototype, 'getUTCMonth');
			try {
				advanceLedger({ tokens: 0, at: from, month: monthKey(from), spent: 0 }, shape, START);
				return spy.mock.calls.length;
			} finally {
				spy.mockRestore();
			}
		};
		expect(reads(Date.UTC(2000, 0, 1))).toBe(reads(START - DAY));
		// And the ledger so old is full, not more.
		const ledger = decodeWatchState({ version: 2, entries: {}, k: ['1970-01', 0, 0, -1e12] }, START).budget;
		expect(openLedger(ledger, shape, START, false).tokens).toBe(shape.capacity);
	});

});
