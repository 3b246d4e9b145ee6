import { approximateCount } from '../../../tooling/sandbox/displayCount';
import { FIXTURES, renderCount, SANDBOX_EPOCH_MS, startSandbox, type Sandbox } from '../../../tooling/sandbox/index';
import { call, noteParams } from '../../../tooling/sandbox/testClient';

const HOUR = 3_600_000;
const { notes, users } = FIXTURES;

async function interact(sandbox: Sandbox, n: { noteId: string; xsecToken: string }) {
	const res = await call(sandbox, 'get_note_detail', noteParams(n));
	return res.json.data.interact_info as Record<string, string>;
}

describe('count rendering', () => {
	it.each([
		[0, '0'],
		[529, '529'],
		[9_999, '9999'],
		[10_000, '1万'],
		[35_123, '3.5万'],
		[34_950, '3.5万'],
		[99_999, '10万'],
		[1_234_567, '123.5万'],
		[123_456_789, '1.2亿'],
		[100_000_000, '1亿'],
	])('%d renders as %s', (value, display) => {
		expect(renderCount(value)).toBe(display);
	});

	it.each([
		['3.5万', 35_000],
		['2.3w', 23_000],
		['1.5千', 1_500],
		['3k', 3_000],
		['1.2亿', 120_000_000],
		['10万+', 100_000],
		['1,234', 1_234],
		['', 0],
	])('approximates %s as %d', (display, value) => {
		expect(approximateCount(display)).toBe(value);
	});
});

describe('sandbox engagement drift', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: 42 });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('starts the virtual clock at SANDBOX_EPOCH_MS and moves it only when told', async () => {
		expect(sandbox.clock.now()).toBe(SANDBOX_EPOCH_MS);
		await new Promise((r) => setTimeout(r, 20));
		expect(sandbox.clock.now()).toBe(SANDBOX_EPOCH_MS);
		sandbox.clock.advance(HOUR);
		expect(sandbox.clock.now()).toBe(SANDBOX_EPOCH_MS + HOUR);
		sandbox.clock.set(SANDBOX_EPOCH_MS + 5 * HOUR);
		expect(sandbox.clock.now()).toBe(SANDBOX_EPOCH_MS + 5 * HOUR);
		expect(() => sandbox.clock.advance(-1)).toThrow(RangeError);
	});

	it('grows numeric counts with the virtual clock and renders them the way the site does', async () => {
		const n = notes.singleImage;
		const before = sandbox.notes.value(n.noteId, 'liked')!;
		expect(await interact(sandbox, n)).toMatchObject({ liked_count: '86' });
		sandbox.clock.advance(24 * HOUR);
		const after = sandbox.notes.value(n.noteId, 'liked')!;
		expect(after).toBeGreaterThan(before);
		expect((await interact(sandbox, n)).liked_count).toBe(String(after));
		// Big notes cross into 万 as they grow.
		sandbox.notes.setCounts(n.noteId, { liked: 9_990 });
		sandbox.notes.setGrowth(n.noteId, { liked: 100 });
		sandbox.clock.advance(HOUR);
		expect((await interact(sandbox, n)).liked_count).toBe('1万');
	});

	it('never moves literal display counts', async () => {
		sandbox.clock.advance(1000 * HOUR);
		expect(await interact(sandbox, notes.countsFloor)).toEqual({ liked_count: '10万+', collected_count: '1w+', comment_count: '10+', share_count: '1,234' });
		expect(await interact(sandbox, notes.countsHidden)).toEqual({ liked_count: '', comment_count: '' });
	});

	it('setCounts overrides with numbers (rendered), strings (verbatim) and null (key removed)', async () => {
		const n = notes.topics;
		sandbox.notes.setCounts(n.noteId, { liked: 35_123, collected: '1w+', share: null });
		expect(await interact(sandbox, n)).toEqual({ liked_count: '3.5万', collected_count: '1w+', comment_count: '456' });
	});

	it('a spike appears at its virtual time, not before', async () => {
		const n = notes.manyImages;
		sandbox.notes.setGrowth(n.noteId, { liked: 0 });
		sandbox.notes.scheduleSpike(n.noteId, { at: SANDBOX_EPOCH_MS + 2 * HOUR, metric: 'liked', amount: 50_000 });
		sandbox.clock.advance(HOUR);
		expect((await interact(sandbox, n)).liked_count).toBe('2227');
		sandbox.clock.advance(HOUR);
		expect((await interact(sandbox, n)).liked_count).toBe('5.2万');
	});

	it('a spike on a literal count starts from its approximate value', async () => {
		sandbox.notes.scheduleSpike(notes.countsWan.noteId, { at: SANDBOX_EPOCH_MS, metric: 'share', amount: 2_000 });
		expect((await interact(sandbox, notes.countsWan)).share_count).toBe('5000');
	});

	it('users.setCounts changes follower counts', async () => {
		sandbox.users.setCounts(users.guoJiaFeng.userId, { fans: 123_456, follows: '10+' });
		const res = await call(sandbox, 'get_user_profile', { user_id: users.guoJiaFeng.userId });
		expect(res.json.data.profile).toMatchObject({ fans: '12.3万', follows: '10+' });
	});

	it('reset() puts counts, clock and spikes back', async () => {
		sandbox.clock.advance(10 * HOUR);
		sandbox.notes.setCounts(notes.singleImage.noteId, { liked: 1 });
		sandbox.reset();
		expect(sandbox.clock.now()).toBe(SANDBOX_EPOCH_MS);
		expect((await interact(sandbox, notes.singleImage)).liked_count).toBe('86');
	});
});

describe('sandbox determinism', () => {
	async function trajectory(seed: number): Promise<string[]> {
		const sandbox = await startSandbox({ seed });
		try {
			const out: string[] = [];
			for (let step = 0; step < 3; step++) {
				sandbox.clock.advance(6 * HOUR);
				for (const n of [notes.videoSample, notes.singleImage, notes.countsHuge]) out.push(JSON.stringify(sandbox.notes.interactInfo(n.noteId)));
			}
			const res = await call(sandbox, 'get_note_detail', noteParams(notes.videoSample));
			out.push(res.text);
			return out;
		} finally {
			await sandbox.close();
		}
	}

	it('replays the same counts for the same seed and different ones for another seed', async () => {
		const a = await trajectory(7);
		const b = await trajectory(7);
		const c = await trajectory(8);
		expect(b).toEqual(a);
		expect(c).not.toEqual(a);
	});
});
