/**
 * Turns whatever a user pasted for a note (a bare id, any note link, a short link, the app's
 * whole share text, or an id and a token in separate fields) into a note reference, without
 * any network call. Each call we avoid making is a credit the user keeps.
 */
import { normalizeObjectId } from './ids';
import {
	NOTE_HINT,
	badId,
	damagedToken,
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
import { isPlausibleXsecToken, normalizeXsecSource, normalizeXsecToken } from './xsecToken';

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

export type NoteInputResult = { type: 'note'; ref: NoteReference } | ShortLinkInput | InvalidInput;

/** A note whose token is known: what parse.bot needs to open it. */
export type NoteWithToken = NoteReference & { xsecToken: string };

export type NoteWithTokenResult = { type: 'note'; ref: NoteWithToken } | ShortLinkInput | InvalidInput;

export function hasXsecToken(ref: NoteReference): ref is NoteWithToken {
	return typeof ref.xsecToken === 'string' && ref.xsecToken !== '';
}

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

// The token may not start with a separator: `[\s,;|/]+(\S+)` could split a run of separators
// between the two in quadratically many ways.
const ID_AND_TOKEN = /^([0-9a-f]{24})[\s,;|/]+([^\s,;|/]\S*)$/i;

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
	const trimmed = pastedText(text);
	if (trimmed === null) return invalid('empty', 'No note link or note id was given', NOTE_HINT);

	const bareId = bareObjectId(trimmed);
	if (bareId !== null) return { type: 'note', ref: { noteId: bareId, ...FROM_BARE_ID } };
	// "<id> <token>" as two spreadsheet cells pasted together.
	const pair = ID_AND_TOKEN.exec(trimmed);
	if (pair && isPlausibleXsecToken(normalizeXsecToken(pair[2]))) {
		return noteReferenceFromParts(pair[1], pair[2]);
	}

	const results = findLinks(trimmed).map((link) => noteFromTarget(readLink(link)));
	if (results.length === 0) return notALink(trimmed, 'note');
	return bestReading(results, noteRank);
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
export function requireXsecToken(result: NoteInputResult): NoteWithTokenResult {
	if (result.type !== 'note' || isNoteWithToken(result)) return result;
	return missingToken(result.ref.noteId, result.ref.inputUrl);
}

function isNoteWithToken(result: NoteInputResult): result is { type: 'note'; ref: NoteWithToken } {
	return result.type === 'note' && hasXsecToken(result.ref);
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
