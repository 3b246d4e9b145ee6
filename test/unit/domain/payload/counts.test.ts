import {
	formatCount,
	parseCount,
	provenDecrease,
	provenIncrease,
	sameDisplay,
	type DisplayedCount,
} from '../../../../nodes/Xiaohongshu/domain/payload/counts';

type Expected = Omit<DisplayedCount, 'display'>;

function exact(n: number): Expected {
	return { value: n, exact: true, floor: false, min: n, max: n };
}
function rounded(value: number, min: number, max: number): Expected {
	return { value, exact: false, floor: false, min, max };
}
function floorOf(n: number): Expected {
	return { value: n, exact: false, floor: true, min: n, max: null };
}
const UNKNOWN: Expected = { value: null, exact: false, floor: false, min: null, max: null };

describe('parseCount: every displayed form', () => {
	test.each([
		// exact digits
		['0', exact(0)],
		['7', exact(7)],
		['529', exact(529)],
		['2227', exact(2227)],
		['9999', exact(9999)],
		['１２３', exact(123)],
		// thousands separators
		['1,234', exact(1234)],
		['12,345,678', exact(12345678)],
		['1，234', exact(1234)],
		// 千 / k / K
		['1千', rounded(1000, 500, 1500)],
		['1.2k', rounded(1200, 1150, 1250)],
		['3.4K', rounded(3400, 3350, 3450)],
		['2.5千', rounded(2500, 2450, 2550)],
		// 万 / w / W
		['3.5万', rounded(35000, 34500, 35500)],
		['2.3w', rounded(23000, 22500, 23500)],
		['2.3W', rounded(23000, 22500, 23500)],
		['1万', rounded(10000, 5000, 15000)],
		['12万', rounded(120000, 115000, 125000)],
		['10.1万', rounded(101000, 100500, 101500)],
		['1.25万', rounded(12500, 12450, 12550)],
		['0.1万', rounded(1000, 500, 1500)],
		['3萬', rounded(30000, 25000, 35000)],
		// 亿
		['1亿', rounded(100000000, 50000000, 150000000)],
		['1.2亿', rounded(120000000, 115000000, 125000000)],
		['2.35亿', rounded(235000000, 234500000, 235500000)],
		// millions (rednote English UI)
		['1.5M', rounded(1500000, 1450000, 1550000)],
		// floors
		['10+', floorOf(10)],
		['999+', floorOf(999)],
		['1w+', floorOf(10000)],
		['1W+', floorOf(10000)],
		['10万+', floorOf(100000)],
		['1.5万+', floorOf(15000)],
		['1亿+', floorOf(100000000)],
		['1,000+', floorOf(1000)],
		['10＋', floorOf(10)],
		// whitespace
		[' 529 ', exact(529)],
		['3.5 万', rounded(35000, 34500, 35500)],
		['\u00a03.5万\u3000', rounded(35000, 34500, 35500)],
		['1w +', floorOf(10000)],
	])('%p', (raw, expected) => {
		const parsed = parseCount(raw);
		expect(parsed).toEqual({ ...expected, display: raw.trim() });
	});

	test.each([
		[529, exact(529)],
		[0, exact(0)],
		[35000, exact(35000)],
		[BigInt(42), exact(42)],
	])('the number %p is exact', (raw, expected) => {
		expect(parseCount(raw)).toEqual({ ...expected, display: String(raw) });
	});

	test.each([
		['', null],
		['   ', null],
		[null, null],
		[undefined, null],
		['-', '-'],
		['--', '--'],
		['—', '—'],
		[{}, null],
		[true, null],
	])('hidden or missing %p has no value (not 0), display %p', (raw, display) => {
		expect(parseCount(raw)).toEqual({ ...UNKNOWN, display });
	});

	test.each(['abc', '赞', '3.5', '1.234', '1,23', '12,3456', '万', '+', '3.5万万', '-5', '1e5', '0x10', 'NaN', '5 0'])(
		'unreadable %p keeps its display with value null',
		(raw) => {
			expect(parseCount(raw)).toEqual({ ...UNKNOWN, display: raw });
		},
	);

	test.each([NaN, Infinity, -1])('the number %p is unreadable', (raw) => {
		expect(parseCount(raw).value).toBeNull();
	});

	test('upstream sample strings', () => {
		// interact_info from the parse.bot listing sample
		const info = { liked_count: '3.5万', share_count: '1108', comment_count: '529', collected_count: '2227' };
		expect(Object.values(info).map((v) => parseCount(v).value)).toEqual([35000, 1108, 529, 2227]);
	});
});

describe('formatCount', () => {
	test.each([
		[0, '0'],
		[7, '7'],
		[529, '529'],
		[9999, '9999'],
		[10000, '1万'],
		[10499, '1万'],
		[10500, '1.1万'],
		[34999, '3.5万'],
		[35000, '3.5万'],
		[35499, '3.5万'],
		[123456, '12.3万'],
		[99449, '9.9万'],
		[99949, '10万'],
		[99950, '10万'],
		[1234567, '123.5万'],
		[99_949_499, '9994.9万'],
		[99_949_999, '9995万'],
		[99_950_000, '9995万'],
		[99_999_999, '1亿'],
		[123_456_789, '1.2亿'],
		[2_350_000_000, '23.5亿'],
		[NaN, ''],
	])('%p -> %p', (n, display) => {
		expect(formatCount(n)).toBe(display);
	});

	test('round trip: the displayed bounds always contain the true count', () => {
		const samples: number[] = [];
		for (let n = 0; n <= 200_000; n += 7) samples.push(n);
		for (let n = 200_000; n <= 3_000_000_000; n = Math.floor(n * 1.013) + 13) samples.push(n);
		samples.push(9999, 10000, 10001, 99_999_999, 100_000_000, 100_000_001);
		for (const n of samples) {
			const parsed = parseCount(formatCount(n));
			expect(parsed.value).not.toBeNull();
			if (parsed.min === null || parsed.max === null) throw new Error(`no bounds for ${n}`);
			if (n < parsed.min || n > parsed.max) {
				throw new Error(`${n} renders as ${formatCount(n)}, bounds ${parsed.min}..${parsed.max}`);
			}
			expect(parsed.exact).toBe(n < 10_000);
		}
	});

	test('round trip of a rounded display is stable', () => {
		for (const display of ['3.5万', '12万', '1.2亿', '529', '9999']) {
			const value = parseCount(display).value;
			expect(formatCount(value ?? NaN)).toBe(display);
		}
	});
});

describe('provenIncrease and provenDecrease', () => {
	test.each([
		// rounding noise is never a change
		['3.5万', '3.5万', 0, 0],
		['3.5万', '3.5w', 0, 0],
		['3.5万', '3.6万', 0, 0],
		['3.4万', '3.6万', 1000, 0],
		['3.6万', '3.4万', 0, 1000],
		// exact counts prove exactly
		['529', '531', 2, 0],
		['531', '529', 0, 2],
		['529', '529', 0, 0],
		// mixed exact / rounded
		['9999', '1万', 0, 0],
		['16000', '1万', 0, 1000],
		['9000', '1.2万', 2500, 0],
		['1.2万', '14000', 1500, 0],
		// floors: nothing is proven from a floor (its true value is unbounded)
		['1w+', '2.1万', 0, 0],
		['1w+', '10万+', 0, 0],
		['10+', '10+', 0, 0],
		['10+', '500', 0, 0],
		// ... but a floor as the current display bounds it from below
		['50000', '10万+', 50000, 0],
		['10', '10+', 0, 0],
		['3.5万', '10万+', 64500, 0],
	])('%p -> %p proves +%p / -%p', (prev, curr, up, down) => {
		const p = parseCount(prev);
		const c = parseCount(curr);
		expect(provenIncrease(p, c)).toBe(up);
		expect(provenDecrease(p, c)).toBe(down);
	});

	test.each([
		['', '529'],
		['529', ''],
		['-', '3.5万'],
		['abc', '10'],
	])('%p -> %p proves nothing (null)', (prev, curr) => {
		expect(provenIncrease(parseCount(prev), parseCount(curr))).toBeNull();
		expect(provenDecrease(parseCount(prev), parseCount(curr))).toBeNull();
	});

	test('a proven increase never exceeds the true increase, whatever the true values behind two displays', () => {
		for (let a = 0; a <= 300_000; a += 997) {
			for (const delta of [0, 1, 499, 500, 999, 1000, 5000, 25_000]) {
				const b = a + delta;
				const proven = provenIncrease(parseCount(formatCount(a)), parseCount(formatCount(b)));
				expect(proven).not.toBeNull();
				if ((proven ?? 0) > delta) throw new Error(`${a} -> ${b} claims +${proven}`);
				const reverse = provenDecrease(parseCount(formatCount(b)), parseCount(formatCount(a)));
				if ((reverse ?? 0) > delta) throw new Error(`${b} -> ${a} claims -${reverse}`);
			}
		}
	});
});

describe('sameDisplay', () => {
	test.each([
		['3.5万', '3.5w', true],
		['3.5万', ' 3.5 W ', true],
		['1,234', '1234', true],
		['10万+', '10w+', true],
		['3.5万', '3.6万', false],
		['10+', '10', false],
		['1万', '10000', false],
		['', '', true],
		['-', '-', true],
		['', '-', false],
		['', '0', false],
	])('%p vs %p -> %p', (a, b, same) => {
		expect(sameDisplay(parseCount(a), parseCount(b))).toBe(same);
	});

	test('a number and its string are the same display', () => {
		expect(sameDisplay(parseCount(529), parseCount('529'))).toBe(true);
		expect(sameDisplay(parseCount(null), parseCount(undefined))).toBe(true);
	});
});
