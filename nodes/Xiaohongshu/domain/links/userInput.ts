/**
 * Turns whatever a user pasted for a creator (a bare user id, a profile link, a note opened
 * from a profile, a short link or a share text) into a user reference, without any network call.
 */
import {
	USER_HINT,
	badId,
	foreignHost,
	invalid,
	notALink,
	quote,
	viaShortLink,
	type InvalidInput,
	type ShortLinkInput,
} from './inputProblems';
import {
	FROM_BARE_ID,
	bareObjectId,
	bestReading,
	findLinks,
	pastedText,
	readLink,
	type LinkKind,
	type LinkTarget,
} from './linkReader';

export interface UserReference {
	userId: string;
	xsecToken: string | null;
	xsecSource: string | null;
	linkKind: LinkKind;
	inputUrl: string | null;
	resolvedUrl?: string;
}

export type UserInputResult = { type: 'user'; ref: UserReference } | ShortLinkInput | InvalidInput;

function userFromTarget(target: LinkTarget): UserInputResult {
	switch (target.kind) {
		case 'profile':
			return {
				type: 'user',
				ref: {
					userId: target.userId,
					xsecToken: target.xsec.token,
					xsecSource: target.xsec.source,
					linkKind: 'profile',
					inputUrl: target.url,
				},
			};
		case 'profile_note':
			// A note opened from a profile names its author: that is the creator the user means.
			// Its token belongs to the note, not to the profile, so it is not carried over.
			if (target.userId === null) return badId({ url: target.url, segment: target.badSegment }, 'user');
			return {
				type: 'user',
				ref: {
					userId: target.userId,
					xsecToken: null,
					xsecSource: null,
					linkKind: 'profile_note',
					inputUrl: target.url,
				},
			};
		case 'note':
			return {
				...invalid(
					'note_link',
					`${quote(target.url)} is a note link, not a creator's profile link`,
					`${USER_HINT}. To get a note's author, use Note → Get with the author's profile included`,
				),
				noteId: target.noteId,
			};
		case 'bad_id':
			return badId(target, target.what);
		case 'short_link':
			return { type: 'shortLink', url: target.url };
		case 'no_content':
			return invalid('no_user', `${quote(target.url)} is a Xiaohongshu link, but not to a creator's profile`, USER_HINT);
		case 'foreign':
			return foreignHost(target, 'user');
	}
}

function userRank(result: UserInputResult): number {
	if (result.type === 'user') return 0;
	return result.type === 'shortLink' ? 1 : 2;
}

/** 小红书号 (red_id): the handle shown on a profile, digits or a short word, which the API cannot look up. */
const RED_ID = /^(?:小红书号[:：]?\s*[A-Za-z0-9_]{3,20}|(?=[A-Za-z_]*\d)[A-Za-z0-9_]{5,15})$/;

/**
 * Reads a creator from a bare user id, a profile link (with or without xsec parameters), a
 * note-from-profile link (its author), a short link or a share text. A note link gives
 * `invalid` with reason 'note_link' and the note's id in `noteId`.
 */
export function parseUserInput(text: unknown): UserInputResult {
	const trimmed = pastedText(text);
	if (trimmed === null) return invalid('empty', 'No profile link or user id was given', USER_HINT);

	const bareId = bareObjectId(trimmed);
	if (bareId !== null) return { type: 'user', ref: { userId: bareId, ...FROM_BARE_ID } };

	const results = findLinks(trimmed).map((link) => userFromTarget(readLink(link)));
	if (results.length > 0) return bestReading(results, userRank);

	if (RED_ID.test(trimmed)) {
		return invalid(
			'red_id',
			`${quote(trimmed)} looks like a 小红书号 (the handle shown on a profile), which cannot be looked up`,
			USER_HINT,
		);
	}
	return notALink(trimmed, 'user');
}

/** The user counterpart of `noteFromShortLinkTarget`. */
export function userFromShortLinkTarget(shortUrl: string, targetUrl: string): UserInputResult {
	const result = parseUserInput(targetUrl);
	if (result.type === 'user') {
		return {
			type: 'user',
			ref: { ...result.ref, linkKind: 'short_link', inputUrl: shortUrl, resolvedUrl: targetUrl },
		};
	}
	return result.type === 'invalid' ? viaShortLink(shortUrl, targetUrl, result) : result;
}
