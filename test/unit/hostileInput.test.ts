/**
 * The reproducers of issue 16, one test each: inputs that hung the event loop, crashed an
 * execution after its credit was spent, broke the count contract, or passed a foreign link
 * off as ours. Each of these failed before the fix.
 */
import { parseCount } from '../../nodes/Xiaohongshu/domain/payload/counts';
import { evaluateObservation } from '../../nodes/Xiaohongshu/domain/watch/engagement';
import type { EngineConfig } from '../../nodes/Xiaohongshu/domain/watch/engagementTypes';
import { summarizeEvent } from '../../nodes/Xiaohongshu/domain/watch/engagementSummary';
import { isMediaHost, isShortLinkHost, isXiaohongshuHost } from '../../nodes/Xiaohongshu/domain/links/hosts';
import { parseNoteInput } from '../../nodes/Xiaohongshu/domain/links/noteInput';
import { simplifyNote } from '../../nodes/Xiaohongshu/domain/payload/noteMapper';
import type { NotePayload, UserProfilePayload } from '../../nodes/Xiaohongshu/domain/payload/payloads';
import { parseUserInput } from '../../nodes/Xiaohongshu/domain/links/userInput';
import { simplifyUser } from '../../nodes/Xiaohongshu/domain/payload/userMapper';
import { decodeEntry, encodeEntry } from '../../nodes/Xiaohongshu/domain/watch/watchEntryCodec';
import { validateNoteDetail } from '../../nodes/Xiaohongshu/transport/schemas';
import { expectWithinBudget } from './support/timeBound';

const NOTE = '68f4c1a2000000000703b9de';
const USER = '6246cc94000000001000d74b';
const TOKEN = 'CBi5Lt9MgF3PVfTaz2Ogmnp0d9GXouzlEye6AW-wHgKKU=';
const N = 100_000;

describe('1. no quadratic regex on user text', () => {
	test.each([
		['parseNoteInput, with scheme', () => parseNoteInput(`https://www.xiaohongshu.com/${'.'.repeat(N)}a`)],
		['parseNoteInput, without scheme', () => parseNoteInput(`www.xiaohongshu.com/${'.'.repeat(N)}a`)],
		['parseUserInput, with scheme', () => parseUserInput(`https://www.xiaohongshu.com/${'.'.repeat(N)}a`)],
		['parseUserInput, without scheme', () => parseUserInput(`www.xiaohongshu.com/${'.'.repeat(N)}a`)],
		['parseCount, spaces before a wrong unit', () => parseCount(`1${' '.repeat(N)}x`)],
	])('%s: 100k characters within budget', (label, run) => {
		expectWithinBudget(label, 'x'.repeat(N), () => run());
	});
});

describe('2. no crash after the credit is spent', () => {
	it('simplifyNote takes a lone surrogate in user.user_id (the schema accepts it)', () => {
		const payload = { note_id: NOTE, user: { user_id: '\uD800', nickname: 'a\uDC00b' } };
		expect(validateNoteDetail(payload).ok).toBe(true);
		const note = simplifyNote(payload, { noteId: NOTE, xsecToken: TOKEN });
		expect(note.authorId).toBeNull();
		expect(note.authorUrl).toBeNull();
		expect(note.authorName).toBe('a\uFFFDb');
	});
});

describe('3. counts keep their contract', () => {
	it('a 400-digit count is unreadable, not Infinity marked exact', () => {
		const display = '9'.repeat(400);
		expect(parseCount(display)).toEqual({ value: null, display, exact: false, floor: false, min: null, max: null });
	});

	it('an integer above 2^53 is not marked exact', () => {
		const count = parseCount('9007199254740993');
		expect(count.exact).toBe(false);
		expect(count.value === null || Number.isSafeInteger(count.value)).toBe(true);
	});

	it('the number 3.5 is not marked exact', () => {
		expect(parseCount(3.5).exact).toBe(false);
	});

	it("'1.0001k' keeps min <= value <= max", () => {
		const { value, min, max } = parseCount('1.0001k');
		expect(value).not.toBeNull();
		expect(min! <= value! && value! <= max!).toBe(true);
	});

	it("'1.0001k' after '1000' fires no change of ±0", () => {
		const config: EngineConfig = { metrics: ['likes'], rules: [{ kind: 'change' }], emitBaseline: false };
		const first = evaluateObservation(undefined, { at: 0, counts: { likes: parseCount('1000') } }, config);
		const second = evaluateObservation(first.state, { at: 3_600_000, counts: { likes: parseCount('1.0001k') } }, config);
		expect(second.events).toEqual([]);
	});

	it('a 400-digit count never reaches a summary as "+Infinity%"', () => {
		const config: EngineConfig = { metrics: ['likes'], rules: [{ kind: 'change' }], emitBaseline: false };
		const first = evaluateObservation(undefined, { at: 0, counts: { likes: parseCount('100') } }, config);
		const second = evaluateObservation(first.state, { at: 3_600_000, counts: { likes: parseCount('9'.repeat(400)) } }, config);
		const summaries = second.events.map((e) => summarizeEvent('"a note"', e));
		expect(summaries.filter((s) => /Infinity|NaN/.test(s))).toEqual([]);
	});

	it('the codec keeps an entry that saw a 400-digit count', () => {
		const config: EngineConfig = { metrics: ['likes', 'comments'], rules: [{ kind: 'change' }], emitBaseline: false };
		const counts = { likes: parseCount('9'.repeat(400)), comments: parseCount('12') };
		const { state } = evaluateObservation(undefined, { at: 1_767_225_600_000, counts }, config);
		expect(decodeEntry(JSON.parse(JSON.stringify(encodeEntry(state))))).not.toBeNull();
	});

	it('an unreadable display, however long, is not kept in static data', () => {
		const config: EngineConfig = { metrics: ['likes', 'comments'], rules: [{ kind: 'change' }], emitBaseline: false };
		const counts = { likes: parseCount('9'.repeat(100_000)), comments: parseCount('12') };
		const { state } = evaluateObservation(undefined, { at: 1_767_225_600_000, counts }, config);
		expect(JSON.stringify(encodeEntry(state)).length).toBeLessThan(200);
	});
});

describe('4. a foreign link is never read as ours', () => {
	it('a backslash before our host leaves the link on evil.com, as a browser opens it', () => {
		const result = parseNoteInput(`https://evil.com\\www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`);
		expect(result.type).toBe('invalid');
	});

	test.each([
		[`https://evil.com\\@www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		[`https://www.xiaohongshu.com@evil.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		[`www.xiaohongshu.com@evil.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		[`https://evil.com%2F@x.com\\www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		[`https://evil.com%5Cwww.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		[`https://evil.com|www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		[`evil.com/?u=www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`],
		[`evil.com\\www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`],
	])('%s is not read as a note', (text) => {
		expect(parseNoteInput(text).type).toBe('invalid');
	});

	it('a share text still finds its link after Chinese text, brackets or a colon', () => {
		for (const before of ['复制本条信息！', '【小红书】', '(', '链接:', '"']) {
			const result = parseNoteInput(`${before}www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`);
			expect(result).toMatchObject({ type: 'note', ref: { noteId: NOTE, xsecToken: TOKEN } });
		}
	});

	it.each([
		['evil.com/.xhscdn.com', isMediaHost],
		['evil.com/.xiaohongshu.com', isXiaohongshuHost],
		['evil.com/.xhslink.com', isShortLinkHost],
	])('host helpers refuse the raw string %s', (raw, helper) => {
		expect(helper(raw)).toBe(false);
	});
});

describe('the link finder reads a bounded length of text', () => {
	it('finds a link in the first 4,096 characters and says so when there is none there', () => {
		const link = `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=${TOKEN}`;
		expect(parseNoteInput(`${'a '.repeat(1_000)}${link}`).type).toBe('note');
		const late = parseNoteInput(`${'a '.repeat(5_000)}${link}`);
		expect(late).toMatchObject({ type: 'invalid', reason: 'not_a_link' });
		expect(late.type === 'invalid' && late.message).toContain('the first 4096 characters');
	});
});

describe('5. smaller ones', () => {
	it("simplifyUser's tag de-duplication is linear: 50k tags within budget", () => {
		const tags = Array.from({ length: 50_000 }, (_, i) => ({ name: `tag${i}` }));
		const payload: UserProfilePayload = { user_id: USER, tags };
		const json = JSON.stringify(payload);
		expectWithinBudget('simplifyUser with 50k tags', json, () => simplifyUser(payload, { userId: USER }), () => JSON.stringify(payload));
	});

	/** What the mapper makes of a note that has nothing but its id (fetchedAt is the clock, left out). */
	const bareNote = () => ({ ...simplifyNote({ note_id: NOTE }, { noteId: NOTE }), fetchedAt: 'now' });

	it.each([
		['tags as a number', { note_id: NOTE, tags: 5 }, { topics: [] }],
		['images as a number', { note_id: NOTE, images: 5 }, { imageUrls: [], imageCount: 0, coverUrl: null }],
		['interact_info as a string', { note_id: NOTE, interact_info: 'x' }, { likes: null, likesExact: false, comments: null, engagement: null }],
		['user as a string', { note_id: NOTE, user: 'x' }, { authorId: null, authorName: null, authorUrl: null }],
		['video as a number', { note_id: NOTE, video: 7 }, { videoUrl: null, videoDurationSeconds: null }],
	])('simplifyNote reads a payload that skipped validation as if the bad field were absent: %s', (_label, payload, fields) => {
		const note = { ...simplifyNote(payload as unknown as NotePayload, { noteId: NOTE }), fetchedAt: 'now' };
		expect(note).toMatchObject({ noteId: NOTE, url: `https://www.xiaohongshu.com/explore/${NOTE}`, ...fields });
		expect(note).toEqual(bareNote());
	});

	it('simplifyNote reads a null payload as a note with nothing but the id it was asked for', () => {
		const note = { ...simplifyNote(null as unknown as NotePayload, { noteId: NOTE }), fetchedAt: 'now' };
		expect(note.noteId).toBe(NOTE);
		expect(note).toEqual(bareNote());
	});
});
