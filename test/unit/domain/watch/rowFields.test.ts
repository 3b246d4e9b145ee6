import { expectWithinBudget } from '../../support/timeBound';
import { defaultFieldNames, readPreviousCounts, rowValue } from '../../../../nodes/Xiaohongshu/domain/watch/rowFields';

describe('rowValue', () => {
	it('finds a field by its exact name first, then written another way', () => {
		expect(rowValue({ likes: 1, Likes: 2 }, 'likes')).toBe(1);
		expect(rowValue({ Likes: 2 }, 'likes')).toBe(2);
		expect(rowValue({ 'Likes and Collects': 3 }, 'likesAndCollects')).toBe(3);
		expect(rowValue({ likes_and_collects: 4 }, 'likesAndCollects')).toBe(4);
		expect(rowValue({ 'likes-text': '3.5万' }, 'likesText')).toBe('3.5万');
	});

	it("reads only the row's own fields; a missing one is undefined", () => {
		expect(rowValue({}, 'constructor')).toBeUndefined();
		expect(rowValue({}, 'toString')).toBeUndefined();
		expect(rowValue({ likes: 1 }, 'collects')).toBeUndefined();
		expect(rowValue({ likes: 1 }, '')).toBeUndefined();
	});
});

describe('readPreviousCounts', () => {
	it("reads the node's own columns and fetchedAt; a row with none of a metric's fields leaves it out", () => {
		const row = { likes: 35_000, likesText: '3.5万', collects: 12, fetchedAt: '2026-06-01T10:00:00.000Z' };
		expect(readPreviousCounts(row, defaultFieldNames(['likes', 'collects', 'comments']))).toEqual({
			counts: { likes: { number: 35_000, text: '3.5万' }, collects: { number: 12, text: undefined } },
			at: Date.parse('2026-06-01T10:00:00.000Z'),
		});
	});

	it("falls back to a Data table row's updatedAt, a Date or an epoch time; unreadable times are none", () => {
		const names = defaultFieldNames(['likes']);
		const at = Date.UTC(2026, 5, 1);
		expect(readPreviousCounts({ updatedAt: new Date(at) }, names).at).toBe(at);
		expect(readPreviousCounts({ fetchedAt: 'soon', updatedAt: at / 1000 }, names).at).toBe(at);
		expect(readPreviousCounts({ fetchedAt: 'soon' }, names).at).toBeNull();
	});
});

describe('hostile rows', () => {
	it('a row of 50k fields with long names is read in one linear pass', () => {
		const row: Record<string, unknown> = {};
		for (let i = 0; i < 50_000; i++) row[`Field ${i} ${'_ -'.repeat(20)}`] = i;
		row['L i k e s'] = 7;
		const input = Object.keys(row).join('\n');
		expectWithinBudget('readPreviousCounts over 50k fields', input, () => readPreviousCounts(row, defaultFieldNames(['likes', 'collects', 'comments', 'shares', 'engagement'])), () => input.split('\n').map((key) => key.toLowerCase()));
		expect(readPreviousCounts(row, defaultFieldNames(['likes'])).counts.likes).toEqual({ number: 7, text: undefined });
	});
});
