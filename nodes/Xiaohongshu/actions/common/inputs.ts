/**
 * From the item's parameters to a note or user reference, before any parse.bot call.
 *
 * Everything that can be checked locally is checked here, so a malformed id, a missing or
 * damaged token, or a link with no note in it fails its item at no cost. Short links are
 * resolved (a redirect lookup on xhslink.com, no credit) and their target read again.
 */
import { isResourceLocatorValue, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { InvalidInput, ShortLinkInput } from '../../domain/links/inputProblems';
import { hasXsecToken, noteFromShortLinkTarget, noteReferenceFromParts, parseNoteInput } from '../../domain/links/noteInput';
import type { NoteReference, NoteWithToken } from '../../domain/links/noteInput';
import { parseUserInput, userFromShortLinkTarget } from '../../domain/links/userInput';
import type { UserReference } from '../../domain/links/userInput';
import type { ParseBotClient } from '../../transport/parseBotClient';

export interface ResolvedNote<Ref extends NoteReference = NoteReference> {
	ref: Ref;
	/** What the user gave, for outputs that echo it. */
	input: string;
}

export interface ResolvedUser {
	ref: UserReference;
	input: string;
}

function locatorOf(ctx: IExecuteFunctions, name: string, itemIndex: number): { mode: string; value: string } {
	const raw = ctx.getNodeParameter(name, itemIndex);
	if (!isResourceLocatorValue(raw)) return { mode: 'url', value: typeof raw === 'string' ? raw : '' };
	const { value } = raw;
	return { mode: String(raw.mode ?? 'url'), value: value === undefined || value === null ? '' : String(value) };
}

function invalidError(ctx: IExecuteFunctions, invalid: InvalidInput, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), invalid.message, {
		description: `${invalid.hint}. Nothing was sent to parse.bot for this item, so it cost no credit.`,
		itemIndex,
	});
}

/**
 * A reading with its short link followed: one redirect lookup on xhslink.com (no credit), and
 * the target read again. An unreadable input, or a short link leading to another, fails the item.
 */
async function followShortLink<Found extends { type: 'note' | 'user' }>(
	ctx: IExecuteFunctions,
	client: ParseBotClient,
	itemIndex: number,
	reading: Found | ShortLinkInput | InvalidInput,
	readTarget: (shortUrl: string, targetUrl: string) => Found | ShortLinkInput | InvalidInput,
	what: 'note' | 'profile',
): Promise<Found> {
	let result = reading;
	if (result.type === 'shortLink') {
		const resolved = await client.resolveShortLink(result.url, itemIndex);
		result = readTarget(resolved.shortUrl, resolved.targetUrl);
	}
	if (result.type === 'shortLink') {
		throw new NodeOperationError(ctx.getNode(), `The short link ${result.url} leads to another short link`, {
			description: `Open the ${what} in the app and copy its share link again.`,
			itemIndex,
		});
	}
	if (result.type === 'invalid') throw invalidError(ctx, result, itemIndex);
	return result as Found;
}

/**
 * The note an item asks for. With `requireToken`, a note without an xsec token is an error
 * (parse.bot cannot open it); without, it is returned for Parse Link to report.
 */
export async function resolveNoteInput(
	ctx: IExecuteFunctions,
	client: ParseBotClient,
	itemIndex: number,
	requireToken: true,
): Promise<ResolvedNote<NoteWithToken>>;
export async function resolveNoteInput(
	ctx: IExecuteFunctions,
	client: ParseBotClient,
	itemIndex: number,
	requireToken: false,
): Promise<ResolvedNote>;
export async function resolveNoteInput(
	ctx: IExecuteFunctions,
	client: ParseBotClient,
	itemIndex: number,
	requireToken: boolean,
): Promise<ResolvedNote> {
	const locator = locatorOf(ctx, 'note', itemIndex);
	const tokenField = ctx.getNodeParameter('xsec', itemIndex, '') as string;
	let result = locator.mode === 'id' ? noteReferenceFromParts(locator.value, tokenField) : parseNoteInput(locator.value);
	// A link that lost its token (copied without its query) can borrow the token field's.
	if (locator.mode !== 'id' && result.type === 'note' && !result.ref.xsecToken && tokenField.trim() !== '') {
		const borrowed = noteReferenceFromParts(result.ref.noteId, tokenField);
		result = borrowed.type === 'note' ? { ...borrowed, ref: { ...borrowed.ref, linkKind: result.ref.linkKind, inputUrl: result.ref.inputUrl } } : borrowed;
	}
	// In ID mode an id without a token is reported as missing_token; Parse Link still wants the id.
	if (!requireToken && locator.mode === 'id' && result.type === 'invalid' && result.reason === 'missing_token') {
		result = parseNoteInput(locator.value);
	}
	const found = await followShortLink(ctx, client, itemIndex, result, noteFromShortLinkTarget, 'note');
	if (requireToken && !hasXsecToken(found.ref)) {
		const where = found.ref.inputUrl ? `The link ${found.ref.inputUrl}` : `Note ${found.ref.noteId}`;
		throw new NodeOperationError(ctx.getNode(), `${where} has no xsec token, which parse.bot needs to open the note`, {
			description:
				locator.mode === 'id'
					? 'Fill in Xsec Token with the value after "xsec_token=" in the note\'s link, or choose By Link and paste the whole link. Nothing was sent to parse.bot for this item.'
					: 'Paste the whole link as copied from the app or the browser\'s address bar, with the part after "?" (its "xsec_token=…"); or choose By ID and give the note ID with its Xsec Token. Nothing was sent to parse.bot for this item.',
			itemIndex,
		});
	}
	return { ref: found.ref, input: locator.value };
}

/** The creator an item asks for. */
export async function resolveUserInput(
	ctx: IExecuteFunctions,
	client: ParseBotClient,
	itemIndex: number,
): Promise<ResolvedUser> {
	const locator = locatorOf(ctx, 'user', itemIndex);
	const found = await followShortLink(ctx, client, itemIndex, parseUserInput(locator.value), userFromShortLinkTarget, 'profile');
	return { ref: found.ref, input: locator.value };
}
