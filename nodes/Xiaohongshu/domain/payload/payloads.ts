/**
 * The shapes parse.bot answers with, as far as they are known (see
 * reference/parse-bot-api.md). Everything is optional and unknown keys are kept: the
 * scraper's schema is not versioned, and a field it adds tomorrow must reach the user
 * (through Raw output) rather than be dropped.
 */

export type CountValue = string | number | null | undefined;

export interface NoteTagPayload {
	id?: string | null;
	name?: string | null;
	type?: string | null;
	[key: string]: unknown;
}

export interface NoteImagePayload {
	url?: string | null;
	width?: number | null;
	height?: number | null;
	file_id?: string | null;
	[key: string]: unknown;
}

export interface NoteVideoPayload {
	url?: string | null;
	duration?: number | string | null;
	format?: string | null;
	width?: number | null;
	height?: number | null;
	[key: string]: unknown;
}

export interface NoteUserPayload {
	user_id?: string | null;
	nickname?: string | null;
	avatar?: string | null;
	[key: string]: unknown;
}

export interface InteractInfoPayload {
	liked_count?: CountValue;
	collected_count?: CountValue;
	comment_count?: CountValue;
	share_count?: CountValue;
	[key: string]: unknown;
}

/** `get_note_detail`'s payload (inside the success envelope, when there is one). */
export interface NotePayload {
	note_id?: string | null;
	type?: string | null;
	title?: string | number | null;
	description?: string | number | null;
	time?: number | string | null;
	last_update_time?: number | string | null;
	ip_location?: string | null;
	user?: NoteUserPayload | null;
	tags?: Array<NoteTagPayload | string> | null;
	images?: Array<NoteImagePayload | string> | null;
	video?: NoteVideoPayload | null;
	interact_info?: InteractInfoPayload | null;
	[key: string]: unknown;
}

export interface ProfileTagPayload {
	type?: string | null;
	name?: string | null;
	icon?: string | null;
	[key: string]: unknown;
}

export interface ProfileInteractionPayload {
	type?: string | null;
	name?: string | null;
	count?: CountValue;
	[key: string]: unknown;
}

/** The profile fields parse.bot documents in prose; they may sit at the top or under `profile`. */
export interface ProfileFields {
	user_id?: string | null;
	nickname?: string | null;
	description?: string | null;
	desc?: string | null;
	avatar?: string | null;
	gender?: number | string | null;
	red_id?: string | number | null;
	follows?: CountValue;
	fans?: CountValue;
	interaction?: CountValue;
	ip_location?: string | null;
	tags?: Array<ProfileTagPayload | string> | null;
	interactions?: ProfileInteractionPayload[] | null;
	[key: string]: unknown;
}

/** `get_user_profile`'s payload. */
export interface UserProfilePayload extends ProfileFields {
	profile?: ProfileFields | null;
}
