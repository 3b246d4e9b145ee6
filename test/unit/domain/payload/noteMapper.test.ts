import { pickFields } from '../../../../nodes/Xiaohongshu/domain/payload/fieldSelection';
import { countFields, shownCount } from '../../../../nodes/Xiaohongshu/domain/payload/countFields';
import { noteCounts, noteTopics, simplifyNote } from '../../../../nodes/Xiaohongshu/domain/payload/noteMapper';
import type { NotePayload } from '../../../../nodes/Xiaohongshu/domain/payload/payloads';

const NOTE_ID = '641ae75d0000000013031c27';
const TOKEN = 'CBgVx0Q3kqAbCdEfGhIjKlMnOpQrStUvWxYz0123456789=';
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

const sample: NotePayload = {
	note_id: NOTE_ID,
	type: 'normal',
	title: '秋天的第一杯奶茶',
	description: '第一杯 #奶茶[话题]# 和 #探店[话题]#\n#奶茶[话题]#',
	time: 1679484765000,
	last_update_time: 1679484766,
	ip_location: '上海',
	user: { user_id: '5bb08087e617cb0001a9b4a6', nickname: '郭嘉峰', avatar: 'http://sns-avatar-qc.xhscdn.com/a.jpg' },
	tags: [
		{ id: 't1', name: '奶茶', type: 'topic' },
		{ id: 't2', name: '上海', type: 'location' },
		{ id: 't3', name: '秋天', type: 'topic' },
	],
	images: [{ url: 'http://sns-webpic-qc.xhscdn.com/1.jpg' }, { url: 'http://sns-webpic-qc.xhscdn.com/2.jpg' }, 'http://sns-webpic-qc.xhscdn.com/3.jpg'],
	interact_info: { liked_count: '3.5万', collected_count: '2227', comment_count: '', share_count: '10+' },
	some_new_field: { kept: true },
};

describe('simplifyNote', () => {
	it('flattens an image note into self-explaining fields', () => {
		expect(simplifyNote(sample, { noteId: NOTE_ID, xsecToken: TOKEN, xsecSource: 'app_share', nowMs: NOW })).toEqual({
			noteId: NOTE_ID,
			url: `https://www.xiaohongshu.com/explore/${NOTE_ID}?xsec_token=${encodeURIComponent(TOKEN)}&xsec_source=app_share`,
			xsecToken: TOKEN,
			type: 'image',
			title: '秋天的第一杯奶茶',
			// As the app shows it: "#奶茶" inside the sentence, the closing run of topics left to `topics`.
			text: '第一杯 #奶茶 和',
			topics: ['奶茶', '秋天', '探店'],
			// No time zone given: UTC, in the form a spreadsheet reads as a date.
			publishedLocal: '2023-03-22 11:32:45',
			updatedLocal: '2023-03-22 11:32:46',
			publishedAt: '2023-03-22T11:32:45.000Z',
			publishedAtMs: 1679484765000,
			// Seconds are read as seconds, not as a date in 1970.
			updatedAt: '2023-03-22T11:32:46.000Z',
			updatedAtMs: 1679484766000,
			region: '上海',
			authorId: '5bb08087e617cb0001a9b4a6',
			authorName: '郭嘉峰',
			authorAvatar: 'http://sns-avatar-qc.xhscdn.com/a.jpg',
			authorUrl: 'https://www.xiaohongshu.com/user/profile/5bb08087e617cb0001a9b4a6',
			likes: 35_000,
			likesText: '3.5万',
			likesExact: false,
			collects: 2227,
			collectsText: '2227',
			collectsExact: true,
			comments: null,
			commentsText: null,
			commentsExact: false,
			shares: 10,
			sharesText: '10+',
			sharesExact: false,
			// One of the four is hidden: the total is unknown, not a smaller number.
			engagement: null,
			engagementText: null,
			engagementExact: false,
			imageUrls: ['http://sns-webpic-qc.xhscdn.com/1.jpg', 'http://sns-webpic-qc.xhscdn.com/2.jpg', 'http://sns-webpic-qc.xhscdn.com/3.jpg'],
			imageCount: 3,
			coverUrl: 'http://sns-webpic-qc.xhscdn.com/1.jpg',
			videoUrl: null,
			videoDurationSeconds: null,
			fetchedAt: '2026-01-02T03:04:05.000Z',
		});
	});

	it('lays the columns out as a person reads a row: title, author, counts, date, link first; ids and tokens last', () => {
		const keys = Object.keys(simplifyNote(sample, { noteId: NOTE_ID, xsecToken: TOKEN, nowMs: NOW }));
		expect(keys.slice(0, 9)).toEqual(['title', 'authorName', 'likes', 'collects', 'comments', 'shares', 'engagement', 'publishedLocal', 'url']);
		expect(keys.slice(-3)).toEqual(['noteId', 'xsecToken', 'fetchedAt']);
		expect(keys.indexOf('publishedAt')).toBeGreaterThan(keys.indexOf('videoDurationSeconds'));
	});

	it('gives the published time in the time zone asked for, beside the exact UTC instant', () => {
		const at = Date.UTC(2026, 0, 31, 16, 4, 5);
		const inShanghai = simplifyNote({ ...sample, time: at }, { noteId: NOTE_ID, timeZone: 'Asia/Shanghai' });
		const inNewYork = simplifyNote({ ...sample, time: at }, { noteId: NOTE_ID, timeZone: 'America/New_York' });
		expect(inShanghai).toMatchObject({ publishedLocal: '2026-02-01 00:04:05', publishedAt: '2026-01-31T16:04:05.000Z', publishedAtMs: at });
		expect(inNewYork).toMatchObject({ publishedLocal: '2026-01-31 11:04:05', publishedAt: '2026-01-31T16:04:05.000Z', publishedAtMs: at });
		expect(simplifyNote({ ...sample, time: 0 }, { noteId: NOTE_ID, timeZone: 'Asia/Shanghai' }).publishedLocal).toBeNull();
	});

	it('adds likes, collects, comments and shares into engagement, exact only when all four are', () => {
		const rounded = simplifyNote({ ...sample, interact_info: { liked_count: '3.5万', collected_count: '2227', comment_count: '529', share_count: '1108' } }, { noteId: NOTE_ID });
		expect(rounded).toMatchObject({ engagement: 38_864, engagementText: '3.5万 + 2227 + 529 + 1108', engagementExact: false });
		const exact = simplifyNote({ ...sample, interact_info: { liked_count: '86', collected_count: 12, comment_count: '5', share_count: '3' } }, { noteId: NOTE_ID });
		expect(exact).toMatchObject({ engagement: 106, engagementText: '106', engagementExact: true });
		expect(pickFields(exact as unknown as Record<string, unknown>, ['engagement'])).toEqual({ engagement: 106, engagementText: '106', engagementExact: true });
	});

	it('keeps a video note\'s cover apart from its (empty) image list', () => {
		const video = simplifyNote(
			{ ...sample, type: 'video', images: [{ url: 'http://c/cover.jpg' }], video: { url: 'http://v/1.mp4', duration: '86' } },
			{ noteId: NOTE_ID },
		);
		expect(video).toMatchObject({ type: 'video', imageUrls: [], imageCount: 0, coverUrl: 'http://c/cover.jpg', videoUrl: 'http://v/1.mp4', videoDurationSeconds: 86 });
	});

	it('survives a nearly empty payload: nulls, never zeros or crashes', () => {
		const empty = simplifyNote({ title: '' }, { noteId: NOTE_ID });
		expect(empty).toMatchObject({
			noteId: NOTE_ID,
			url: `https://www.xiaohongshu.com/explore/${NOTE_ID}`,
			xsecToken: null,
			type: null,
			title: '',
			text: null,
			topics: [],
			publishedAt: null,
			region: null,
			authorId: null,
			authorUrl: null,
			likes: null,
			likesText: null,
			imageUrls: [],
			coverUrl: null,
		});
	});

	it('trusts the id it asked for over a malformed one in the payload', () => {
		expect(simplifyNote({ ...sample, note_id: 'NOT-AN-ID' }, { noteId: NOTE_ID }).noteId).toBe(NOTE_ID);
	});

	it('reads an empty ip_location as no region', () => {
		expect(simplifyNote({ ...sample, ip_location: '  ' }, { noteId: NOTE_ID }).region).toBeNull();
	});
});

describe('noteTopics', () => {
	it('takes topic tags and untyped tags, skips other tag types, adds inline topics once each', () => {
		expect(noteTopics([{ name: '旅行', type: 'topic' }, { name: '地点', type: 'location' }, 'plain', { name: '  ' }], '#旅行[话题]# #成都美食[话题]#')).toEqual([
			'旅行',
			'plain',
			'成都美食',
		]);
	});

	it('ignores hashtags that are not topics', () => {
		expect(noteTopics([], '#not a topic# and #好物[话题]#')).toEqual(['好物']);
	});
});

describe('countFields', () => {
	it.each([
		['529', 529, true],
		['3.5万', 35_000, false],
		['1w+', 10_000, false],
		[1234, 1234, true],
		['', null, false],
		[undefined, null, false],
	])('%p -> %p (exact %p)', (raw, value, exact) => {
		expect(countFields(shownCount(raw))).toMatchObject({ value, exact });
	});

	it('renders the text from the range the trigger reads, made well-formed', () => {
		const lone = 'x\uD83D';
		expect(shownCount(lone)).toMatchObject({ value: null, display: 'x\uFFFD' });
		expect(countFields(shownCount(' 3.5万 '))).toEqual({ value: 35_000, text: '3.5万', exact: false });
	});
});

describe('noteCounts', () => {
	it('hands each count on as a range, the output fields showing the same reading', () => {
		const payload = { interact_info: { liked_count: '3.5万', collected_count: '1w+', comment_count: 529, share_count: '12' } };
		const counts = noteCounts(payload);
		expect(counts.likes).toMatchObject({ value: 35_000, min: 34_500, max: 35_500, exact: false });
		expect(counts.collects).toMatchObject({ min: 10_000, max: null, floor: true });
		expect(counts.comments).toMatchObject({ value: 529, exact: true });
		expect(counts.engagement).toMatchObject({ value: 35_000 + 10_000 + 529 + 12, min: 34_500 + 10_000 + 529 + 12, max: null, floor: true });
		const note = simplifyNote(payload, { noteId: NOTE_ID });
		expect([note.likes, note.likesText, note.likesExact]).toEqual([counts.likes.value, counts.likes.display, counts.likes.exact]);
		expect([note.engagement, note.engagementText]).toEqual([counts.engagement.value, counts.engagement.display]);
	});

	it('reads a payload without counts as four hidden counts', () => {
		const counts = noteCounts({});
		expect(Object.values(counts).every((count) => count.value === null)).toBe(true);
		expect(noteCounts(null as never).likes.value).toBeNull();
	});
});

describe('pickFields', () => {
	it('brings a count\'s Text and Exact companions along, and skips unknown names', () => {
		const note = simplifyNote(sample, { noteId: NOTE_ID });
		expect(pickFields(note as unknown as Record<string, unknown>, ['title', 'likes', 'nope'])).toEqual({
			title: '秋天的第一杯奶茶',
			likes: 35_000,
			likesText: '3.5万',
			likesExact: false,
		});
	});
});
