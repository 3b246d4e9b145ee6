import { isObjectId, normalizeObjectId, objectIdDate } from '../../../../nodes/Xiaohongshu/domain/links/ids';

const NOW = Date.UTC(2026, 4, 1); // a pinned "now" so the future check does not drift

/** An id whose first 8 hex digits encode `seconds`, padded like real ids. */
function idAt(seconds: number): string {
	return seconds.toString(16).padStart(8, '0') + '000000001000d74b';
}

describe('isObjectId', () => {
	test.each([
		['6246cc94000000001000d74b', true],
		['641ae75d0000000013031c27', true],
		['6246CC94000000001000D74B', false],
		['6246cc94000000001000d74', false],
		['6246cc94000000001000d74b0', false],
		['6246cc94000000001000d74g', false],
		[' 6246cc94000000001000d74b', false],
		['', false],
		[null, false],
		[123, false],
	] as Array<[unknown, boolean]>)('%p -> %p', (value, expected) => {
		expect(isObjectId(value)).toBe(expected);
	});
});

describe('normalizeObjectId', () => {
	test.each([
		['6246cc94000000001000d74b', '6246cc94000000001000d74b'],
		['6246CC94000000001000D74B', '6246cc94000000001000d74b'],
		['  6246cc94000000001000d74b\n', '6246cc94000000001000d74b'],
		['6246cc94000000001000d74', null],
		['6246cc94 000000001000d74b', null],
		['zzzzzzzzzzzzzzzzzzzzzzzz', null],
		[undefined, null],
	] as Array<[unknown, string | null]>)('%p -> %p', (value, expected) => {
		expect(normalizeObjectId(value)).toBe(expected);
	});
});

describe('objectIdDate', () => {
	test('reads the first 8 hex digits as unix seconds', () => {
		// 0x6246cc94 = 1648807060 s = 2022-04-01T09:57:40Z
		expect(objectIdDate('6246cc94000000001000d74b', NOW)?.toISOString()).toBe('2022-04-01T09:57:40.000Z');
		expect(objectIdDate('641ae75d0000000013031c27', NOW)?.getTime()).toBe(0x641ae75d * 1000);
	});

	test('accepts upper-case ids', () => {
		expect(objectIdDate('6246CC94000000001000D74B', NOW)?.getTime()).toBe(0x6246cc94 * 1000);
	});

	test.each([
		['2013-01-01', Date.UTC(2013, 0, 1) / 1000, true],
		['just before 2013', Date.UTC(2013, 0, 1) / 1000 - 1, false],
		['1970', 0, false],
		['now', NOW / 1000, true],
		['23 hours ahead (clock skew)', NOW / 1000 + 23 * 3600, true],
		['two days ahead', NOW / 1000 + 48 * 3600, false],
		['far future', 0xffffffff, false],
	])('%s plausible: %p', (_name, seconds, plausible) => {
		const date = objectIdDate(idAt(seconds), NOW);
		if (plausible) expect(date?.getTime()).toBe(seconds * 1000);
		else expect(date).toBeNull();
	});

	test.each(['', 'abc', '6246cc94000000001000d74', null, 42])('%p is not an id', (value) => {
		expect(objectIdDate(value, NOW)).toBeNull();
	});

	test('defaults to the real clock', () => {
		expect(objectIdDate(idAt(Math.floor(Date.now() / 1000) - 60))).not.toBeNull();
		expect(objectIdDate(idAt(Math.floor(Date.now() / 1000) + 3 * 86400))).toBeNull();
	});
});
