import { canonicalNoteUrl, canonicalUserUrl } from '../../../../nodes/Xiaohongshu/domain/links/canonicalLinks';
import { isMediaHost, isShortLinkHost, isXiaohongshuHost } from '../../../../nodes/Xiaohongshu/domain/links/hosts';
import type { InvalidReason } from '../../../../nodes/Xiaohongshu/domain/links/inputProblems';
import {
	noteFromShortLinkTarget,
	noteReferenceFromParts,
	parseNoteInput,
	requireXsecToken,
	type NoteInputResult,
} from '../../../../nodes/Xiaohongshu/domain/links/noteInput';
import { parseUserInput, userFromShortLinkTarget, type UserInputResult } from '../../../../nodes/Xiaohongshu/domain/links/userInput';
import { isPlausibleXsecToken, normalizeXsecToken } from '../../../../nodes/Xiaohongshu/domain/links/xsecToken';

// Shapes taken from xiaohongshu-formats.md and the upstream samples (token length 46, one '=').
const NOTE = '68f4c1a2000000000703b9de';
const USER = '6246cc94000000001000d74b';
const TOKEN = 'CBi5Lt9MgF3PVfTaz2Ogmnp0d9GXouzlEye6AW-wHgKKU=';
const FEED_TOKEN = 'ABDuqUKKa_b99AvNiSrQfLfIDfpSUN625mH_mJI-0Drnc=';
const PROFILE_TOKEN = 'YBq3mZ0r8Jc2XkP_4Lw9sT1vN6hD5gF7aE-uQyRoIiUWm=';
const ENC = TOKEN.replace('=', '%3D');
const DOUBLE_ENC = TOKEN.replace('=', '%253D');

const SHARE_TAIL = '复制本条信息，打开【小红书】App查看精彩内容！';
const APP_SHARE_PARAMS =
	'app_platform=ios&app_version=8.86&share_from_user_hidden=true&type=normal&author_share=1&xhsshare=CopyLink&shareRedId=ODY5NTk2OEk2NzUyOTgwNjg4OTdJSzs-&apptime=1760842831&share_id=0f3b7a1c9e2d4f6a8b0c1d2e3f4a5b6c';

function expectNote(result: NoteInputResult) {
	if (result.type !== 'note') throw new Error(`expected a note, got ${JSON.stringify(result)}`);
	return result.ref;
}

function expectUser(result: UserInputResult) {
	if (result.type !== 'user') throw new Error(`expected a user, got ${JSON.stringify(result)}`);
	return result.ref;
}

function expectInvalid(result: NoteInputResult | UserInputResult, reason: InvalidReason) {
	if (result.type !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
	expect(result.reason).toBe(reason);
	expect(result.message.length).toBeGreaterThan(10);
	expect(result.hint.length).toBeGreaterThan(10);
	return result;
}

describe('parseNoteInput: links that carry a note and its token', () => {
	const cases: Array<[string, string, string | null, 'explore' | 'discovery' | 'profile_note']> = [
		['explore, https, www', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}&xsec_source=pc_feed`, 'pc_feed', 'explore'],
		['explore, http, no www', `http://xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}&xsec_source=pc_search`, 'pc_search', 'explore'],
		['explore, no scheme', `www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}&xsec_source=pc_user`, 'pc_user', 'explore'],
		['explore, no scheme, no www', `xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`, null, 'explore'],
		['explore on www.rednote.com', `https://www.rednote.com/explore/${NOTE}?xsec_token=${TOKEN}&xsec_source=pc_share`, 'pc_share', 'explore'],
		['explore on rednote.com over http', `http://rednote.com/explore/${NOTE}?xsec_token=${TOKEN}`, null, 'explore'],
		['explore, %3D token', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}&xsec_source=pc_feed`, 'pc_feed', 'explore'],
		['explore, %253D token', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${DOUBLE_ENC}&xsec_source=pc_feed`, 'pc_feed', 'explore'],
		['explore, &amp; separators', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}&amp;xsec_source=pc_feed`, 'pc_feed', 'explore'],
		['explore, JSON-escaped', `https:\\/\\/www.xiaohongshu.com\\/explore\\/${NOTE}?xsec_token=${ENC}\\u0026xsec_source=pc_feed`, 'pc_feed', 'explore'],
		['explore, token first then more params', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}&xsec_source=pc_feed&source=web_explore_feed`, 'pc_feed', 'explore'],
		['explore, trailing slash and fragment', `https://www.xiaohongshu.com/explore/${NOTE}/?xsec_token=${TOKEN}&xsec_source=pc_feed#comments`, 'pc_feed', 'explore'],
		['explore, upper-case host and id', `HTTPS://WWW.XIAOHONGSHU.COM/explore/${NOTE.toUpperCase()}?xsec_token=${TOKEN}`, null, 'explore'],
		['explore, with port', `https://www.xiaohongshu.com:443/explore/${NOTE}?xsec_token=${TOKEN}`, null, 'explore'],
		['discovery with app share params', `https://www.xiaohongshu.com/discovery/item/${NOTE}?${APP_SHARE_PARAMS}&xsec_token=${ENC}&xsec_source=app_share`, 'app_share', 'discovery'],
		['discovery, token in the middle', `http://www.xiaohongshu.com/discovery/item/${NOTE}?app_platform=android&xsec_token=${DOUBLE_ENC}&xsec_source=app_share&${APP_SHARE_PARAMS}`, 'app_share', 'discovery'],
		['discovery on rednote', `https://rednote.com/discovery/item/${NOTE}?xsec_token=${ENC}&xsec_source=app_share`, 'app_share', 'discovery'],
		['note opened from a profile', `https://www.xiaohongshu.com/user/profile/${USER}/${NOTE}?xsec_token=${TOKEN}&xsec_source=pc_user`, 'pc_user', 'profile_note'],
		['note opened from a profile, encoded token, no source', `https://www.xiaohongshu.com/user/profile/${USER}/${NOTE}?xsec_token=${ENC}`, null, 'profile_note'],
		['note opened from a profile on rednote', `rednote.com/user/profile/${USER}/${NOTE}?xsec_token=${ENC}`, null, 'profile_note'],
		['login redirect carrying the note', `https://www.xiaohongshu.com/website-login/captcha?redirectPath=${encodeURIComponent(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}&xsec_source=pc_feed`)}&verifyUuid=x`, 'pc_feed', 'explore'],
		['query encoded as a whole', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token%3D${ENC.replace('%', '%25')}%26xsec_source%3Dpc_feed`, 'pc_feed', 'explore'],
	];

	test.each(cases)('%s', (_name, input, source, kind) => {
		const ref = expectNote(parseNoteInput(input));
		expect(ref.noteId).toBe(NOTE);
		expect(ref.xsecToken).toBe(TOKEN);
		expect(ref.xsecSource).toBe(source);
		expect(ref.linkKind).toBe(kind);
		expect(ref.inputUrl).toMatch(/^https?:\/\//i);
	});

	test('a note opened from a profile names its author', () => {
		const ref = expectNote(parseNoteInput(`https://www.xiaohongshu.com/user/profile/${USER}/${NOTE}?xsec_token=${TOKEN}`));
		expect(ref.authorId).toBe(USER);
	});

	test('an explore link has no author', () => {
		const ref = expectNote(parseNoteInput(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`));
		expect(ref.authorId).toBeUndefined();
	});

	test('a profile/note link with a broken user segment still yields the note', () => {
		const ref = expectNote(parseNoteInput(`https://www.xiaohongshu.com/user/profile/xyz/${NOTE}?xsec_token=${TOKEN}`));
		expect(ref.noteId).toBe(NOTE);
		expect(ref.authorId).toBeUndefined();
	});

	test('tokens with other prefixes are kept as they are', () => {
		const ref = expectNote(parseNoteInput(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${FEED_TOKEN}&xsec_source=pc_feed`));
		expect(ref.xsecToken).toBe(FEED_TOKEN);
	});
});

describe('parseNoteInput: whole share texts', () => {
	const longLink = `https://www.xiaohongshu.com/discovery/item/${NOTE}?${APP_SHARE_PARAMS}&xsec_token=${ENC}&xsec_source=app_share`;
	const noteTexts: Array<[string, string]> = [
		['title first, link, then the app tail glued with full-width comma', `周末去哪儿｜上海小众咖啡店合集 ${longLink}，${SHARE_TAIL}`],
		['link glued to Chinese text on both sides', `看看这个${longLink}${SHARE_TAIL}`],
		['link after emoji with no space', `好看😆${longLink}！`],
		['link ending in a full-width full stop', `${longLink}。`],
		['link ending in ASCII punctuation', `(${longLink}).`],
		['link followed by full-width bracket', `【${longLink}】`],
		['scheme-less link inside a sentence', `笔记链接：www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}，快来看`],
		['text on several lines', `Great post\n\n${longLink}\nthanks`],
		['short link and long link: the long one wins (no lookup needed)', `http://xhslink.com/a/Ab12Cd ${longLink}`],
		['long link with a token wins over one without', `https://www.xiaohongshu.com/explore/${NOTE} ${longLink}`],
		['quoted id and token cells pasted together', `${NOTE}\t${TOKEN}`],
		['id and encoded token separated by a comma', `${NOTE}, ${ENC}`],
	];

	test.each(noteTexts)('%s', (_name, text) => {
		const ref = expectNote(parseNoteInput(text));
		expect(ref.noteId).toBe(NOTE);
		expect(ref.xsecToken).toBe(TOKEN);
	});

	const shortTexts: Array<[string, string, string]> = [
		['the app share text from the formats doc', `13 我是DM发布了一篇小红书笔记，快来看吧！ 😆 F02MULzeoQVJ7YY 😆 http://xhslink.com/GQ0MHB，${SHARE_TAIL}`, 'http://xhslink.com/GQ0MHB'],
		['newer share text: title first, link before the tail', `周末去哪儿｜上海小众咖啡店合集 http://xhslink.com/a/8xQm2Lp ${SHARE_TAIL}`, 'http://xhslink.com/a/8xQm2Lp'],
		['short link glued to the tail', `http://xhslink.com/o/3Fk9zQ${SHARE_TAIL}`, 'http://xhslink.com/o/3Fk9zQ'],
		['https short link with /m/', `https://xhslink.com/m/7YtR2wq！`, 'https://xhslink.com/m/7YtR2wq'],
		['xhslink.cn', `https://xhslink.cn/a/Qw3e`, 'https://xhslink.cn/a/Qw3e'],
		['scheme-less short link gets https', `xhslink.com/GQ0MHB`, 'https://xhslink.com/GQ0MHB'],
		['short link after emoji', `😆http://xhslink.com/GQ0MHB😆`, 'http://xhslink.com/GQ0MHB'],
		['short link on a subdomain', `http://www.xhslink.com/a/Zz9`, 'http://www.xhslink.com/a/Zz9'],
	];

	test.each(shortTexts)('%s', (_name, text, url) => {
		expect(parseNoteInput(text)).toEqual({ type: 'shortLink', url });
	});
});

describe('parseNoteInput: ids', () => {
	test.each([
		['bare id', NOTE],
		['upper-case id', NOTE.toUpperCase()],
		['id with spaces around', `  ${NOTE}\n`],
		['quoted id', `"${NOTE}"`],
	])('%s gives the note without a token', (_name, input) => {
		expect(parseNoteInput(input)).toEqual({
			type: 'note',
			ref: { noteId: NOTE, xsecToken: null, xsecSource: null, linkKind: 'id', inputUrl: null },
		});
	});
});

describe('parseNoteInput: note links without a token', () => {
	test.each([
		['explore', `https://www.xiaohongshu.com/explore/${NOTE}`, 'explore'],
		['explore with only a source', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_source=pc_feed`, 'explore'],
		['empty token', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=&xsec_source=pc_feed`, 'explore'],
		['discovery', `https://www.xiaohongshu.com/discovery/item/${NOTE}?app_platform=ios`, 'discovery'],
	])('%s gives the note with xsecToken null, which requireXsecToken rejects', (_name, input, kind) => {
		const result = parseNoteInput(input);
		const ref = expectNote(result);
		expect(ref.noteId).toBe(NOTE);
		expect(ref.xsecToken).toBeNull();
		expect(ref.linkKind).toBe(kind);
		const required = expectInvalid(requireXsecToken(result), 'missing_token');
		expect(required.message).toContain(NOTE);
		expect(required.hint).toContain('xsec_token');
	});

	test('requireXsecToken passes notes with a token and every other result through', () => {
		const withToken = parseNoteInput(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`);
		expect(requireXsecToken(withToken)).toBe(withToken);
		const short = parseNoteInput('http://xhslink.com/GQ0MHB');
		expect(requireXsecToken(short)).toBe(short);
		const bad = parseNoteInput('nonsense');
		expect(requireXsecToken(bad)).toBe(bad);
	});

	test('a bare id is reported as missing its token too', () => {
		expectInvalid(requireXsecToken(parseNoteInput(NOTE)), 'missing_token');
	});
});

describe('parseNoteInput: inputs that carry no usable note', () => {
	const cases: Array<[string, unknown, InvalidReason]> = [
		['empty string', '', 'empty'],
		['whitespace', '   \n', 'empty'],
		['null', null, 'empty'],
		['a number', 42, 'empty'],
		['garbage', 'hello world', 'not_a_link'],
		['share text that lost its link', `13 我是DM发布了一篇小红书笔记，快来看吧！ 😆 F02MULzeoQVJ7YY 😆 ${SHARE_TAIL}`, 'not_a_link'],
		['a token on its own', TOKEN, 'not_a_link'],
		['23 hex characters', NOTE.slice(1), 'not_a_link'],
		['profile link', `https://www.xiaohongshu.com/user/profile/${USER}`, 'profile_link'],
		['profile link with xsec params', `https://www.xiaohongshu.com/user/profile/${USER}?xsec_token=${PROFILE_TOKEN}&xsec_source=pc_note`, 'profile_link'],
		['profile share text', `来看看这个博主 https://www.rednote.com/user/profile/${USER}?xsec_token=${PROFILE_TOKEN}，${SHARE_TAIL}`, 'profile_link'],
		['non-Xiaohongshu link', `https://www.douyin.com/video/${NOTE}`, 'foreign_host'],
		['look-alike host glued in front', `https://evilxiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`, 'foreign_host'],
		['look-alike host as a prefix', `https://xiaohongshu.com.evil.net/explore/${NOTE}?xsec_token=${TOKEN}`, 'foreign_host'],
		['userinfo trick', `https://www.xiaohongshu.com@evil.net/explore/${NOTE}?xsec_token=${TOKEN}`, 'foreign_host'],
		['fake short link host', `https://xhslink.com.evil.net/GQ0MHB`, 'foreign_host'],
		['Xiaohongshu link in a foreign redirect', `https://evil.net/?u=https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`, 'foreign_host'],
		['scheme-less look-alike host', `evilxiaohongshu.com/explore/${NOTE}`, 'not_a_link'],
		['scheme-less look-alike prefix', `xiaohongshu.com.evil.net/explore/${NOTE}`, 'not_a_link'],
		['home page', 'https://www.xiaohongshu.com/', 'no_note'],
		['explore without id', 'https://www.xiaohongshu.com/explore', 'no_note'],
		['search page', 'https://www.xiaohongshu.com/search_result?keyword=咖啡', 'no_note'],
		['short link host without a code', 'https://xhslink.com/', 'no_note'],
		['login page redirecting to a foreign site', `https://www.xiaohongshu.com/website-login/captcha?redirectPath=${encodeURIComponent('https://evil.net/x')}`, 'no_note'],
		['note id cut short', `https://www.xiaohongshu.com/explore/${NOTE.slice(0, 20)}?xsec_token=${TOKEN}`, 'bad_id'],
		['note id with a non-hex letter', `https://www.xiaohongshu.com/discovery/item/${NOTE.slice(0, 23)}z`, 'bad_id'],
		['profile/note link with a broken note id', `https://www.xiaohongshu.com/user/profile/${USER}/abc?xsec_token=${TOKEN}`, 'bad_id'],
		['profile link with a broken user id', 'https://www.xiaohongshu.com/user/profile/12345', 'bad_id'],
		['token cut short', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=CBi5Lt9M&xsec_source=pc_feed`, 'bad_token'],
		['token with foreign characters', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN.slice(0, 10)}$${TOKEN.slice(10)}`, 'bad_token'],
		['token without its letter prefix', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=1${TOKEN.slice(1)}`, 'bad_token'],
	];

	test.each(cases)('%s', (_name, input, reason) => {
		expectInvalid(parseNoteInput(input), reason);
	});

	test('the message quotes a shortened copy of the input and the hint says how to fix it', () => {
		const long = `https://www.douyin.com/video/${NOTE}?${APP_SHARE_PARAMS}`;
		const result = expectInvalid(parseNoteInput(long), 'foreign_host');
		expect(result.message).toContain('"https://www.douyin.com/video/');
		expect(result.message).toContain('…');
		expect(result.message).not.toContain(APP_SHARE_PARAMS);
		expect(result.message).toContain('www.douyin.com');
		expect(result.hint).toContain('xsec_token');
	});

	test('a profile link given as a note points the user to the note itself', () => {
		const result = expectInvalid(parseNoteInput(`https://www.xiaohongshu.com/user/profile/${USER}`), 'profile_link');
		expect(result.message).toContain('profile');
		expect(result.hint).toMatch(/note/i);
	});

	test('a damaged token is named in the message', () => {
		const result = expectInvalid(
			parseNoteInput(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=CBi5Lt9M`),
			'bad_token',
		);
		expect(result.message).toContain('xsec_token');
	});
});

describe('noteReferenceFromParts', () => {
	test.each([
		['plain', NOTE, TOKEN, undefined, null],
		['upper-case id, padded', ` ${NOTE.toUpperCase()} `, ` ${TOKEN} `, undefined, null],
		['encoded token', NOTE, ENC, 'pc_feed', 'pc_feed'],
		['double-encoded token with trailing params', NOTE, `${DOUBLE_ENC}&xsec_source=app_share`, 'app_share', 'app_share'],
		['token followed by a full-width comma', NOTE, `${TOKEN}，`, undefined, null],
	])('%s', (_name, id, token, source, expectedSource) => {
		const ref = expectNote(noteReferenceFromParts(id, token, source));
		expect(ref).toEqual({ noteId: NOTE, xsecToken: TOKEN, xsecSource: expectedSource, linkKind: 'id', inputUrl: null });
	});

	test('a link in the id field lends its token when the token field is empty', () => {
		const ref = expectNote(
			noteReferenceFromParts(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}&xsec_source=pc_feed`, ''),
		);
		expect(ref.noteId).toBe(NOTE);
		expect(ref.xsecToken).toBe(TOKEN);
		expect(ref.xsecSource).toBe('pc_feed');
	});

	test('an explicit token wins over the one in a link in the id field', () => {
		const ref = expectNote(
			noteReferenceFromParts(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}`, FEED_TOKEN),
		);
		expect(ref.xsecToken).toBe(FEED_TOKEN);
	});

	test.each([
		['empty id', '', TOKEN, 'empty'],
		['missing id', undefined, TOKEN, 'empty'],
		['malformed id', 'abc', TOKEN, 'bad_id'],
		['profile link as id', `https://www.xiaohongshu.com/user/profile/${USER}`, TOKEN, 'bad_id'],
		['empty token', NOTE, '', 'missing_token'],
		['missing token', NOTE, undefined, 'missing_token'],
		['token cut short', NOTE, 'CBi5Lt9M', 'bad_token'],
		['token that is a URL', NOTE, 'https://www.xiaohongshu.com/explore', 'bad_token'],
	] as Array<[string, unknown, unknown, InvalidReason]>)('%s is rejected', (_name, id, token, reason) => {
		expectInvalid(noteReferenceFromParts(id, token), reason);
	});
});

describe('short link targets', () => {
	const SHORT = 'http://xhslink.com/a/8xQm2Lp';

	test('a short link that lands on a note keeps the short link as the input', () => {
		const target = `https://www.xiaohongshu.com/discovery/item/${NOTE}?${APP_SHARE_PARAMS}&xsec_token=${ENC}&xsec_source=app_share`;
		const ref = expectNote(noteFromShortLinkTarget(SHORT, target));
		expect(ref).toMatchObject({
			noteId: NOTE,
			xsecToken: TOKEN,
			xsecSource: 'app_share',
			linkKind: 'short_link',
			inputUrl: SHORT,
			resolvedUrl: target,
		});
	});

	test('a short link that lands on a profile is not a note', () => {
		const target = `https://www.xiaohongshu.com/user/profile/${USER}?xsec_token=${PROFILE_TOKEN}&xsec_source=app_share`;
		const result = expectInvalid(noteFromShortLinkTarget(SHORT, target), 'profile_link');
		expect(result.message).toContain(SHORT);
		const user = expectUser(userFromShortLinkTarget(SHORT, target));
		expect(user).toMatchObject({ userId: USER, xsecToken: PROFILE_TOKEN, linkKind: 'short_link', inputUrl: SHORT, resolvedUrl: target });
	});

	test('a short link that lands on a note is not a user', () => {
		const target = `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`;
		const result = expectInvalid(userFromShortLinkTarget(SHORT, target), 'note_link');
		expect(result.noteId).toBe(NOTE);
	});

	test('a short link that lands on a captcha page carrying the note still yields it', () => {
		const target = `https://www.xiaohongshu.com/website-login/captcha?redirectPath=${encodeURIComponent(`https://www.xiaohongshu.com/discovery/item/${NOTE}?xsec_token=${ENC}&xsec_source=app_share`)}`;
		expect(expectNote(noteFromShortLinkTarget(SHORT, target)).xsecToken).toBe(TOKEN);
	});

	test('a short link that lands off Xiaohongshu is reported with both links', () => {
		const result = expectInvalid(noteFromShortLinkTarget(SHORT, 'https://evil.net/landing'), 'foreign_host');
		expect(result.message).toContain(SHORT);
		expect(result.message).toContain('evil.net');
	});
});

describe('parseUserInput', () => {
	test.each([
		['bare id', USER, null, 'id'],
		['upper-case id', USER.toUpperCase(), null, 'id'],
		['profile link', `https://www.xiaohongshu.com/user/profile/${USER}`, null, 'profile'],
		['profile link, trailing slash, no scheme', `www.xiaohongshu.com/user/profile/${USER}/`, null, 'profile'],
		['profile link with xsec params', `https://www.xiaohongshu.com/user/profile/${USER}?xsec_token=${PROFILE_TOKEN.replace('=', '%3D')}&xsec_source=pc_note`, PROFILE_TOKEN, 'profile'],
		['profile link on rednote', `http://rednote.com/user/profile/${USER}?xsec_token=${PROFILE_TOKEN}`, PROFILE_TOKEN, 'profile'],
		['profile share text', `来看看这个博主 https://www.xiaohongshu.com/user/profile/${USER}?xsec_token=${PROFILE_TOKEN}&xsec_source=app_share，${SHARE_TAIL}`, PROFILE_TOKEN, 'profile'],
		['profile link with a damaged token (not needed for users)', `https://www.xiaohongshu.com/user/profile/${USER}?xsec_token=YB12`, null, 'profile'],
		['note opened from a profile names its author', `https://www.xiaohongshu.com/user/profile/${USER}/${NOTE}?xsec_token=${TOKEN}`, null, 'profile_note'],
	])('%s', (_name, input, token, kind) => {
		const ref = expectUser(parseUserInput(input));
		expect(ref.userId).toBe(USER);
		expect(ref.xsecToken).toBe(token);
		expect(ref.linkKind).toBe(kind);
	});

	test.each([
		['short link', 'http://xhslink.com/m/7YtR2wq', 'http://xhslink.com/m/7YtR2wq'],
		['profile share text with a short link', `来看看这个博主 😆 http://xhslink.com/m/7YtR2wq，${SHARE_TAIL}`, 'http://xhslink.com/m/7YtR2wq'],
	])('%s', (_name, input, url) => {
		expect(parseUserInput(input)).toEqual({ type: 'shortLink', url });
	});

	test.each([
		['explore link', `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		['discovery share text', `标题 http://www.xiaohongshu.com/discovery/item/${NOTE}?xsec_token=${ENC}，${SHARE_TAIL}`],
	])('a note link (%s) is reported as a note link, with its id', (_name, input) => {
		const result = expectInvalid(parseUserInput(input), 'note_link');
		expect(result.noteId).toBe(NOTE);
		expect(result.message).toMatch(/note link/);
	});

	test.each([
		['empty', '', 'empty'],
		['undefined', undefined, 'empty'],
		['red_id digits', '1234567890', 'red_id'],
		['red_id with label', '小红书号：95271234', 'red_id'],
		['garbage', 'just some words', 'not_a_link'],
		['foreign link', 'https://weibo.com/u/123456', 'foreign_host'],
		['look-alike host', `https://xiaohongshu.com.evil.net/user/profile/${USER}`, 'foreign_host'],
		['broken user id', 'https://www.xiaohongshu.com/user/profile/abc', 'bad_id'],
		['home page', 'https://www.xiaohongshu.com/explore', 'no_user'],
	] as Array<[string, unknown, InvalidReason]>)('%s is rejected', (_name, input, reason) => {
		expectInvalid(parseUserInput(input), reason);
	});
});

describe('normalizeXsecToken', () => {
	test.each([
		['plain', TOKEN, TOKEN],
		['percent-encoded', ENC, TOKEN],
		['double-encoded', DOUBLE_ENC, TOKEN],
		['lower-case escape', TOKEN.replace('=', '%3d'), TOKEN],
		['followed by more params', `${ENC}&xsec_source=pc_feed`, TOKEN],
		['followed by &amp;', `${ENC}&amp;xsec_source=pc_feed`, TOKEN],
		['double-encoded, followed by encoded params', `${DOUBLE_ENC}%26xsec_source%3Dapp_share`, TOKEN],
		['followed by full-width punctuation', `${TOKEN}，复制本条信息`, TOKEN],
		['followed by an emoji', `${TOKEN}😆`, TOKEN],
		['surrounded by spaces', `  ${TOKEN}\n`, TOKEN],
		['followed by a quote', `${TOKEN}"`, TOKEN],
		['without its "="', TOKEN.slice(0, -1), TOKEN.slice(0, -1)],
		['with a stray percent sign', `${TOKEN}%`, TOKEN],
		['empty', '', null],
		['only junk', '，！', null],
		['not a string', 12345, null],
	] as Array<[string, unknown, string | null]>)('%s', (_name, raw, expected) => {
		expect(normalizeXsecToken(raw)).toBe(expected);
	});
});

describe('isPlausibleXsecToken', () => {
	test.each([
		[TOKEN, true],
		[FEED_TOKEN, true],
		[PROFILE_TOKEN, true],
		[TOKEN.slice(0, -1), true],
		[`${TOKEN}=`, true],
		[`AB${'x'.repeat(28)}`, true],
		[`AB${'x'.repeat(78)}`, true],
		[`AB${'x'.repeat(27)}`, false],
		[`AB${'x'.repeat(79)}`, false],
		[`${TOKEN}==`, false],
		[`1${TOKEN.slice(1)}`, false],
		[TOKEN.replace('-', '+'), false],
		[TOKEN.replace('-', '/'), false],
		[ENC, false],
		['', false],
		[null, false],
	] as Array<[unknown, boolean]>)('%p -> %p', (token, expected) => {
		expect(isPlausibleXsecToken(token)).toBe(expected);
	});
});

describe('canonical URLs', () => {
	test('a note URL without a token is the bare explore link', () => {
		expect(canonicalNoteUrl(NOTE)).toBe(`https://www.xiaohongshu.com/explore/${NOTE}`);
		expect(canonicalNoteUrl(NOTE, null, 'pc_feed')).toBe(`https://www.xiaohongshu.com/explore/${NOTE}`);
	});

	test('a note URL encodes the token and defaults the source to pc_share', () => {
		expect(canonicalNoteUrl(NOTE, TOKEN)).toBe(
			`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}&xsec_source=pc_share`,
		);
		expect(canonicalNoteUrl(NOTE, TOKEN, 'app_share')).toBe(
			`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${ENC}&xsec_source=app_share`,
		);
	});

	test('user URLs', () => {
		expect(canonicalUserUrl(USER)).toBe(`https://www.xiaohongshu.com/user/profile/${USER}`);
		expect(canonicalUserUrl(USER, PROFILE_TOKEN, 'pc_note')).toBe(
			`https://www.xiaohongshu.com/user/profile/${USER}?xsec_token=${encodeURIComponent(PROFILE_TOKEN)}&xsec_source=pc_note`,
		);
	});

	test.each([TOKEN, FEED_TOKEN, PROFILE_TOKEN])('canonical note URLs parse back to the same reference (%s)', (token) => {
		const ref = expectNote(parseNoteInput(canonicalNoteUrl(NOTE, token, 'pc_feed')));
		expect([ref.noteId, ref.xsecToken, ref.xsecSource, ref.linkKind]).toEqual([NOTE, token, 'pc_feed', 'explore']);
	});

	test('canonical user URLs parse back to the same user', () => {
		expect(expectUser(parseUserInput(canonicalUserUrl(USER))).userId).toBe(USER);
	});
});

describe('host predicates', () => {
	test.each([
		['www.xiaohongshu.com', true, false, false],
		['xiaohongshu.com', true, false, false],
		['edith.xiaohongshu.com', true, false, false],
		['WWW.XIAOHONGSHU.COM', true, false, false],
		['www.xiaohongshu.com.', true, false, false],
		['www.xiaohongshu.com:443', true, false, false],
		['www.rednote.com', true, false, false],
		['rednote.com', true, false, false],
		['xhslink.com', true, true, false],
		['www.xhslink.com', true, true, false],
		['xhslink.cn', true, true, false],
		['ci.xiaohongshu.com', true, false, true],
		['sns-webpic-qc.xhscdn.com', false, false, true],
		['sns-video-ak.xhscdn.com', false, false, true],
		['sns-avatar-qc.xhscdn.com', false, false, true],
		['sns-bak-v6.xhscdn.com', false, false, true],
		['xhscdn.com', false, false, true],
		['evilxiaohongshu.com', false, false, false],
		['xiaohongshu.com.evil.net', false, false, false],
		['notrednote.com', false, false, false],
		['xhslink.com.evil.net', false, false, false],
		['evilxhslink.com', false, false, false],
		['evilxhscdn.com', false, false, false],
		['xhscdn.com.evil.net', false, false, false],
		['ci.xiaohongshu.com.evil.net', false, false, false],
		['xiaohongshu.cn', false, false, false],
		['', false, false, false],
	])('%s: site %p, short %p, media %p', (host, site, short, media) => {
		expect(isXiaohongshuHost(host)).toBe(site);
		expect(isShortLinkHost(host)).toBe(short);
		expect(isMediaHost(host)).toBe(media);
	});
});
