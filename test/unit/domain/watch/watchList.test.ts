import { FIXTURES } from '../../../../tooling/sandbox/fixtures';
import { fingerprintOf, parseWatchList, readWatchList, watchLines } from '../../../../nodes/Xiaohongshu/domain/watch/watchList';

const { singleImage, topics } = FIXTURES.notes;
const link = (n: { noteId: string; xsecToken: string }) =>
	`https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}`;

describe('readWatchList', () => {
	it('keeps one target per note, in list order, and reports unusable lines with their numbers', () => {
		const text = [
			link(singleImage),
			'',
			`看看这个 ${link(singleImage)} 复制本条信息，打开【小红书】App查看精彩内容！`,
			'hello',
			`${topics.noteId} ${topics.xsecToken}`,
			`https://www.xiaohongshu.com/explore/${topics.noteId}`,
		].join('\r\n');
		const list = readWatchList(parseWatchList('note', text));
		expect(list.targets.map((t) => [t.key, t.lineNumber])).toEqual([
			[`note:${singleImage.noteId}`, 1],
			[`note:${topics.noteId}`, 5],
		]);
		expect(list.duplicates).toBe(1);
		expect(list.invalid.map((i) => i.lineNumber)).toEqual([4, 6]);
		expect(list.invalid[1].message).toMatch(/xsec_token/);
	});

	it('returns short links to resolve, then reads their targets', () => {
		const short = 'http://xhslink.com/a/Bc7XyZ1qWe';
		const pending = readWatchList(parseWatchList('note', short));
		expect(pending.targets).toEqual([]);
		expect(pending.pendingShortLinks).toEqual([{ url: short, line: short, lineNumber: 1 }]);
		const resolved = readWatchList(parseWatchList('note', `${short}\n${link(singleImage)}`), { [short]: link(singleImage) });
		expect(resolved.pendingShortLinks).toEqual([]);
		expect(resolved.targets.map((t) => t.id)).toEqual([singleImage.noteId]);
		expect(resolved.duplicates).toBe(1);
		expect(resolved.shortLinks).toEqual([short]);
	});

	it('reads creators from profile links and ids', () => {
		const userId = FIXTURES.users.femaleCreator.userId;
		const list = readWatchList(parseWatchList('creator', `https://www.xiaohongshu.com/user/profile/${userId}?xsec_source=pc_note\n${userId}`));
		expect(list.targets.map((t) => t.key)).toEqual([`creator:${userId}`]);
		expect(list.duplicates).toBe(1);
	});

	it('reads a list from its parsed lines: the text is parsed once, by parseWatchList', () => {
		const short = 'http://xhslink.com/a/Bc7XyZ1qWe';
		const parsed = parseWatchList('note', [short, link(singleImage), link(topics), 'hello'].join('\n'));
		expect(parsed.lines.map((l) => [l.lineNumber, l.parsed.type])).toEqual([
			[1, 'shortLink'],
			[2, 'note'],
			[3, 'note'],
			[4, 'invalid'],
		]);
		expect(parsed.shortLinks).toEqual([{ url: short, line: short, lineNumber: 1 }]);
		// The lines' text replaced: a reader that parsed it again would find no note at all.
		const readingsOnly = { ...parsed, lines: parsed.lines.map((l) => ({ ...l, line: `line ${l.lineNumber}` })) };
		const before = readWatchList(readingsOnly);
		expect(before.targets.map((t) => t.id)).toEqual([singleImage.noteId, topics.noteId]);
		expect(before.pendingShortLinks.map((s) => s.url)).toEqual([short]);
		const after = readWatchList(readingsOnly, { [short]: link(topics) });
		expect(after.targets.map((t) => [t.id, t.lineNumber])).toEqual([
			[topics.noteId, 1],
			[singleImage.noteId, 2],
		]);
		expect(after.duplicates).toBe(1);
		expect(after.pendingShortLinks).toEqual([]);
		expect(after.invalid.map((i) => i.lineNumber)).toEqual([4]);
	});

	it('fingerprints lines stably', () => {
		expect(fingerprintOf('a')).toBe(fingerprintOf('a'));
		expect(fingerprintOf('a')).not.toBe(fingerprintOf('b'));
		expect(watchLines('  x \n\n y')).toEqual([
			{ line: 'x', lineNumber: 1 },
			{ line: 'y', lineNumber: 3 },
		]);
	});
});
