import fc from 'fast-check';

import { canonicalNoteUrl, canonicalUserUrl } from '../../../../nodes/Xiaohongshu/domain/links/canonicalLinks';
import { isMediaHost, isShortLinkHost, isXiaohongshuHost } from '../../../../nodes/Xiaohongshu/domain/links/hosts';
import { isObjectId } from '../../../../nodes/Xiaohongshu/domain/links/ids';
import { MAX_LINK_TEXT_LENGTH } from '../../../../nodes/Xiaohongshu/domain/links/linkReader';
import { parseNoteInput, type NoteInputResult } from '../../../../nodes/Xiaohongshu/domain/links/noteInput';
import { parseUserInput, type UserInputResult } from '../../../../nodes/Xiaohongshu/domain/links/userInput';
import { isPlausibleXsecToken } from '../../../../nodes/Xiaohongshu/domain/links/xsecToken';
import { anyText, fuzz, holds, hostileText, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';
import { expectWithinBudget } from '../../support/timeBound';

const objectId = fc.stringMatching(/^[0-9a-f]{24}$/);
const token = fc.stringMatching(/^[A-Z]B[A-Za-z0-9_-]{40,44}=$/);

/** Pieces that make hosts and URLs ambiguous, to be glued together at random. */
const URL_PIECES = [
	'https://', 'http://', 'www.', 'xiaohongshu.com', 'rednote.com', 'xhslink.com', 'xhscdn.com', 'evil.com', 'evilxiaohongshu.com',
	'.', '/', '\\', '@', ':', '%2F', '%5C', '%40', '%2E', '?', '#', '=', '&', 'xsec_token=', '/explore/', '/user/profile/',
	'/a/', ' ', '，', '【', '】', '!', '(', ')', '|', '"', "'", '<', '>', 'a', '-', '.', ':443', '%', '\t', '。', '\u3002',
];
const urlPiece = fc.constantFrom(...URL_PIECES);

/** Text made of URL pieces plus real ids and tokens in between. */
const tangledText = fc
	.array(fc.oneof({ weight: 6, arbitrary: urlPiece }, { weight: 1, arbitrary: objectId }, { weight: 1, arbitrary: token }), { maxLength: 30 })
	.map((parts) => parts.join(''));

/** The host a browser opens for a link as found (with https:// added when it had no scheme). */
function browserHost(link: string): string | null {
	try {
		return new URL(/^https?:\/\//i.test(link) ? link : `https://${link}`).hostname.toLowerCase();
	} catch {
		return null;
	}
}

function isOurs(host: string | null): boolean {
	return host !== null && /(^|\.)(xiaohongshu\.com|rednote\.com|xhslink\.com|xhslink\.cn)\.?$/.test(host);
}

function checkNoteResult(result: NoteInputResult): void {
	if (result.type === 'note') {
		holds(isObjectId(result.ref.noteId), `note id ${result.ref.noteId}`);
		holds(result.ref.xsecToken === null || isPlausibleXsecToken(result.ref.xsecToken), `token ${result.ref.xsecToken}`);
		if (result.ref.inputUrl !== null) holds(isOurs(browserHost(result.ref.inputUrl)), `foreign link read as a note: ${result.ref.inputUrl}`);
	}
	if (result.type === 'shortLink') holds(isShortLinkHost(browserHost(result.url) ?? ''), `short link on ${result.url}`);
	if (result.type === 'invalid') holds(result.message.length > 0 && result.hint.length > 0, 'an invalid result explains itself');
}

function checkUserResult(result: UserInputResult): void {
	if (result.type === 'user') {
		holds(isObjectId(result.ref.userId), `user id ${result.ref.userId}`);
		if (result.ref.inputUrl !== null) holds(isOurs(browserHost(result.ref.inputUrl)), `foreign link read as a user: ${result.ref.inputUrl}`);
	}
	if (result.type === 'shortLink') holds(isShortLinkHost(browserHost(result.url) ?? ''), `short link on ${result.url}`);
}

describe('link reading properties', () => {
	it('never throws, and reads a note or a user only from a link a browser would open on our hosts', () => {
		fc.assert(
			fc.property(fc.oneof(tangledText, anyText(200)), (text) => {
				checkNoteResult(parseNoteInput(text));
				checkUserResult(parseUserInput(text));
			}),
			fuzz(1651, 5_000),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('reads no link as ours when a browser opening the whole pasted token lands elsewhere', () => {
		const foreign = fc.constantFrom('https://evil.com', 'evil.com', 'http://a.evil.com/x', 'https://evil.com:8080', 'evil.com/a');
		const separator = fc.constantFrom('\\', '/', '@', '%2F', '%5C', '%40', '|', '?u=', '#', '=', '&', '!', '*', '+', '~', '$', '/.', '\\@', ':@');
		const ours = fc.constantFrom('www.xiaohongshu.com', 'xiaohongshu.com', 'www.rednote.com', 'xhslink.com');
		fc.assert(
			fc.property(foreign, separator, ours, objectId, token, (prefix, sep, host, id, tok) => {
				const text = `${prefix}${sep}${host}/explore/${id}?xsec_token=${tok}`;
				fc.pre(!isOurs(browserHost(text)));
				const note = parseNoteInput(text);
				holds(note.type === 'invalid', `${text} read as ${JSON.stringify(note)}`);
			}),
			fuzz(1656),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('judges any string as a host the way the URL parser does', () => {
		fc.assert(
			fc.property(fc.oneof(tangledText, anyText()), (raw) => {
				const host = browserHost(raw.trim());
				for (const [name, helper, domains] of [
					['isXiaohongshuHost', isXiaohongshuHost, /(^|\.)(xiaohongshu\.com|rednote\.com|xhslink\.com|xhslink\.cn)$/],
					['isShortLinkHost', isShortLinkHost, /(^|\.)(xhslink\.com|xhslink\.cn)$/],
					['isMediaHost', isMediaHost, /(^|\.)xhscdn\.com$|^ci\.xiaohongshu\.com$/],
				] as const) {
					if (helper(raw)) holds(host !== null && domains.test(host.replace(/\.$/, '')), `${name}(${JSON.stringify(raw)}) but a browser opens ${host}`);
				}
			}),
			fuzz(1652, 5_000),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('reads back every canonical link, alone or inside a share text', () => {
		const around = fc.constantFrom(
			['', ''],
			[' ', ' '],
			['看看这个 ', ' 复制本条信息，打开【小红书】App查看精彩内容！'],
			['复制本条信息', '，打开【小红书】App查看精彩内容！'],
			['(', ')'],
			['"', '".'],
			['【', '】'],
			['link: ', ', thanks!'],
		);
		fc.assert(
			fc.property(objectId, token, around, (id, tok, [before, after]) => {
				const note = parseNoteInput(`${before}${canonicalNoteUrl(id, tok)}${after}`);
				holds(note.type === 'note' && note.ref.noteId === id && note.ref.xsecToken === tok, `note ${JSON.stringify(note)}`);
				const user = parseUserInput(`${before}${canonicalUserUrl(id)}${after}`);
				holds(user.type === 'user' && user.ref.userId === id, `user ${JSON.stringify(user)}`);
			}),
			fuzz(1653),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('finds a link in the first MAX_LINK_TEXT_LENGTH characters only', () => {
		fc.assert(
			fc.property(objectId, token, fc.nat(2 * MAX_LINK_TEXT_LENGTH), (id, tok, padding) => {
				const link = canonicalNoteUrl(id, tok);
				const result = parseNoteInput(`${'好'.repeat(padding)}${link}`);
				const fits = padding + link.length <= MAX_LINK_TEXT_LENGTH;
				if (fits) holds(result.type === 'note', `a link within the limit at ${padding}`);
				if (padding >= MAX_LINK_TEXT_LENGTH) holds(result.type === 'invalid', `a link past the limit at ${padding}`);
			}),
			fuzz(1654),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('reads any input of up to 100 kB within the time budget', () => {
		fc.assert(
			fc.property(hostileText(fc.oneof(urlPiece, fc.constantFrom('', 'https://www.xiaohongshu.com/', '.....', 'a.', 'x '))), (text) => {
				expectWithinBudget('parseNoteInput', text, (t) => parseNoteInput(t));
				expectWithinBudget('parseUserInput', text, (t) => parseUserInput(t));
			}),
			fuzz(1655, 500),
		);
	}, PROPERTY_TIMEOUT_MS);
});
