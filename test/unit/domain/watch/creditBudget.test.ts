import {
	accrued,
	advanceLedger,
	affordable,
	budgetShape,
	chargeLedger,
	newLedger,
	openLedger,
} from '../../../../nodes/Xiaohongshu/domain/watch/creditBudget';
import { decodeWatchState, encodeWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchStateCodec';
import { emptyWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchState';

const HOUR = 3_600_000;
const MARCH = Date.UTC(2027, 2, 1);
const APRIL = Date.UTC(2027, 3, 1);

describe('credit budget ledger', () => {
	const shape = budgetShape(1000);

	it('accrues the budget less the bucket over each calendar month', () => {
		expect(shape).toEqual({ creditsPerMonth: 1000, capacity: 50, floor: 25 });
		expect(accrued(shape, MARCH, APRIL)).toBeCloseTo(950, 6);
		// February is shorter: the same credits over fewer hours.
		expect(accrued(shape, Date.UTC(2027, 1, 1), MARCH)).toBeCloseTo(950, 6);
		expect(accrued(shape, MARCH, MARCH + 24 * HOUR)).toBeCloseTo(950 / 31, 6);
	});

	it('spends at most the budget in a month however the polls go', () => {
		let ledger = newLedger(shape, MARCH - 5 * 24 * HOUR);
		let spentInMarch = 0;
		for (let t = MARCH - 5 * 24 * HOUR; t < APRIL + 24 * HOUR; t += 600_000) {
			ledger = advanceLedger(ledger, shape, t);
			const n = affordable(ledger, shape, false);
			ledger = chargeLedger(ledger, n);
			if (t >= MARCH && t < APRIL) spentInMarch += n;
		}
		expect(spentInMarch).toBeLessThanOrEqual(1000);
		expect(spentInMarch).toBeGreaterThan(950 - 1);
	});

	it('assumes after a load from the database that lost polls spent all they could above the floor', () => {
		const saved = { tokens: 40, at: MARCH, month: '2027-03', spent: 100 };
		const inMemory = openLedger(saved, shape, MARCH + HOUR, false);
		expect(inMemory.tokens).toBeCloseTo(40 + 950 / (31 * 24), 6);
		const loaded = openLedger(saved, shape, MARCH + HOUR, true);
		expect(loaded.tokens).toBe(25);
		expect(loaded.spent).toBeCloseTo(100 + inMemory.tokens - 25, 6);
		// Polls that may go unsaved never touch the floor; the activation poll (saved) may.
		expect(affordable(loaded, shape, false)).toBe(0);
		expect(affordable(loaded, shape, true)).toBe(25);
	});

	it('keeps a low bucket as it was after a load', () => {
		const saved = { tokens: 3, at: MARCH, month: '2027-03', spent: 10 };
		expect(openLedger(saved, shape, MARCH, true).tokens).toBe(3);
	});

	it('never moves its time back: a clock set back accrues nothing and keeps the later month', () => {
		const ledger = { tokens: 10, at: APRIL + HOUR, month: '2027-04', spent: 7 };
		const back = advanceLedger(ledger, shape, MARCH);
		expect(back).toEqual(ledger);
	});

	it('gives a clock set forward at most one bucket', () => {
		const ledger = { tokens: 0, at: MARCH, month: '2027-03', spent: 500 };
		const jumped = advanceLedger(ledger, shape, MARCH + 365 * 24 * HOUR);
		expect(jumped.tokens).toBe(50);
		expect(jumped.month).toBe('2028-02');
		expect(jumped.spent).toBe(0);
	});

	it('survives the stored form, rounded the safe way', () => {
		const state = { ...emptyWatchState(), budget: { tokens: 12.34567, at: MARCH + 1500, month: '2027-03', spent: 321 } };
		const back = decodeWatchState(JSON.parse(JSON.stringify(encodeWatchState(state))));
		expect(back.budget).toEqual({ tokens: 12.345, at: MARCH + 2000, month: '2027-03', spent: 321 });
		expect(decodeWatchState({ version: 2, entries: {}, k: ['March', 1, 2, 3] }).budget).toBeUndefined();
	});
});
