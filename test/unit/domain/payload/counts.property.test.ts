import fc from 'fast-check';

import {
	formatCount,
	MAX_COUNT_DISPLAY_LENGTH,
	parseCount,
	provenDecrease,
	provenIncrease,
	type DisplayedCount,
} from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { anyText, fuzz, holds, hostileText, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';
import { expectWithinBudget } from '../../support/timeBound';

const UNIT_MARKS = ['', '千', 'k', 'K', 'm', 'M', '万', '萬', 'w', 'W', '亿', '億', 'x', '万万'];

/** Displays built the way the site writes counts, and near misses of them. */
const countLike: fc.Arbitrary<string> = fc
	.tuple(
		fc.oneof(
			fc.stringMatching(/^\d{1,25}$/),
			fc.stringMatching(/^\d{1,3}(,\d{3}){1,6}$/),
			fc.constant('9'.repeat(400)),
			fc.stringMatching(/^[０-９]{1,6}$/),
		),
		fc.option(fc.stringMatching(/^\d{1,8}$/), { nil: undefined }),
		fc.constantFrom('', ' ', '  ', '\t'),
		fc.constantFrom(...UNIT_MARKS),
		fc.constantFrom('', ' '),
		fc.constantFrom('', '+', '＋', '++'),
	)
	.map(([int, fraction, space1, unit, space2, plus]) => `${int}${fraction ? `.${fraction}` : ''}${space1}${unit}${space2}${plus}`);

const anyCountInput: fc.Arbitrary<unknown> = fc.oneof(
	countLike,
	anyText(),
	fc.double(),
	fc.integer(),
	fc.bigInt(),
	fc.constantFrom(null, undefined, '', '-', '—', true, {}, []),
);

function keepsContract(count: DisplayedCount): void {
	const { value, min, max, exact, floor } = count;
	const what = JSON.stringify(count);
	if (value === null) {
		holds(min === null && max === null && !exact && !floor, `unknown with bounds: ${what}`);
		return;
	}
	holds(Number.isSafeInteger(value) && value >= 0, `value: ${what}`);
	holds(min !== null && Number.isSafeInteger(min) && min <= value, `min: ${what}`);
	holds(floor === (max === null), `floor: ${what}`);
	holds(max === null || (Number.isSafeInteger(max) && value <= max), `max: ${what}`);
	holds(!exact || (min === value && max === value), `exact: ${what}`);
}

describe('parseCount properties', () => {
	it('keeps its contract on any input: value null or a safe integer, min <= value <= max', () => {
		fc.assert(
			fc.property(anyCountInput, (raw) => keepsContract(parseCount(raw))),
			fuzz(1601, 2_000),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('is exact only for plain integer displays within 2^53', () => {
		fc.assert(
			fc.property(anyCountInput, (raw) => {
				const count = parseCount(raw);
				if (!count.exact) return;
				const digits = (count.display ?? '').replace(/[,，]/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
				holds(/^\d+$/.test(digits) && BigInt(digits) <= BigInt(Number.MAX_SAFE_INTEGER), `exact: ${count.display}`);
				holds(count.value === Number(digits), `exact value of ${count.display}: ${count.value}`);
			}),
			fuzz(1602, 2_000),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('reads a number as its decimal text, so a stored display reads back the same', () => {
		fc.assert(
			fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeNat()), (n) => {
				const count = parseCount(n);
				holds(JSON.stringify(count) === JSON.stringify(parseCount(String(n))), `${n} and its text differ`);
				if (Number.isSafeInteger(n) && n >= 0) holds(count.value === Math.abs(n) && count.exact, `${n} not exact`);
				if (!Number.isInteger(n)) holds(!count.exact, `${n} exact`);
			}),
			fuzz(1603, 2_000),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('keeps the text of a display longer than the limit, unread', () => {
		fc.assert(
			fc.property(countLike, anyText(200), (count, tail) => {
				const display = `${count}${' '.repeat(MAX_COUNT_DISPLAY_LENGTH)}${tail}`.trim();
				fc.pre(display.length > MAX_COUNT_DISPLAY_LENGTH);
				expect(parseCount(display)).toEqual({ value: null, display, exact: false, floor: false, min: null, max: null });
			}),
			fuzz(1604),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('bounds the true count it was rendered from (formatCount)', () => {
		// Near 2^53 the rounded display's upper bound is no longer a safe integer: unreadable then.
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 9e15 }), (n) => {
				const { min, max } = parseCount(formatCount(n));
				holds(min !== null && max !== null && min <= n && n <= max, `${n} outside ${min}..${max}`);
			}),
			fuzz(1605, 2_000),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('never proves more change than the true counts behind two displays', () => {
		const rendering = fc.constantFrom<(n: number) => string>(
			(n) => String(n),
			(n) => formatCount(n),
			(n) => `${Math.floor(n / 10_000)}w+`,
			(n) => `${Math.floor(n / 1_000) / 10}万`,
		);
		fc.assert(
			fc.property(fc.nat(10_000_000), fc.nat(10_000_000), rendering, rendering, (a, b, showA, showB) => {
				const before = parseCount(showA(a));
				const after = parseCount(showB(b));
				// A floor only says "at least": its own true count may be anything above it.
				fc.pre(before.min !== null && after.min !== null && before.min <= a && after.min <= b);
				fc.pre((before.max === null || a <= before.max) && (after.max === null || b <= after.max));
				holds(provenIncrease(before, after)! <= Math.max(0, b - a), `increase ${a} -> ${b}`);
				holds(provenDecrease(before, after)! <= Math.max(0, a - b), `decrease ${a} -> ${b}`);
			}),
			fuzz(1606, 2_000),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('reads any input of up to 100 kB within the time budget', () => {
		const pieces = fc.constantFrom('', '1', ' ', '1 ', ',', ',000', '.', '0', '万', '+', 'x', '\t', '１', '，');
		fc.assert(
			fc.property(hostileText(pieces), (text) => {
				expectWithinBudget('parseCount', text, (t) => parseCount(t));
			}),
			fuzz(1607, 1_000),
		);
	}, PROPERTY_TIMEOUT_MS);
});
