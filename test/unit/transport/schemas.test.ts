import { unwrapEnvelope, validateNoteDetail, validateUserProfile } from '../../../nodes/Xiaohongshu/transport/schemas';

describe('unwrapEnvelope', () => {
	it('takes `data` from a success envelope and leaves a bare payload alone', () => {
		expect(unwrapEnvelope({ status: 'success', data: { note_id: 'a' } })).toEqual({ note_id: 'a' });
		expect(unwrapEnvelope({ note_id: 'a', data: { x: 1 } })).toEqual({ note_id: 'a', data: { x: 1 } });
		expect(unwrapEnvelope('{"status":"success","data":{"note_id":"b"}}')).toEqual({ note_id: 'b' });
	});
});

describe('validateNoteDetail', () => {
	it('accepts the documented payload and returns the very object, unknown fields included', () => {
		const data = { note_id: '641ae75d0000000013031c27', title: 't', interact_info: { liked_count: '3.5万' }, brand_new: [1, 2] };
		const result = validateNoteDetail({ status: 'success', data });
		expect(result).toEqual({ ok: true, payload: data });
		expect(result.ok && result.payload).toBe(data);
	});

	it('tolerates nulls, numbers for strings, and strings for numbers', () => {
		expect(validateNoteDetail({ note_id: null, title: 12, time: '1679484765000', tags: null, images: ['http://x'], video: null, interact_info: { liked_count: 5 } }).ok).toBe(true);
	});

	it('refuses what it cannot use, saying where', () => {
		expect(validateNoteDetail([1, 2])).toEqual({ ok: false, problem: 'expected a note object, got an array' });
		expect(validateNoteDetail({ status: 'success', data: {} })).toMatchObject({ ok: false, problem: expect.stringMatching(/none of the note fields/) });
		expect(validateNoteDetail({ note_id: 'x', images: 'not a list' })).toMatchObject({ ok: false, problem: expect.stringMatching(/^images: /) });
		expect(validateNoteDetail('{"note_id": "cut')).toMatchObject({ ok: false });
	});
});

describe('validateUserProfile', () => {
	it('accepts fields at the top, under `profile`, or in the site\'s basic_info', () => {
		expect(validateUserProfile({ nickname: 'a', fans: '1' }).ok).toBe(true);
		expect(validateUserProfile({ status: 'success', data: { user_id: 'u', profile: { nickname: 'a', gender: 0 } } }).ok).toBe(true);
		expect(validateUserProfile({ basic_info: { nickname: 'a' } }).ok).toBe(true);
		expect(validateUserProfile({ unrelated: true }).ok).toBe(false);
	});
});
