/**
 * What kind of note a payload is, and where its images are: one rule for the mapper and the
 * media selection alike.
 */
import { isRecord, nonEmptyString } from '../guards';
import type { NoteImagePayload, NotePayload } from './payloads';

/** `image`, `video`, or parse.bot's own word; `normal` is the site's name for an image note. */
export function noteType(payload: NotePayload): string | null {
	const raw = nonEmptyString(payload.type);
	if (raw === 'normal') return 'image';
	if (raw !== null) return raw;
	return isRecord(payload.video) ? 'video' : null;
}

export function isVideoNote(payload: NotePayload): boolean {
	return noteType(payload) === 'video';
}

/** An image entry's URL: the entry itself when it is a string, else its first non-empty URL field. */
export function imageUrl(image: NoteImagePayload | string | null | undefined): string | null {
	if (typeof image === 'string') return nonEmptyString(image);
	if (!isRecord(image)) return null;
	return nonEmptyString(image.url) ?? nonEmptyString(image.url_default) ?? nonEmptyString(image.url_pre);
}
