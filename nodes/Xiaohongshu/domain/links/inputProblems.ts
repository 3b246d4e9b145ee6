/**
 * What can be wrong with a pasted note or creator input, worded once: each rejection says
 * what was wrong, quoting the input, and how to fix it.
 */
import { MAX_LINK_TEXT_LENGTH } from './linkReader';
import { isPlausibleXsecToken, normalizeXsecToken } from './xsecToken';

export type InvalidReason =
	| 'empty'
	| 'not_a_link'
	| 'foreign_host'
	| 'no_note'
	| 'no_user'
	| 'profile_link'
	| 'note_link'
	| 'red_id'
	| 'bad_id'
	| 'bad_token'
	| 'missing_token';

export interface InvalidInput {
	type: 'invalid';
	/** Machine-readable cause, for callers that word or count failures differently. */
	reason: InvalidReason;
	/** What was wrong, quoting a shortened copy of the input. */
	message: string;
	/** How to fix it. */
	hint: string;
	/** Set when a note link was given where a user was expected. */
	noteId?: string;
}

export interface ShortLinkInput {
	type: 'shortLink';
	/** The short link, with a scheme, ready for one redirect lookup. */
	url: string;
}

export const NOTE_HINT =
	"Paste the note's share link from the app or the browser address bar, including its xsec_token";
export const USER_HINT =
	"Paste the creator's profile link (https://www.xiaohongshu.com/user/profile/<user id>), the app's share text for the profile, or the 24-character user id";

/** A short, single-line copy of the input for messages. */
export function quote(text: string, max = 60): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
	return `"${short}"`;
}

export function invalid(reason: InvalidReason, message: string, hint: string): InvalidInput {
	return { type: 'invalid', reason, message, hint };
}

export function damagedToken(url: string): InvalidInput {
	return invalid(
		'bad_token',
		`The xsec_token in ${quote(url)} looks cut off or damaged`,
		'Copy the whole link again from the app or the browser address bar; a token is about 46 characters, usually ending in "="',
	);
}

export function foreignHost(target: { url: string; host: string }, expected: 'note' | 'user'): InvalidInput {
	const where = target.host ? ` (its host is ${target.host})` : '';
	return invalid(
		'foreign_host',
		`${quote(target.url)} is not a Xiaohongshu link${where}`,
		`${expected === 'note' ? NOTE_HINT : USER_HINT}; links on xiaohongshu.com, rednote.com and xhslink.com are understood`,
	);
}

export function badId(target: { url: string; segment: string }, what: 'note' | 'user'): InvalidInput {
	return invalid(
		'bad_id',
		`${quote(target.url)} has ${quote(target.segment, 30)} where a ${what} id should be; ${what} ids are 24 hex characters`,
		'The link looks cut off or altered: copy it again from the app or the browser address bar',
	);
}

export function notALink(text: string, expected: 'note' | 'user'): InvalidInput {
	if (expected === 'note' && isPlausibleXsecToken(normalizeXsecToken(text))) {
		return invalid(
			'not_a_link',
			`${quote(text)} looks like an xsec_token on its own, without the note it belongs to`,
			`${NOTE_HINT}, or give the note id and the token separately`,
		);
	}
	const where = text.length > MAX_LINK_TEXT_LENGTH ? `the first ${MAX_LINK_TEXT_LENGTH} characters of ` : '';
	return invalid(
		'not_a_link',
		`No Xiaohongshu link or ${expected} id was found in ${where}${quote(text)}`,
		expected === 'note'
			? `${NOTE_HINT}. A share text from the app works as it is; a note id (24 hex characters) opens a note only together with the xsec_token from its link`
			: USER_HINT,
	);
}

export function viaShortLink(shortUrl: string, targetUrl: string, result: InvalidInput): InvalidInput {
	return {
		...result,
		message: `The short link ${shortUrl} leads to ${quote(targetUrl)}: ${result.message}`,
	};
}
