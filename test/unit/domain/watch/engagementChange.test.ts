import { parseCount } from '../../../../nodes/Xiaohongshu/domain/payload/counts';
import { provenChange } from '../../../../nodes/Xiaohongshu/domain/watch/engagementChange';

const change = (a: unknown, b: unknown) => provenChange(parseCount(a), parseCount(b));

describe('provenChange', () => {
	it('proves exact changes to the unit', () => {
		expect(change('529', '530')).toEqual({ increase: 1, decrease: 0, estimate: 1 });
		expect(change('530', '529')).toEqual({ increase: 0, decrease: 1, estimate: -1 });
	});

	it('sees no change in the same display, however spelt', () => {
		expect(change('3.5万', '3.5w')).toEqual({ increase: 0, decrease: 0, estimate: 0 });
		expect(change('1w+', '1w+')).toEqual({ increase: 0, decrease: 0, estimate: 0 });
		expect(change(529, '529')).toEqual({ increase: 0, decrease: 0, estimate: 0 });
	});

	it('proves only what both rounded ranges allow', () => {
		// 3.5万 is 34,500..35,500 and 3.7万 is 36,500..37,500: at least 1,000 more.
		expect(change('3.5万', '3.7万')).toMatchObject({ increase: 1000, decrease: 0, estimate: 2000 });
	});

	it('counts one rounding step as a change of at least 1', () => {
		expect(change('3.5万', '3.6万')).toMatchObject({ increase: 1, decrease: 0 });
		expect(change('3.6万', '3.5万')).toMatchObject({ increase: 0, decrease: 1 });
	});

	it('proves nothing between an exact number and a rounded display that may hold it', () => {
		expect(change('35400', '3.5万')).toMatchObject({ increase: 0, decrease: 0 });
		expect(change('3.5万', '35400')).toMatchObject({ increase: 0, decrease: 0 });
		expect(change('9999', '1万')).toMatchObject({ increase: 0, decrease: 0 });
	});

	it('never proves an increase out of a floor', () => {
		expect(change('1w+', '2w+')).toMatchObject({ increase: 0, decrease: 0 });
		expect(change('1w+', '5万')).toMatchObject({ increase: 0 });
		expect(change('10+', '11')).toMatchObject({ increase: 0 });
	});

	it('proves an increase into a floor from a bounded count', () => {
		expect(change('5000', '1w+')).toMatchObject({ increase: 5000 });
	});

	it('returns null when either side is hidden or unreadable', () => {
		expect(change('', '12')).toBeNull();
		expect(change('12', null)).toBeNull();
		expect(change('12', 'lots')).toBeNull();
	});
});
