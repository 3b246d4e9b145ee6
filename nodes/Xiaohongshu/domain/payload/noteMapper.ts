/**
 * A note payload as flat, spreadsheet-ready fields ("Simplified" output). Pure: no n8n.
 *
 * Names explain themselves to someone reading a sheet column or an AI agent reading JSON.
 * Counts are numbers (null when hidden, never 0 for "unknown"), each with the text the site
 * showed and whether the number is exact. Times are ISO-8601 plus epoch ms. Whatever the
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

/** A note's counts as ranges, one for each count a watch can follow. */
export interface NoteCounts {
	likes: DisplayedCount;
	collects: DisplayedCount;
	comments: DisplayedCount;
	shares: DisplayedCount;
	/** The sum of the four (engagementTotal.ts). */
	engagement: DisplayedCount;
}

export interface SimplifiedNote {
	noteId: string;
	/** Canonical link, with the token when one is known, so it opens for anyone. */
	url: string;
	xsecToken: string | null;
	/** 'image' or 'video' (the API says 'normal' for image notes). */
	type: string | null;
	title: string | null;
	text: string | null;
	/** Topic names from the note's tags and from `#name[话题]#` in its text, once each. */
	topics: string[];
	publishedAt: string | null;
	publishedAtMs: number | null;
	updatedAt: string | null;
	updatedAtMs: number | null;
	/** The poster's region as Xiaohongshu shows it (from the IP address); null when not shown. */
	region: string | null;
	/** The author's user id when the payload holds a valid one (24 hex characters), else null. */
	authorId: string | null;
	authorName: string | null;
	authorAvatar: string | null;
	authorUrl: string | null;
	likes: number | null;
	likesText: string | null;
	likesExact: boolean;
	collects: number | null;
	collectsText: string | null;
	collectsExact: boolean;
	comments: number | null;
	commentsText: string | null;
	commentsExact: boolean;
	shares: number | null;
	sharesText: string | null;
	sharesExact: boolean;
	/** likes + collects + comments + shares; null when any of them is hidden. */
	engagement: number | null;
	/** The four displays it adds up (a plain number when all are exact). */
	engagementText: string | null;
	/** True only when all four counts are exact. */
	engagementExact: boolean;
	/** Image URLs of an image note (empty for a video note, whose only image is its cover). */
	imageUrls: string[];
	imageCount: number;
	coverUrl: string | null;
	videoUrl: string | null;
	videoDurationSeconds: number | null;
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
}

const INLINE_TOPIC = /#([^#\n[\]]{1,60})\[话题\]#/g;


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
	for (const match of body.matchAll(INLINE_TOPIC)) add(match[1]);
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
	return {
		noteId,
		url: canonicalNoteUrl(noteId, token, context.xsecSource ?? null),
		xsecToken: token,
		type,
		title: plainText(payload.title),
		text: plainText(payload.description),
		topics: noteTopics(payload.tags, payload.description),
		publishedAt: epochToIso(payload.time),
		publishedAtMs: toEpochMs(payload.time),
		updatedAt: epochToIso(payload.last_update_time),
		updatedAtMs: toEpochMs(payload.last_update_time),
		region: displayText(payload.ip_location),
		authorId,
		authorName: plainText(author?.nickname),
		authorAvatar: displayText(author?.avatar),
		authorUrl: authorId !== null ? canonicalUserUrl(authorId) : null,
		likes: likes.value,
		likesText: likes.text,
		likesExact: likes.exact,
		collects: collects.value,
		collectsText: collects.text,
		collectsExact: collects.exact,
		comments: comments.value,
		commentsText: comments.text,
		commentsExact: comments.exact,
		shares: shares.value,
		sharesText: shares.text,
		sharesExact: shares.exact,
		engagement: engagement.value,
		engagementText: engagement.text,
		engagementExact: engagement.exact,
		imageUrls: isVideo ? [] : images,
		imageCount: isVideo ? 0 : images.length,
		coverUrl: images[0] ?? null,
		videoUrl: displayText(video?.url),
		videoDurationSeconds: durationSeconds(video?.duration),
		fetchedAt: new Date(context.nowMs ?? Date.now()).toISOString(),
	};
}
