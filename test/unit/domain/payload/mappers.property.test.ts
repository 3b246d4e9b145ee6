import fc from 'fast-check';

import { isObjectId } from '../../../../nodes/Xiaohongshu/domain/links/ids';
import { simplifyNote } from '../../../../nodes/Xiaohongshu/domain/payload/noteMapper';
import type { NotePayload, UserProfilePayload } from '../../../../nodes/Xiaohongshu/domain/payload/payloads';
import { simplifyUser } from '../../../../nodes/Xiaohongshu/domain/payload/userMapper';
import { validateNoteDetail, validateUserProfile } from '../../../../nodes/Xiaohongshu/transport/schemas';
import { anyText, fuzz, holds, hostileText, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';
import { expectWithinBudget } from '../../support/timeBound';

const NOTE = '68f4c1a2000000000703b9de';
const USER = '6246cc94000000001000d74b';
const TOKEN = 'CBi5Lt9MgF3PVfTaz2Ogmnp0d9GXouzlEye6AW-wHgKKU=';
const NOW = Date.UTC(2026, 0, 2);

const objectId = fc.stringMatching(/^[0-9a-f]{24}$/);
const text = fc.oneof(anyText(), objectId, fc.constantFrom('', ' ', '#话题[话题]#', '\uD800', '\uDC00x', '3.5万', '1w+'));
// NaN is left out: the schema refuses it, and refused payloads are only skipped cases here.
const looseValue = fc.oneof(text, fc.double({ noNaN: true }), fc.integer(), fc.constant(null), fc.constant(undefined));
const countValue = fc.oneof(looseValue, fc.constant('9'.repeat(400)), fc.constant('1.0001k'), fc.constant(3.5), fc.constant(2 ** 60));

/** Note payloads of the shape the schema describes, with hostile values in every field. */
const notePayload: fc.Arbitrary<Record<string, unknown>> = fc.record(
	{
		note_id: fc.oneof(objectId, text, fc.constant(null)),
		type: fc.oneof(fc.constantFrom('normal', 'video', null), text),
		title: looseValue,
		description: fc.oneof(looseValue, fc.array(fc.constantFrom('#a[话题]#', '#', '[话题]', '\n', 'x', '\uD83D'), { maxLength: 50 }).map((p) => p.join(''))),
		time: looseValue,
		last_update_time: looseValue,
		ip_location: fc.oneof(text, fc.constant(null)),
		user: fc.oneof(
			fc.constant(null),
			fc.record({ user_id: fc.oneof(objectId, text, fc.constant(null)), nickname: looseValue, avatar: fc.oneof(text, fc.constant(null)) }, { requiredKeys: [] }),
		),
		tags: fc.oneof(
			fc.constant(null),
			fc.array(fc.oneof(text, fc.record({ id: fc.oneof(text, fc.constant(null)), name: looseValue, type: fc.oneof(fc.constantFrom('topic', 'location'), text, fc.constant(null)) }, { requiredKeys: [] })), { maxLength: 8 }),
		),
		images: fc.oneof(fc.constant(null), fc.array(fc.oneof(text, fc.record({ url: fc.oneof(text, fc.constant(null)), width: looseValue }, { requiredKeys: [] })), { maxLength: 5 })),
		video: fc.oneof(fc.constant(null), fc.record({ url: fc.oneof(text, fc.constant(null)), duration: looseValue }, { requiredKeys: [] })),
		interact_info: fc.oneof(
			fc.constant(null),
			fc.record({ liked_count: countValue, collected_count: countValue, comment_count: countValue, share_count: countValue }, { requiredKeys: [] }),
		),
	},
	{ requiredKeys: [] },
);

const profileFields = {
	user_id: fc.oneof(objectId, text, fc.constant(null)),
	nickname: looseValue,
	description: looseValue,
	avatar: fc.oneof(text, fc.constant(null)),
	gender: looseValue,
	red_id: looseValue,
	follows: countValue,
	fans: countValue,
	interaction: countValue,
	ip_location: fc.oneof(text, fc.constant(null)),
	tags: fc.oneof(fc.constant(null), fc.array(fc.oneof(text, fc.record({ name: looseValue, type: fc.oneof(text, fc.constant(null)) }, { requiredKeys: [] })), { maxLength: 8 })),
	interactions: fc.oneof(fc.constant(null), fc.array(fc.record({ type: fc.constantFrom('fans', 'follows', 'interaction', 'x'), count: countValue }, { requiredKeys: [] }), { maxLength: 4 })),
};
const profilePayload: fc.Arbitrary<Record<string, unknown>> = fc
	.tuple(fc.record(profileFields, { requiredKeys: [] }), fc.option(fc.record(profileFields, { requiredKeys: [] }), { nil: undefined }))
	.map(([top, profile]) => (profile === undefined ? top : { ...top, profile }));

/** Every string anywhere in a value, for checks that apply to all of them. */
function strings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) strings(v, out);
	else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
	return out;
}

function isWellFormed(s: string): boolean {
	try {
		encodeURIComponent(s);
		return true;
	} catch {
		return false;
	}
}

function allWellFormed(value: unknown): void {
	for (const s of strings(value)) holds(isWellFormed(s), `lone surrogate in ${JSON.stringify(s)}`);
}

function countsKeepContract(fields: Record<string, unknown>, names: string[]): void {
	for (const name of names) {
		const value = fields[name];
		holds(value === null || (Number.isSafeInteger(value) && (value as number) >= 0), `${name}: ${String(value)}`);
		holds(fields[`${name}Exact`] !== true || value !== null, `${name} exact without a value`);
	}
}

describe('simplifyNote properties', () => {
	it('never throws on what the schema accepts; its text is well-formed, its links built from valid ids', () => {
		fc.assert(
			fc.property(notePayload, (payload) => {
				fc.pre(validateNoteDetail(payload).ok);
				const note = simplifyNote(payload as NotePayload, { noteId: NOTE, xsecToken: TOKEN, nowMs: NOW });
				allWellFormed(note);
				holds(isObjectId(note.noteId), `noteId ${note.noteId}`);
				holds(note.url.startsWith(`https://www.xiaohongshu.com/explore/${note.noteId}?xsec_token=`), `url ${note.url}`);
				holds(note.authorId === null || isObjectId(note.authorId), `authorId ${note.authorId}`);
				holds(note.authorUrl === (note.authorId === null ? null : `https://www.xiaohongshu.com/user/profile/${note.authorId}`), `authorUrl ${note.authorUrl}`);
				holds(new Set(note.topics).size === note.topics.length, 'topics once each');
				countsKeepContract(note as unknown as Record<string, unknown>, ['likes', 'collects', 'comments', 'shares']);
			}),
			fuzz(1621),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('never throws on anything at all (a payload that skipped validation)', () => {
		fc.assert(
			fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withObjectString: true }), notePayload.map((p) => ({ ...p, tags: 5 }))), (payload) => {
				simplifyNote(payload as NotePayload, { noteId: NOTE, nowMs: NOW });
			}),
			fuzz(1622),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('maps a note with up to 100 kB of text within the time budget', () => {
		const pieces = fc.constantFrom('#', '#a', '[话题]#', '#a[话题]', '\n', 'a', '\uD800', ' ', '');
		fc.assert(
			fc.property(hostileText(pieces), (description) => {
				const payload = { note_id: NOTE, title: description, description, tags: [description] };
				expectWithinBudget('simplifyNote', description, () => simplifyNote(payload, { noteId: NOTE, nowMs: NOW }));
			}),
			fuzz(1623, 500),
		);
	}, PROPERTY_TIMEOUT_MS);
});

describe('simplifyUser properties', () => {
	it('never throws on what the schema accepts; its text is well-formed, its link built from a valid id', () => {
		fc.assert(
			fc.property(profilePayload, (payload) => {
				fc.pre(validateUserProfile(payload).ok);
				const user = simplifyUser(payload as UserProfilePayload, { userId: USER, nowMs: NOW });
				allWellFormed(user);
				holds(isObjectId(user.userId), `userId ${user.userId}`);
				holds(user.profileUrl === `https://www.xiaohongshu.com/user/profile/${user.userId}`, `profileUrl ${user.profileUrl}`);
				countsKeepContract(user as unknown as Record<string, unknown>, ['followers', 'following', 'likesAndCollects']);
			}),
			fuzz(1624),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('lists each tag name once, in the order first seen', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom('a', 'b', ' a ', 'c', '', '北京'), { maxLength: 40 }), (names) => {
				const user = simplifyUser({ user_id: USER, tags: names.map((name) => ({ name })) }, { userId: USER, nowMs: NOW });
				const expected: string[] = [];
				for (const name of names.map((n) => n.trim()).filter((n) => n !== '')) if (!expected.includes(name)) expected.push(name);
				holds(JSON.stringify(user.tags) === JSON.stringify(expected), `tags ${JSON.stringify(user.tags)}`);
			}),
			fuzz(1625),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('never throws on anything at all', () => {
		fc.assert(
			fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (payload) => {
				simplifyUser(payload as UserProfilePayload, { userId: USER, nowMs: NOW });
			}),
			fuzz(1626),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('maps a profile with up to 100 kB of tags within the time budget', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 7_000 }), fc.integer({ min: 1, max: 7_000 }), (count, distinct) => {
				const payload = { user_id: USER, tags: Array.from({ length: count }, (_, i) => ({ name: `t${i % distinct}` })) };
				const json = JSON.stringify(payload);
				expectWithinBudget('simplifyUser', json, () => simplifyUser(payload, { userId: USER, nowMs: NOW }), () => JSON.stringify(payload));
			}),
			fuzz(1627, 300),
		);
	}, PROPERTY_TIMEOUT_MS);
});
