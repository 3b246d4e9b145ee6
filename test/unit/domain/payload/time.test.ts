import { epochToIso, toEpochMs } from '../../../../nodes/Xiaohongshu/domain/payload/time';

const MS = 1760842831000; // "time" in the upstream image-note sample
const ISO = '2025-10-19T03:00:31.000Z';

describe('epochToIso and toEpochMs', () => {
	test.each([
		['milliseconds', MS, MS],
		['seconds', MS / 1000, MS],
		['fractional seconds', 1760842831.5, MS + 500],
		['milliseconds as a string', String(MS), MS],
		['seconds as a string', '1760842831', MS],
		['string with spaces', ' 1760842831000 ', MS],
		['microseconds', MS * 1000, MS],
		['nanoseconds', `${MS}000000`, MS],
		['bigint milliseconds', BigInt(MS), MS],
		['Date', new Date(MS), MS],
		['ISO string', ISO, MS],
		['ISO string with offset', '2025-10-19T11:00:31+08:00', MS],
		['old seconds (2013)', 1357000000, 1357000000000],
		['old milliseconds (2013)', 1357000000000, 1357000000000],
	] as Array<[string, unknown, number]>)('%s', (_name, value, ms) => {
		expect(toEpochMs(value)).toBe(ms);
		expect(epochToIso(value)).toBe(new Date(ms).toISOString());
	});

	test('the upstream sample time renders as ISO-8601 UTC', () => {
		expect(epochToIso(MS)).toBe(ISO);
		expect(epochToIso(MS / 1000)).toBe(ISO);
	});

	test.each([
		['zero (upstream "unknown")', 0],
		['"0"', '0'],
		['negative', -5],
		['null', null],
		['undefined', undefined],
		['empty string', ''],
		['garbage', 'yesterday'],
		['NaN', NaN],
		['Infinity', Infinity],
		['invalid Date', new Date('nope')],
		['object', { time: MS }],
		['beyond the Date range', '9'.repeat(30)],
		['hex', '0x10'],
	] as Array<[string, unknown]>)('%s is null', (_name, value) => {
		expect(toEpochMs(value)).toBeNull();
		expect(epochToIso(value)).toBeNull();
	});
});
