import { parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { engagementRate, readEngagementText, totalEngagement } from '../../../../nodes/Xiaohongshu/domain/payload/engagementTotal';

const total = (...texts: string[]) => totalEngagement(texts.map((t) => parseCount(t)));

describe('totalEngagement', () => {
	it('adds four exact counts into an exact number', () => {
		expect(total('86', '12', '5', '3')).toEqual({ value: 106, display: '106', exact: true, floor: false, min: 106, max: 106 });
	});

	it('bounds a sum of rounded displays by the sums of their bounds, and keeps the four displays as its text', () => {
		// 3.5万 is 34,500..35,500; the others are exact (3,864 together).
		expect(total('3.5万', '2227', '529', '1108')).toEqual({
			value: 38_864,
			display: '3.5万 + 2227 + 529 + 1108',
			exact: false,
			floor: false,
			min: 38_364,
			max: 39_364,
		});
	});

	it('has no upper bound when a part is a floor', () => {
		expect(total('10万+', '1w+', '10+', '1,234')).toMatchObject({ value: 111_244, exact: false, floor: true, min: 111_244, max: null });
	});

	it('is unknown when any part is hidden or unreadable', () => {
		for (const hidden of ['', '-', 'abc']) {
			expect(total('10', '2', hidden, '1')).toEqual({ value: null, display: null, exact: false, floor: false, min: null, max: null });
		}
		expect(totalEngagement([parseCount('1'), parseCount('2')]).value).toBeNull();
	});

	it('is unknown when the sum passes 2^53, as its text would read back', () => {
		const big = String(2 ** 52);
		expect(total(big, big, '1', '0').value).toBeNull();
		expect(readEngagementText(String(2 ** 53 + 2)).value).toBeNull();
		expect(total(big, '1', '1', '0')).toMatchObject({ value: 2 ** 52 + 2, exact: true });
		expect(total('80000000亿', '80000000亿', '1', '0').value).toBeNull();
	});
});

describe('readEngagementText', () => {
	it.each([
		['86', '12', '5', '3'],
		['3.5万', '2227', '529', '1108'],
		['10万+', '1w+', '10+', '1,234'],
		['1.2亿', '560万', '9.9万', '1万'],
		['10万 +', '2.3w', '1.5千', '3k'],
	])('reads back the range of %s + %s + %s + %s', (...texts) => {
		const made = total(...texts);
		const read = readEngagementText(made.display);
		expect(read).toEqual(made);
	});

	it('reads nothing from texts that are not four counts', () => {
		expect(readEngagementText('1 + 2').value).toBeNull();
		expect(readEngagementText('1 + 2 + 3 + 4 + 5').value).toBeNull();
		expect(readEngagementText('a + b + c + d').value).toBeNull();
		expect(readEngagementText(null).value).toBeNull();
		expect(readEngagementText(42).value).toBe(42);
	});

	it('stays linear on a long hostile text', () => {
		expect(readEngagementText(`${'1 + '.repeat(200_000)}1`).value).toBeNull();
	});
});

describe('engagementRate', () => {
	it('divides engagement by followers', () => {
		expect(engagementRate(500, 10_000)).toBe(0.05);
		expect(engagementRate(0, 10)).toBe(0);
	});

	it('is null when followers are unknown or 0, or engagement is unknown', () => {
		expect(engagementRate(500, null)).toBeNull();
		expect(engagementRate(500, 0)).toBeNull();
		expect(engagementRate(null, 100)).toBeNull();
	});
});
