/**
 * Finds the links in whatever a user pasted (a link, the app's whole share text, a cell
 * copied out of HTML or JSON) and reads what each one points at, without any network call.
 */
import { isShortLinkHost, isXiaohongshuHost } from './hosts';
import { normalizeObjectId } from './ids';
import { PERCENT_ESCAPE, decodeOnce, decodeRepeatedly } from './percentDecoding';
import { isPlausibleXsecToken, normalizeXsecSource, normalizeXsecToken } from './xsecToken';

export type LinkKind = 'id' | 'explore' | 'discovery' | 'profile_note' | 'short_link' | 'profile';

// ---------------------------------------------------------------------------------------------
// Finding links in pasted text

/**
 * How much of a pasted text the link finder reads. A share text from the app is under 1 kB;
 * a link further into a longer text is not looked for, so a pasted document costs nothing.
 */
export const MAX_LINK_TEXT_LENGTH = 4096;

// Written as literals (not built with `new RegExp`) so that the ReDoS check in the tests sees
// them. The character class is RFC 3986's: `[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]`.
const SCHEMED_URL = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
/**
 * Links pasted without a scheme, recognised only on Xiaohongshu's own hosts, and only where a
 * link can start: after whitespace, non-ASCII text (share texts are Chinese) or an opening
 * delimiter. After a backslash, `@`, `%`, `/`, `=` and the like, the host is part of
 * something else (`evil.com\www.xiaohongshu.com/…` opens evil.com in a browser), so it is not
 * read as a link of ours. What follows the host (path, port, `@`, escapes) stays with it,
 * so that the URL parser judges the host as a browser would.
 */
const BARE_SITE_URL =
	/(?<=^|[\s\u0080-\uffff()[\]{}<>"',;:])(?:[A-Za-z0-9-]+\.)*(?:xiaohongshu\.com|rednote\.com|xhslink\.com|xhslink\.cn)(?![A-Za-z0-9-]|\.[A-Za-z0-9])(?:[/?#:@%][A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*)?/gi;
/**
 * Where a second link may start inside what the URL patterns took for one: a link with a
 * scheme, or a host of ours, right after punctuation RFC 3986 allows in a URL
 * (`…/explore/a,https://…`, `…)www.xiaohongshu.com/…`). After `=` a link stays whole: it is a
 * parameter's value (a redirect), read as such.
 */
const GLUED_LINK_START =
	/[,;!*'()](?=https?:\/\/|(?:[A-Za-z0-9-]+\.)*(?:xiaohongshu\.com|rednote\.com|xhslink\.com|xhslink\.cn)(?![A-Za-z0-9-]|\.[A-Za-z0-9]))/gi;
const STARTS_WITH_SCHEME = /^https?:\/\//i;

/**
 * A URL the patterns found, cut into the links glued together in it: a link ends where a URL
 * ends, so it never lends its path or query (its token) to the link glued before it. A scheme
 * always starts a new link; a bare host of ours only after a link of ours (after a foreign one
 * it is that link's path, and a browser would open the foreign host).
 */
function unglued(url: string): string[] {
	const pieces: string[] = [];
	let start = 0;
	for (const match of url.matchAll(GLUED_LINK_START)) {
		const at = match.index ?? 0;
		const piece = url.slice(start, at);
		const afterOurs = isXiaohongshuHost(piece.replace(STARTS_WITH_SCHEME, ''));
		if (!STARTS_WITH_SCHEME.test(url.slice(at + 1, at + 9)) && !afterOurs) continue;
		pieces.push(piece);
		start = at + 1;
	}
	pieces.push(url.slice(start));
	return pieces;
}

/** ASCII punctuation that ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = new Set([...'.,;:!?\'")]}>*']);

/** Cuts trailing punctuation in one backward pass (a `[…]+$` regex retries at every position). */
function withoutTrailingPunctuation(url: string): string {
	let end = url.length;
	while (end > 0 && TRAILING_PUNCTUATION.has(url[end - 1])) end--;
	return url.slice(0, end);
}

/** Escapes that copy-paste from HTML or JSON leaves in links. */
function unescapePaste(text: string): string {
	return text
		.replace(/&amp;/gi, '&')
		.replace(/\\u0026/gi, '&')
		.replace(/\\\//g, '/');
}

/** A pasted text ready to read: trimmed, with what pastes add undone; null when nothing was given. */
export function pastedText(text: unknown): string | null {
	if (typeof text !== 'string' || text.trim() === '') return null;
	return unescapePaste(text.trim());
}

/** What a reference read from a bare id carries beside the id: no token, no link. */
export const FROM_BARE_ID = { xsecToken: null, xsecSource: null, linkKind: 'id', inputUrl: null } as const;

/** Of the readings of a text's links, the one ranked lowest (the first of equals). */
export function bestReading<T>(readings: T[], rank: (reading: T) => number): T {
	return readings.reduce((best, reading) => (rank(reading) < rank(best) ? reading : best));
}

/** The id when the whole text is one (quotes around it allowed); null otherwise. */
export function bareObjectId(text: string): string | null {
	return normalizeObjectId(text.replace(/^["'“”‘’]|["'“”‘’]$/g, ''));
}

/** The links in the first MAX_LINK_TEXT_LENGTH characters of `text`, in order. */
export function findLinks(text: string): string[] {
	const scanned = text.length > MAX_LINK_TEXT_LENGTH ? text.slice(0, MAX_LINK_TEXT_LENGTH) : text;
	const found: Array<{ at: number; url: string }> = [];
	const rest = scanned.replace(SCHEMED_URL, (url, at: number) => {
		found.push({ at, url });
		return ' '.repeat(url.length);
	});
	for (const match of rest.matchAll(BARE_SITE_URL)) {
		found.push({ at: match.index ?? 0, url: match[0] });
	}
	return found
		.sort((a, b) => a.at - b.at)
		.flatMap(({ url }) => unglued(url))
		.map((url) => withoutTrailingPunctuation(url))
		.filter((url) => url.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Reading one link

export interface XsecParams {
	/** The token after normalization; null when the link has none. */
	token: string | null;
	/** True when a token parameter was present but is not plausible. */
	tokenDamaged: boolean;
	source: string | null;
}

export type LinkTarget =
	| { kind: 'note'; linkKind: 'explore' | 'discovery'; url: string; noteId: string; xsec: XsecParams }
	| {
			kind: 'profile_note';
			url: string;
			noteId: string | null;
			userId: string | null;
			badSegment: string;
			xsec: XsecParams;
	  }
	| { kind: 'profile'; url: string; userId: string; xsec: XsecParams }
	| { kind: 'bad_id'; url: string; what: 'note' | 'user'; segment: string }
	| { kind: 'short_link'; url: string }
	| { kind: 'no_content'; url: string }
	| { kind: 'foreign'; url: string; host: string };

function queryParams(search: string): Map<string, string> {
	const params = new Map<string, string>();
	for (const part of search.replace(/^\?/, '').split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const key = decodeOnce(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
		if (!params.has(key)) params.set(key, eq < 0 ? '' : part.slice(eq + 1));
	}
	return params;
}

/**
 * The link's own parameters. A part of the query with no `=` of its own may be parameters
 * percent-encoded as a whole ("xsec_token%3DAB…%26xsec_source%3D…"): those are read too. A
 * parameter's value is never searched: a link carried in it (`redirect=`, `from=`) is another
 * link, and its token belongs to the note that link names.
 */
function ownParams(search: string): Map<string, string> {
	const params = queryParams(search);
	for (const part of search.replace(/^\?/, '').split('&')) {
		if (part.includes('=') || !PERCENT_ESCAPE.test(part)) continue;
		for (const [key, value] of queryParams(decodeRepeatedly(part))) if (!params.has(key)) params.set(key, value);
	}
	return params;
}

function readXsec(search: string): XsecParams {
	const params = ownParams(search);
	const rawToken = params.get('xsec_token');
	const token = normalizeXsecToken(rawToken);
	const plausible = isPlausibleXsecToken(token);
	return {
		token: plausible ? token : null,
		tokenDamaged: token !== null && !plausible,
		source: normalizeXsecSource(params.get('xsec_source')),
	};
}

/** Query parameters that login and captcha pages use to carry the page the user wanted. */
const REDIRECT_PARAMS = ['redirectpath', 'redirect_path', 'redirect', 'redirect_url', 'url', 'target'];

export function readLink(candidate: string, depth = 0): LinkTarget {
	const withScheme = /^https?:\/\//i.test(candidate) ? candidate : `https://${candidate}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return { kind: 'foreign', url: candidate, host: '' };
	}
	const host = url.hostname.toLowerCase();
	if (!isXiaohongshuHost(host)) return { kind: 'foreign', url: withScheme, host };
	if (isShortLinkHost(host)) {
		return url.pathname.length > 1 ? { kind: 'short_link', url: withScheme } : { kind: 'no_content', url: withScheme };
	}

	const segments = url.pathname.split('/').filter((s) => s !== '');
	const lower = segments.map((s) => s.toLowerCase());
	const xsec = () => readXsec(url.search);

	if (lower[0] === 'explore' && segments.length >= 2) {
		return noteTarget('explore', withScheme, segments[1], xsec);
	}
	if (lower[0] === 'discovery' && lower[1] === 'item' && segments.length >= 3) {
		return noteTarget('discovery', withScheme, segments[2], xsec);
	}
	if (lower[0] === 'user' && lower[1] === 'profile' && segments.length >= 3) {
		const userId = normalizeObjectId(segments[2]);
		if (segments.length >= 4) {
			const noteId = normalizeObjectId(segments[3]);
			return {
				kind: 'profile_note',
				url: withScheme,
				noteId,
				userId,
				badSegment: noteId === null ? segments[3] : segments[2],
				xsec: xsec(),
			};
		}
		if (userId === null) return { kind: 'bad_id', url: withScheme, what: 'user', segment: segments[2] };
		return { kind: 'profile', url: withScheme, userId, xsec: xsec() };
	}

	if (depth < 2) {
		const params = queryParams(url.search);
		for (const name of REDIRECT_PARAMS) {
			const inner = params.get(name);
			if (inner === undefined) continue;
			const decoded = decodeRepeatedly(inner);
			if (!/^https?:\/\//i.test(decoded) && !decoded.startsWith('/')) continue;
			const absolute = decoded.startsWith('/') ? `${url.origin}${decoded}` : decoded;
			const target = readLink(absolute, depth + 1);
			if (target.kind === 'short_link') return target;
			if (target.kind !== 'foreign' && target.kind !== 'no_content') return { ...target, url: withScheme };
		}
	}
	return { kind: 'no_content', url: withScheme };
}

function noteTarget(
	linkKind: 'explore' | 'discovery',
	url: string,
	segment: string,
	xsec: () => XsecParams,
): LinkTarget {
	const noteId = normalizeObjectId(segment);
	if (noteId === null) return { kind: 'bad_id', url, what: 'note', segment };
	return { kind: 'note', linkKind, url, noteId, xsec: xsec() };
}
