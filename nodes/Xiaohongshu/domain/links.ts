/**
 * Turns whatever a user pasted (a bare id, any Xiaohongshu / RedNote link, a short link, or
 * the app's whole share text) into a note or user reference, without any network call.
 * Every rejection says what was wrong with the input and how to fix it, because each
 * call we avoid making is a credit the user keeps.
 */

import { normalizeObjectId } from './ids';

export type LinkKind = 'id' | 'explore' | 'discovery' | 'profile_note' | 'short_link' | 'profile';

export interface NoteReference {
	noteId: string;
	/** Normalized token, or null when the input carried none (parse.bot cannot fetch the note then). */
	xsecToken: string | null;
	xsecSource: string | null;
	linkKind: LinkKind;
	/** The link as found in the input (the short link itself for `short_link`); null for bare ids. */
	inputUrl: string | null;
	/** The author's user id, when the link names it (`/user/profile/<userId>/<noteId>`). */
	authorId?: string;
	/** For `short_link`: the long link the short link redirected to. */
	resolvedUrl?: string;
}

export interface UserReference {
	userId: string;
	xsecToken: string | null;
	xsecSource: string | null;
	linkKind: LinkKind;
	inputUrl: string | null;
	resolvedUrl?: string;
}

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

export type NoteInputResult = { type: 'note'; ref: NoteReference } | ShortLinkInput | InvalidInput;
export type UserInputResult = { type: 'user'; ref: UserReference } | ShortLinkInput | InvalidInput;

// ---------------------------------------------------------------------------------------------
// Hosts

const SITE_DOMAINS = ['xiaohongshu.com', 'rednote.com'];
const SHORT_LINK_DOMAINS = ['xhslink.com', 'xhslink.cn'];
const MEDIA_DOMAINS = ['xhscdn.com'];
const MEDIA_HOSTS = ['ci.xiaohongshu.com'];

function normalizeHost(host: string): string {
	return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** The domain itself or a subdomain of it; "evilxiaohongshu.com" is neither. */
function isUnder(host: string, domain: string): boolean {
	return host === domain || host.endsWith(`.${domain}`);
}

/** xhslink.com, xhslink.cn and their subdomains: hosts whose links need one redirect lookup. */
export function isShortLinkHost(host: string): boolean {
	const h = normalizeHost(host);
	return SHORT_LINK_DOMAINS.some((d) => isUnder(h, d));
}

/** Hosts that belong to Xiaohongshu / RedNote pages and short links (not media CDNs). */
export function isXiaohongshuHost(host: string): boolean {
	const h = normalizeHost(host);
	return SITE_DOMAINS.some((d) => isUnder(h, d)) || isShortLinkHost(h);
}

/** Hosts that serve Xiaohongshu images, videos and avatars. */
export function isMediaHost(host: string): boolean {
	const h = normalizeHost(host);
	return MEDIA_DOMAINS.some((d) => isUnder(h, d)) || MEDIA_HOSTS.includes(h);
}

// ---------------------------------------------------------------------------------------------
// xsec tokens

const TOKEN_HEAD = /^[A-Za-z0-9_-]+=*/;
const PLAUSIBLE_TOKEN = /^[A-Za-z]{2}[A-Za-z0-9_-]+={0,2}$/;
const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;

function decodeOnce(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		// A stray "%" (or a cut-off escape) must not lose the escapes that are valid.
		return text.replace(/%[0-9a-f]{2}/gi, (escape) => {
			try {
				return decodeURIComponent(escape);
			} catch {
				return escape;
			}
		});
	}
}

/** Undoes up to three rounds of percent-encoding: share texts carry `%3D` and `%253D`. */
function decodeRepeatedly(text: string): string {
	let current = text;
	for (let round = 0; round < 3 && PERCENT_ESCAPE.test(current); round++) {
		const next = decodeOnce(current);
		if (next === current) break;
		current = next;
	}
	return current;
}

/**
 * The token as the API expects it: percent-decoded once or twice, cut before whatever the
 * paste glued to it (`&xsec_source=…`, `&amp;`, `，`, emoji, quotes). Null when nothing is left.
 * Does not judge plausibility: see `isPlausibleXsecToken`.
 */
export function normalizeXsecToken(raw: unknown): string | null {
	if (typeof raw !== 'string') return null;
	const decoded = decodeRepeatedly(raw.trim().replace(/&amp;/gi, '&'));
	const head = TOKEN_HEAD.exec(decoded.trim());
	return head ? head[0] : null;
}

/** A 2-letter prefix (AB, CB, YB…) then URL-safe base64, 30..80 characters, up to two '='. */
export function isPlausibleXsecToken(token: unknown): token is string {
	return (
		typeof token === 'string' &&
		token.length >= 30 &&
		token.length <= 80 &&
		PLAUSIBLE_TOKEN.test(token)
	);
}

function normalizeXsecSource(raw: string | undefined): string | null {
	if (raw === undefined) return null;
	const head = /^[A-Za-z0-9_]+/.exec(decodeRepeatedly(raw.trim()));
	return head ? head[0] : null;
}

// ---------------------------------------------------------------------------------------------
// Canonical links

const SITE_ORIGIN = 'https://www.xiaohongshu.com';
/** The source the web app writes on links shared from the browser; used when none is known. */
const DEFAULT_XSEC_SOURCE = 'pc_share';

function withToken(base: string, token?: string | null, source?: string | null): string {
	if (!token) return base;
	const src = source || DEFAULT_XSEC_SOURCE;
	return `${base}?xsec_token=${encodeURIComponent(token)}&xsec_source=${encodeURIComponent(src)}`;
}

/**
 * `https://www.xiaohongshu.com/explore/<id>`, plus `?xsec_token=<encoded>&xsec_source=<source>`
 * when a token is given (source defaults to `pc_share`, the web app's own share source).
 */
export function canonicalNoteUrl(
	noteId: string,
	token?: string | null,
	source?: string | null,
): string {
	return withToken(`${SITE_ORIGIN}/explore/${encodeURIComponent(noteId)}`, token, source);
}

/** `https://www.xiaohongshu.com/user/profile/<id>`, with the token the same way as notes. */
export function canonicalUserUrl(
	userId: string,
	token?: string | null,
	source?: string | null,
): string {
	return withToken(`${SITE_ORIGIN}/user/profile/${encodeURIComponent(userId)}`, token, source);
}

// ---------------------------------------------------------------------------------------------
// Finding links in pasted text

const URL_CHARS = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";
const SCHEMED_URL = new RegExp(`https?://${URL_CHARS}+`, 'gi');
/** Links pasted without a scheme, recognised only on Xiaohongshu's own hosts. */
const BARE_SITE_URL = new RegExp(
	`(?<![A-Za-z0-9.@/_-])(?:[A-Za-z0-9-]+\\.)*(?:xiaohongshu\\.com|rednote\\.com|xhslink\\.com|xhslink\\.cn)(?![A-Za-z0-9-]|\\.[A-Za-z0-9])(?:[/?#]${URL_CHARS}*)?`,
	'gi',
);
/** ASCII punctuation that ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>*]+$/;

/** Escapes that copy-paste from HTML or JSON leaves in links. */
function unescapePaste(text: string): string {
	return text
		.replace(/&amp;/gi, '&')
		.replace(/\\u0026/gi, '&')
		.replace(/\\\//g, '/');
}

function findLinks(text: string): string[] {
	const found: Array<{ at: number; url: string }> = [];
	const rest = text.replace(SCHEMED_URL, (url, at: number) => {
		found.push({ at, url });
		return ' '.repeat(url.length);
	});
	for (const match of rest.matchAll(BARE_SITE_URL)) {
		found.push({ at: match.index ?? 0, url: match[0] });
	}
	return found
		.sort((a, b) => a.at - b.at)
		.map(({ url }) => url.replace(TRAILING_PUNCTUATION, ''))
		.filter((url) => url.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Reading one link

interface XsecParams {
	/** The token after normalization; null when the link has none. */
	token: string | null;
	/** True when a token parameter was present but is not plausible. */
	tokenDamaged: boolean;
	source: string | null;
}

type LinkTarget =
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

function readXsec(search: string): XsecParams {
	let params = queryParams(search);
	// A query that was percent-encoded as a whole ("xsec_token%3DAB…%26xsec_source%3D…").
	if (!params.has('xsec_token') && PERCENT_ESCAPE.test(search)) {
		params = queryParams(decodeRepeatedly(search));
	}
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

function readLink(candidate: string, depth = 0): LinkTarget {
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

// ---------------------------------------------------------------------------------------------
// Messages

const NOTE_HINT =
	"Paste the note's share link from the app or the browser address bar, including its xsec_token";
const USER_HINT =
	"Paste the creator's profile link (https://www.xiaohongshu.com/user/profile/<user id>), the app's share text for the profile, or the 24-character user id";

/** A short, single-line copy of the input for messages. */
function quote(text: string, max = 60): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
	return `"${short}"`;
}

function invalid(reason: InvalidReason, message: string, hint: string): InvalidInput {
	return { type: 'invalid', reason, message, hint };
}

function damagedToken(url: string): InvalidInput {
	return invalid(
		'bad_token',
		`The xsec_token in ${quote(url)} looks cut off or damaged`,
		'Copy the whole link again from the app or the browser address bar; a token is about 46 characters, usually ending in "="',
	);
}

function foreignHost(target: { url: string; host: string }, expected: 'note' | 'user'): InvalidInput {
	const where = target.host ? ` (its host is ${target.host})` : '';
	return invalid(
		'foreign_host',
		`${quote(target.url)} is not a Xiaohongshu link${where}`,
		`${expected === 'note' ? NOTE_HINT : USER_HINT}; links on xiaohongshu.com, rednote.com and xhslink.com are understood`,
	);
}

function badId(target: { url: string; segment: string }, what: 'note' | 'user'): InvalidInput {
	return invalid(
		'bad_id',
		`${quote(target.url)} has ${quote(target.segment, 30)} where a ${what} id should be; ${what} ids are 24 hex characters`,
		'The link looks cut off or altered: copy it again from the app or the browser address bar',
	);
}

function notALink(text: string, expected: 'note' | 'user'): InvalidInput {
	if (expected === 'note' && isPlausibleXsecToken(normalizeXsecToken(text))) {
		return invalid(
			'not_a_link',
			`${quote(text)} looks like an xsec_token on its own, without the note it belongs to`,
			`${NOTE_HINT}, or give the note id and the token separately`,
		);
	}
	return invalid(
		'not_a_link',
		`No Xiaohongshu link or ${expected} id was found in ${quote(text)}`,
		expected === 'note'
			? `${NOTE_HINT}. A share text from the app works as it is; a note id alone is 24 hex characters`
			: USER_HINT,
	);
}

// ---------------------------------------------------------------------------------------------
// Notes

function noteFromTarget(target: LinkTarget): NoteInputResult {
	switch (target.kind) {
		case 'note':
			if (target.xsec.tokenDamaged) return damagedToken(target.url);
			return {
				type: 'note',
				ref: {
					noteId: target.noteId,
					xsecToken: target.xsec.token,
					xsecSource: target.xsec.source,
					linkKind: target.linkKind,
					inputUrl: target.url,
				},
			};
		case 'profile_note': {
			if (target.noteId === null) return badId({ url: target.url, segment: target.badSegment }, 'note');
			if (target.xsec.tokenDamaged) return damagedToken(target.url);
			const ref: NoteReference = {
				noteId: target.noteId,
				xsecToken: target.xsec.token,
				xsecSource: target.xsec.source,
				linkKind: 'profile_note',
				inputUrl: target.url,
			};
			if (target.userId !== null) ref.authorId = target.userId;
			return { type: 'note', ref };
		}
		case 'profile':
			return invalid(
				'profile_link',
				`${quote(target.url)} is a creator's profile link, not a note link`,
				`Open the note itself and copy its share link. To work with the creator, use the User resource or watch creators instead of notes`,
			);
		case 'bad_id':
			return badId(target, target.what);
		case 'short_link':
			return { type: 'shortLink', url: target.url };
		case 'no_content':
			return invalid(
				'no_note',
				`${quote(target.url)} is a Xiaohongshu link, but not to a note`,
				NOTE_HINT,
			);
		case 'foreign':
			return foreignHost(target, 'note');
	}
}

/** Lower is better: a note with its token needs no more work, a short link needs a lookup. */
function noteRank(result: NoteInputResult): number {
	if (result.type === 'note') return result.ref.xsecToken ? 0 : 1;
	return result.type === 'shortLink' ? 2 : 3;
}

const ID_AND_TOKEN = /^([0-9a-f]{24})[\s,;|/]+(\S+)$/i;

/**
 * Reads a note from a bare id, any note link, a short link or a whole share text.
 *
 * A note link without an xsec_token (or a bare id) gives `{ type: 'note' }` with
 * `xsecToken: null`, so Parse Link can still report the id; anything that calls parse.bot
 * must pass the result through `requireXsecToken` first. A token that is present but
 * malformed is `invalid` (reason 'bad_token'): it would only waste a call.
 * When the text holds several links, a note with a token wins over one without, which wins
 * over a short link (no lookup needed).
 */
export function parseNoteInput(text: unknown): NoteInputResult {
	if (typeof text !== 'string' || text.trim() === '') {
		return invalid('empty', 'No note link or note id was given', NOTE_HINT);
	}
	const trimmed = unescapePaste(text.trim());

	const bareId = normalizeObjectId(trimmed.replace(/^["'“”‘’]|["'“”‘’]$/g, ''));
	if (bareId !== null) {
		return {
			type: 'note',
			ref: { noteId: bareId, xsecToken: null, xsecSource: null, linkKind: 'id', inputUrl: null },
		};
	}
	// "<id> <token>" as two spreadsheet cells pasted together.
	const pair = ID_AND_TOKEN.exec(trimmed);
	if (pair && isPlausibleXsecToken(normalizeXsecToken(pair[2]))) {
		return noteReferenceFromParts(pair[1], pair[2]);
	}

	const results = findLinks(trimmed).map((link) => noteFromTarget(readLink(link)));
	if (results.length === 0) return notALink(trimmed, 'note');
	return results.reduce((best, r) => (noteRank(r) < noteRank(best) ? r : best));
}

/**
 * A note from an id and a token given in separate fields (the id field may also hold a link,
 * whose token is used when the token field is empty). Both are required and validated.
 */
export function noteReferenceFromParts(
	noteId: unknown,
	token: unknown,
	source?: unknown,
): NoteInputResult {
	const idText = typeof noteId === 'string' ? noteId.trim() : '';
	let id = normalizeObjectId(idText);
	let linkToken: string | null = null;
	let linkSource: string | null = null;
	if (id === null && idText !== '') {
		const fromLink = parseNoteInput(idText);
		if (fromLink.type === 'note') {
			id = fromLink.ref.noteId;
			linkToken = fromLink.ref.xsecToken;
			linkSource = fromLink.ref.xsecSource;
		}
	}
	if (id === null) {
		return invalid(
			idText === '' ? 'empty' : 'bad_id',
			idText === ''
				? 'No note id was given'
				: `${quote(idText)} is not a note id; note ids are 24 hex characters`,
			"Copy the id from the note's link (the part after /explore/), or paste the whole share link instead",
		);
	}

	const tokenText = typeof token === 'string' ? token.trim() : '';
	const normalized = tokenText === '' ? linkToken : normalizeXsecToken(tokenText);
	if (normalized === null) {
		return missingToken(id, null);
	}
	if (!isPlausibleXsecToken(normalized)) {
		return invalid(
			'bad_token',
			`${quote(tokenText, 30)} is not a valid xsec_token`,
			'Copy the value after "xsec_token=" in the note\'s link, up to the next "&"; a token is about 46 characters, usually ending in "="',
		);
	}
	const src = normalizeXsecSource(typeof source === 'string' ? source : undefined) ?? linkSource;
	return {
		type: 'note',
		ref: { noteId: id, xsecToken: normalized, xsecSource: src, linkKind: 'id', inputUrl: null },
	};
}

function missingToken(noteId: string, inputUrl: string | null): InvalidInput {
	const what = inputUrl ? `${quote(inputUrl)} has no xsec_token` : `Note ${noteId} was given without an xsec_token`;
	return invalid(
		'missing_token',
		`${what}; Xiaohongshu needs the token to open note ${noteId}`,
		`${NOTE_HINT} (it contains "xsec_token="), or give the token separately`,
	);
}

/**
 * Turns a note without a token into `invalid` (reason 'missing_token'); passes everything
 * else through. Call before spending a parse.bot credit on the note.
 */
export function requireXsecToken(result: NoteInputResult): NoteInputResult {
	if (result.type === 'note' && !result.ref.xsecToken) {
		return missingToken(result.ref.noteId, result.ref.inputUrl);
	}
	return result;
}

function viaShortLink(shortUrl: string, targetUrl: string, result: InvalidInput): InvalidInput {
	return {
		...result,
		message: `The short link ${shortUrl} leads to ${quote(targetUrl)}: ${result.message}`,
	};
}

/**
 * Reads the page a short link redirected to. On success the reference keeps the short link
 * as `inputUrl`, the target as `resolvedUrl`, and `linkKind: 'short_link'`.
 */
export function noteFromShortLinkTarget(shortUrl: string, targetUrl: string): NoteInputResult {
	const result = parseNoteInput(targetUrl);
	if (result.type === 'note') {
		return {
			type: 'note',
			ref: { ...result.ref, linkKind: 'short_link', inputUrl: shortUrl, resolvedUrl: targetUrl },
		};
	}
	return result.type === 'invalid' ? viaShortLink(shortUrl, targetUrl, result) : result;
}

// ---------------------------------------------------------------------------------------------
// Users

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
	if (typeof text !== 'string' || text.trim() === '') {
		return invalid('empty', 'No profile link or user id was given', USER_HINT);
	}
	const trimmed = unescapePaste(text.trim());

	const bareId = normalizeObjectId(trimmed.replace(/^["'“”‘’]|["'“”‘’]$/g, ''));
	if (bareId !== null) {
		return {
			type: 'user',
			ref: { userId: bareId, xsecToken: null, xsecSource: null, linkKind: 'id', inputUrl: null },
		};
	}

	const results = findLinks(trimmed).map((link) => userFromTarget(readLink(link)));
	if (results.length > 0) return results.reduce((best, r) => (userRank(r) < userRank(best) ? r : best));

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
