import { FIXTURES } from '../../../../tooling/sandbox/fixtures';
import * as noteInput from '../../../../nodes/Xiaohongshu/domain/links/noteInput';
import { fingerprintOf, parseWatchList, readWatchList, watchLines } from '../../../../nodes/Xiaohongshu/domain/watch/watchList';
import { pollsPerMonth, watchCost } from '../../../../nodes/Xiaohongshu/domain/watch/cost';
import { parseMilestones } from '../../../../nodes/Xiaohongshu/trigger/settings';

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

	it('parses each line once, also when its short link is resolved afterwards', () => {
		const short = 'http://xhslink.com/a/Bc7XyZ1qWe';
		const lines = [short, link(singleImage), link(topics), 'hello'];
		const parse = jest.spyOn(noteInput, 'parseNoteInput');
		try {
			const parsed = parseWatchList('note', lines.join('\n'));
			expect(parsed.shortLinks).toEqual([{ url: short, line: short, lineNumber: 1 }]);
			const list = readWatchList(parsed, { [short]: link(topics) });
			expect(list.targets.map((t) => t.id)).toEqual([topics.noteId, singleImage.noteId]);
			expect(parse.mock.calls.map(([text]) => text)).toEqual(lines);
		} finally {
			parse.mockRestore();
		}
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

describe('cost', () => {
	it('counts polls a month from n8n poll times', () => {
		expect(pollsPerMonth({ item: [{ mode: 'everyMinute' }] })).toBe(43_200);
		expect(pollsPerMonth({ item: [{ mode: 'everyHour' }] })).toBe(720);
		expect(pollsPerMonth({ item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] })).toBe(2_880);
		expect(pollsPerMonth({ item: [{ mode: 'everyX', value: 6, unit: 'hours' }, { mode: 'everyDay' }] })).toBe(150);
		expect(pollsPerMonth({ item: [{ mode: 'custom', cronExpression: '* * * * *' }] })).toBeNull();
		expect(pollsPerMonth({})).toBeNull();
	});

	it('states credits per poll and per month', () => {
		const cost = watchCost(3, 5, 720);
		expect(cost).toMatchObject({ callsPerPoll: 3, creditsPerMonth: 2_160, slowerThanAMinute: false, planCredits: null, overPlan: false });
		expect(cost.monthlyText).toBe('Watching 3 entries at these Poll Times costs about 2,160 credits a month.');
		expect(cost.text).toBe('Each poll fetches 3 entries and costs 3 credits. Watching 3 entries at these Poll Times costs about 2,160 credits a month.');
	});

	it("says plainly when a month costs more than the plan's credits, and how soon they would be gone", () => {
		// The Slack example as it shipped: two notes every minute on the Free plan.
		const free = watchCost(2, 5, 43_200, 'free');
		expect(free).toMatchObject({ creditsPerMonth: 86_400, planCredits: 100, overPlan: true });
		expect(free.monthlyText).toBe(
			'Watching 2 entries at these Poll Times costs about 86,400 credits a month. That is more than the 100 credits a month of your Free plan: they would be used up in about 50 minutes. Poll less often (Poll Times, e.g. Every Hour), watch fewer entries, or cap the spend with Credit Budget.',
		);
		expect(watchCost(2, 20, 720, 'hobby')).toMatchObject({ creditsPerMonth: 1_440, overPlan: true });
		expect(watchCost(2, 20, 720, 'hobby').monthlyText).toMatch(/used up in about 21 days/);
		expect(watchCost(1, 5, 30, 'free')).toMatchObject({ overPlan: false });
		expect(watchCost(100, 60, 43_200, 'custom')).toMatchObject({ planCredits: null, overPlan: false });
		expect(watchCost(2, 5, null, 'free')).toMatchObject({ overPlan: false });
	});

	it('warns when one poll cannot finish within a minute at the plan rate', () => {
		expect(watchCost(5, 5, null).slowerThanAMinute).toBe(false); // 4 waits of 12 s
		const slow = watchCost(7, 5, null); // 6 waits of 12 s
		expect(slow).toMatchObject({ secondsPerPoll: 72, slowerThanAMinute: true });
		expect(slow.text).toMatch(/longer than a minute/);
		expect(watchCost(200, 250, null).slowerThanAMinute).toBe(false);
	});
});

describe('parseMilestones', () => {
	it('reads numbers and site units, sorted and once each', () => {
		expect(parseMilestones('10w, 1000，1万 5000; 10000')).toEqual({ milestones: [1000, 5000, 10_000, 100_000], unreadable: [] });
	});

	it('names what it cannot read', () => {
		expect(parseMilestones('1000, lots, 0').unreadable).toEqual(['lots', '0']);
	});
});
