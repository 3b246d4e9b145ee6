/**
 * Payload values leave the mapper in range (class 6 of issue 24): a time is after the epoch or
 * null, a video duration is positive or null, and an answer full of invalid list items is
 * refused as fast as a linear pass over it.
 */
import fc from 'fast-check';

import { simplifyNote } from '../../../../nodes/Xiaohongshu/domain/payload/noteMapper';
import type { NotePayload } from '../../../../nodes/Xiaohongshu/domain/payload/payloads';
import { epochToIso, toEpochMs } from '../../../../nodes/Xiaohongshu/domain/payload/time';
import { validateNoteDetail, validateUserProfile } from '../../../../nodes/Xiaohongshu/transport/schemas';
import { fuzz, holds, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';
import { expectWithinBudget } from '../../support/timeBound';

const NOTE = '68f4c1a2000000000703b9de';
const NOW = Date.UTC(2026, 0, 2);
const MAX_DATE_MS = 8.64e15;

/** Times as payloads send them, and as they go wrong: tiny, negative, before 1970, past a Date. */
const anyTime = fc.oneof(
	fc.double({ noNaN: false }),
	fc.double({ min: -1, max: 1, noNaN: true }),
	fc.integer(),
	fc.date({ noInvalidDate: false }),
	fc.date().map((d) => d.toISOString()),
	fc.date().map((d) => d.toISOString().slice(0, 10)),
	fc.constantFrom('0.0001', '1e-3', '0.4', '1969-12-31', '1900-01-01T00:00:00Z', '0000-01-01', '-5', '0', new Date(-5), new Date(NaN)),
	fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
	fc.string(),
);

describe('payload values in range', () => {
	it('toEpochMs gives a time after the epoch that a Date holds, or null, as it promises', () => {
		fc.assert(
			fc.property(anyTime, (value) => {
				const ms = toEpochMs(value);
				holds(ms === null || (Number.isFinite(ms) && ms > 0 && ms <= MAX_DATE_MS), `${String(value)} -> ${ms}`);
				holds((ms === null) === (epochToIso(value) === null), `${String(value)}: epochToIso disagrees`);
			}),
			fuzz(2801, 3_000),
		);
	});

	it('keeps a video duration only when it is a real one (positive)', () => {
		fc.assert(
			fc.property(fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.constantFrom('-1', '0', '12.5', '', 'x')), (duration) => {
				const payload = { note_id: NOTE, type: 'video', video: { url: 'http://v/1.mp4', duration } } as unknown as NotePayload;
				const seconds = simplifyNote(payload, { noteId: NOTE, nowMs: NOW }).videoDurationSeconds;
				holds(seconds === null || (Number.isFinite(seconds) && seconds > 0), `${String(duration)} -> ${seconds}`);
			}),
			fuzz(2802, 1_000),
		);
		const minusOne = { note_id: NOTE, type: 'video', video: { url: 'http://v/1.mp4', duration: -1 } } as NotePayload;
		expect(simplifyNote(minusOne, { noteId: NOTE, nowMs: NOW }).videoDurationSeconds).toBeNull();
	});

	it(
		'refuses an answer with thousands of invalid list items as fast as a linear pass over it',
		() => {
			const bad = fc.constantFrom<unknown>(5, true, null, [], [{}]);
			fc.assert(
				fc.property(fc.integer({ min: 500, max: 5_000 }), bad, fc.constantFrom('images', 'tags', 'interactions'), (n, item, field) => {
					const list = Array.from({ length: n }, () => item);
					const body = field === 'interactions' ? { nickname: 'n', interactions: list } : { note_id: NOTE, [field]: list };
					const validate = field === 'interactions' ? validateUserProfile : validateNoteDetail;
					const json = JSON.stringify(body);
					expectWithinBudget(`${n} invalid ${field}`, json, () => validate(body), () => JSON.parse(json));
					const result = validate(body);
					holds(!result.ok && result.problem.startsWith(`${field}.0`), JSON.stringify(result).slice(0, 200));
				}),
				fuzz(2803, 30),
			);
		},
		PROPERTY_TIMEOUT_MS,
	);
});
