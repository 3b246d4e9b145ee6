/**
 * A note payload as flat, spreadsheet-ready fields ("Simplified" output). Pure: no n8n.
 *
 * Names explain themselves to someone reading a sheet column or an AI agent reading JSON.
 * Counts are numbers (null when hidden, never 0 for "unknown"), each with the text the site
 * showed and whether the number is exact. Times are a sheet-readable local time plus ISO-8601 (UTC) and epoch ms. Whatever the
 * payload holds beyond these fields stays reachable through Raw output.
 */
import { countFields, shownCount } from './countFields';
import type { DisplayedCount } from './counts';
import { isObjectId, normalizeObjectId } from '../links/ids';
import { canonicalNoteUrl, canonicalUserUrl } from '../links/canonicalLinks';
import { totalEngagement } from './engagementTotal';
import type { NotePayload, NoteTagPayload } from './payloads';
import { isRecord } from '../guards';
import { displayText, plainText } from './text';
import { imageUrl, isVideoNote, noteType } from './noteKind';
import { epochToIso, toEpochMs } from './time';
import { sheetDateTime } from './localTime';
import { inlineTopicNames, withoutTopicMarkup } from './topicMarkup';

/** A note's counts as ranges, one for each count a watch can follow. */
export interface NoteCounts {
	likes: DisplayedCount;
	collects: DisplayedCount;
	comments: DisplayedCount;
	shares: DisplayedCount;
	/** The sum of the four (engagementTotal.ts). */
	engagement: DisplayedCount;
}

/**
 * In the order a person reads a row: what it is and who posted it, how it does, when, the
 * link; then the text and media; then the details (displayed counts, exactness, ids, times
 * as numbers). Spreadsheet nodes lay columns out in this order.
 */
export interface SimplifiedNote {
	title: string | null;
	authorName: string | null;
	likes: number | null;
	collects: number | null;
	comments: number | null;
	shares: number | null;
	/** likes + collects + comments + shares; null when any of them is hidden. */
	engagement: number | null;
	/** "2026-01-31 18:04:05" in the workflow's time zone: a date to a spreadsheet. */
	publishedLocal: string | null;
	/** Canonical link, with the token when one is known, so it opens for anyone. */
	url: string;
	/** 'image' or 'video' (the API says 'normal' for image notes). */
	type: string | null;
	/** The text as the app shows it: `#name[话题]#` reads "#name", the closing run of topics is left out. */
	text: string | null;
	/** Topic names from the note's tags and from `#name[话题]#` in its text, once each. */
	topics: string[];
	/** The poster's region as Xiaohongshu shows it (from the IP address); null when not shown. */
	region: string | null;
	coverUrl: string | null;
	/** Image URLs of an image note (empty for a video note, whose only image is its cover). */
	imageUrls: string[];
	imageCount: number;
	videoUrl: string | null;
	videoDurationSeconds: number | null;
	/** The exact instant, ISO-8601 in UTC. */
	publishedAt: string | null;
	publishedAtMs: number | null;
	updatedLocal: string | null;
	updatedAt: string | null;
	updatedAtMs: number | null;
	likesText: string | null;
	likesExact: boolean;
	collectsText: string | null;
	collectsExact: boolean;
	commentsText: string | null;
	commentsExact: boolean;
	sharesText: string | null;
	sharesExact: boolean;
	/** The four displays it adds up (a plain number when all are exact). */
	engagementText: string | null;
	/** True only when all four counts are exact. */
	engagementExact: boolean;
	/** The author's user id when the payload holds a valid one (24 hex characters), else null. */
	authorId: string | null;
	authorUrl: string | null;
	authorAvatar: string | null;
	noteId: string;
	xsecToken: string | null;
	/** When this data was fetched: image and video URLs are signed and expire after a while. */
	fetchedAt: string;
}

export interface NoteContext {
	/** The id asked for, used if the payload does not say. */
	noteId: string;
	xsecToken?: string | null;
	xsecSource?: string | null;
	/** Now, for `fetchedAt`. */
	nowMs?: number;
	/** The workflow's time zone (IANA name) for the `…Local` times; UTC when not given. */
	timeZone?: string;
}


/** A video's length in seconds; null when missing or impossible (upstream's -1 and 0 mean unknown). */
function durationSeconds(value: unknown): number | null {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

export function noteCounts(input: NotePayload): NoteCounts {
	const payload: NotePayload = isRecord(input) ? input : {};
	const interact = isRecord(payload.interact_info) ? payload.interact_info : {};
	const likes = shownCount(interact.liked_count);
	const collects = shownCount(interact.collected_count);
	const comments = shownCount(interact.comment_count);
	const shares = shownCount(interact.share_count);
	return { likes, collects, comments, shares, engagement: totalEngagement([likes, collects, comments, shares]) };
}

/** Topic names from tags (topic-typed or untyped) and inline `#name[话题]#`, in order, once each. */
export function noteTopics(tags: NotePayload['tags'], description: unknown): string[] {
	const seen = new Set<string>();
	const topics: string[] = [];
	const add = (name: unknown) => {
		const t = displayText(name);
		if (t !== null && !seen.has(t)) {
			seen.add(t);
			topics.push(t);
		}
	};
	for (const tag of Array.isArray(tags) ? tags : []) {
		if (typeof tag === 'string') add(tag);
		else if (isRecord(tag) && (!tag.type || tag.type === 'topic')) add((tag as NoteTagPayload).name);
	}
	const body = plainText(description) ?? '';
	for (const name of inlineTopicNames(body)) add(name);
	return topics;
}

/**
 * Never throws on what the schema accepts, nor on a payload that skipped validation: the
 * credit is spent by then, and a missing field is better than a failed item. Links are built
 * from validated ids only.
 */
export function simplifyNote(input: NotePayload, context: NoteContext): SimplifiedNote {
	const payload: NotePayload = isRecord(input) ? input : {};
	const noteId = isObjectId(payload.note_id) ? payload.note_id : context.noteId;
	const token = context.xsecToken ?? null;
	const type = displayText(noteType(payload));
	const images = (Array.isArray(payload.images) ? payload.images : []).map((image) => displayText(imageUrl(image))).filter((u): u is string => u !== null);
	const isVideo = isVideoNote(payload);
	const video = isRecord(payload.video) ? payload.video : null;
	const author = isRecord(payload.user) ? payload.user : null;
	const authorId = normalizeObjectId(author?.user_id);
	const counts = noteCounts(payload);
	const likes = countFields(counts.likes);
	const collects = countFields(counts.collects);
	const comments = countFields(counts.comments);
	const shares = countFields(counts.shares);
	const engagement = countFields(counts.engagement);
	const publishedAtMs = toEpochMs(payload.time);
	const updatedAtMs = toEpochMs(payload.last_update_time);
	const text = plainText(payload.description);
	return {
		title: plainText(payload.title),
		authorName: plainText(author?.nickname),
		likes: likes.value,
		collects: collects.value,
		comments: comments.value,
		shares: shares.value,
		engagement: engagement.value,
		publishedLocal: sheetDateTime(publishedAtMs, context.timeZone),
		url: canonicalNoteUrl(noteId, token, context.xsecSource ?? null),
		type,
		text: text === null ? null : withoutTopicMarkup(text),
		topics: noteTopics(payload.tags, payload.description),
		region: displayText(payload.ip_location),
		coverUrl: images[0] ?? null,
		imageUrls: isVideo ? [] : images,
		imageCount: isVideo ? 0 : images.length,
		videoUrl: displayText(video?.url),
		videoDurationSeconds: durationSeconds(video?.duration),
		publishedAt: epochToIso(payload.time),
		publishedAtMs,
		updatedLocal: sheetDateTime(updatedAtMs, context.timeZone),
		updatedAt: epochToIso(payload.last_update_time),
		updatedAtMs,
		likesText: likes.text,
		likesExact: likes.exact,
		collectsText: collects.text,
		collectsExact: collects.exact,
		commentsText: comments.text,
		commentsExact: comments.exact,
		sharesText: shares.text,
		sharesExact: shares.exact,
		engagementText: engagement.text,
		engagementExact: engagement.exact,
		authorId,
		authorUrl: authorId !== null ? canonicalUserUrl(authorId) : null,
		authorAvatar: displayText(author?.avatar),
		noteId,
		xsecToken: token,
		fetchedAt: new Date(context.nowMs ?? Date.now()).toISOString(),
	};
}
