/**
 * Validation of parse.bot's success answers. Tolerant by design: the envelope is optional,
 * every field is optional and may be null, numbers may arrive as strings, and unknown keys
 * are kept (`catchall`). What it refuses is an answer the node cannot use at all, so the
 * user sees "parse.bot changed its format" rather than an item of nulls.
 *
 * Only zod API common to zod 3 and zod 4 is used: n8n ships one or the other.
 */
import { jsonParse } from 'n8n-workflow';
import { z } from 'zod';

import { isRecord } from '../domain/guards';
import type { NotePayload, UserProfilePayload } from '../domain/payload/payloads';

const looseString = z.union([z.string(), z.number()]).nullish();
const looseNumber = z.union([z.number(), z.string()]).nullish();
const count = z.union([z.string(), z.number()]).nullish();
const anyObject = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(z.unknown());
/**
 * A list whose items must each match `item`, judged one by one up to the first that does not.
 * `z.array(z.union(…))` would build a union error (one per branch) for every bad item: a
 * payload with thousands of them took over 50 ms to refuse, and one bad item says enough.
 */
const listOf = (item: z.ZodTypeAny) =>
	z.array(z.unknown()).superRefine((items, ctx) => {
		for (let i = 0; i < items.length; i++) {
			if (item.safeParse(items[i]).success) continue;
			ctx.addIssue({ code: 'custom', path: [i], message: 'Invalid input' });
			return;
		}
	});

const noteSchema = anyObject({
	note_id: z.string().nullish(),
	type: z.string().nullish(),
	title: looseString,
	description: looseString,
	time: looseNumber,
	last_update_time: looseNumber,
	ip_location: z.string().nullish(),
	user: anyObject({
		user_id: z.string().nullish(),
		nickname: looseString,
		avatar: z.string().nullish(),
	}).nullish(),
	tags: listOf(z.union([z.string(), anyObject({ id: z.string().nullish(), name: looseString, type: z.string().nullish() })])).nullish(),
	images: listOf(z.union([z.string(), anyObject({ url: z.string().nullish(), width: looseNumber, height: looseNumber })])).nullish(),
	video: anyObject({ url: z.string().nullish(), duration: looseNumber, format: z.string().nullish() }).nullish(),
	interact_info: anyObject({
		liked_count: count,
		collected_count: count,
		comment_count: count,
		share_count: count,
	}).nullish(),
});

const profileFields = {
	user_id: z.string().nullish(),
	nickname: looseString,
	description: looseString,
	avatar: z.string().nullish(),
	gender: z.union([z.number(), z.string()]).nullish(),
	red_id: looseString,
	follows: count,
	fans: count,
	interaction: count,
	ip_location: z.string().nullish(),
	tags: listOf(z.union([z.string(), anyObject({ type: z.string().nullish(), name: looseString, icon: z.string().nullish() })])).nullish(),
	interactions: listOf(anyObject({ type: z.string().nullish(), name: looseString, count })).nullish(),
};

const profileSchema = anyObject({ ...profileFields, profile: anyObject(profileFields).nullish() });

const NOTE_SIGNS = ['note_id', 'title', 'description', 'user', 'images', 'video', 'interact_info'];
const PROFILE_SIGNS = ['nickname', 'red_id', 'fans', 'follows', 'user_id', 'avatar', 'profile', 'basic_info', 'interactions'];

export type Validated<T> = { ok: true; payload: T } | { ok: false; problem: string };

/**
 * The payload inside parse.bot's answer: `data` of a `{status: "success", data}` envelope,
 * or the body itself (parse.bot's general docs say a success is "the endpoint's own JSON").
 */
export function unwrapEnvelope(body: unknown): unknown {
	const value = typeof body === 'string' && /^\s*[[{]/.test(body) ? jsonParse<unknown>(body, { fallbackValue: body }) : body;
	if (isRecord(value) && value.status === 'success' && isRecord(value.data)) return value.data;
	return value;
}

function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 3)
		.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
		.join('; ');
}

function validate<T>(schema: z.ZodTypeAny, signs: string[], what: string, body: unknown): Validated<T> {
	const payload = unwrapEnvelope(body);
	if (!isRecord(payload)) return { ok: false, problem: `expected a ${what} object, got ${Array.isArray(payload) ? 'an array' : typeof payload}` };
	if (!signs.some((key) => payload[key] !== undefined && payload[key] !== null)) {
		return { ok: false, problem: `the answer has none of the ${what} fields (${signs.join(', ')})` };
	}
	const result = schema.safeParse(payload);
	if (!result.success) return { ok: false, problem: describeIssues(result.error) };
	// The original object, not zod's copy: Raw output promises the payload untouched.
	return { ok: true, payload: payload as T };
}

export function validateNoteDetail(body: unknown): Validated<NotePayload> {
	return validate<NotePayload>(noteSchema, NOTE_SIGNS, 'note', body);
}

export function validateUserProfile(body: unknown): Validated<UserProfilePayload> {
	return validate<UserProfilePayload>(profileSchema, PROFILE_SIGNS, 'profile', body);
}
