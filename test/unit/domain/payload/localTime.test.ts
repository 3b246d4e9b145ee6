import { sheetDateTime } from '../../../../nodes/Xiaohongshu/domain/payload/localTime';

const AT = Date.UTC(2026, 0, 31, 16, 4, 5, 678);

describe('sheetDateTime', () => {
	it('writes the time as a spreadsheet reads a date, in the time zone given', () => {
		expect(sheetDateTime(AT, 'Asia/Shanghai')).toBe('2026-02-01 00:04:05');
		expect(sheetDateTime(AT, 'America/Los_Angeles')).toBe('2026-01-31 08:04:05');
		expect(sheetDateTime(AT, 'UTC')).toBe('2026-01-31 16:04:05');
	});

	it('writes midnight as 00, not 24', () => {
		expect(sheetDateTime(Date.UTC(2026, 5, 1, 16, 0, 0), 'Asia/Shanghai')).toBe('2026-06-02 00:00:00');
	});

	it('reads an unknown or missing time zone as UTC, and a missing time as null', () => {
		expect(sheetDateTime(AT, 'Mars/Olympus_Mons')).toBe('2026-01-31 16:04:05');
		expect(sheetDateTime(AT, undefined)).toBe('2026-01-31 16:04:05');
		expect(sheetDateTime(null, 'UTC')).toBeNull();
		expect(sheetDateTime(Number.NaN, 'UTC')).toBeNull();
	});
});
