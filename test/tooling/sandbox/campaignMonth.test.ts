import { startSandbox } from '../../../tooling/sandbox/index';
import type { Sandbox } from '../../../tooling/sandbox/index';
import { CAMPAIGN_MONTH_START, campaignMonthCatalogue, campaignMonthCreators, campaignMonthNotes } from '../../../tooling/sandbox/campaignMonth';
import { curveValue } from '../../../tooling/sandbox/curves';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ fixtures: campaignMonthCatalogue(), clockStartMs: CAMPAIGN_MONTH_START });
});
afterAll(async () => sandbox.close());

describe('campaign month fixture', () => {
	const notes = campaignMonthNotes();

	it('holds 30 notes (10 campaign, 18 flat, 2 viral) and 5 creators, ids dated by their publish time', () => {
		expect(notes.map((n) => n.kind).sort()).toEqual([
			...Array(10).fill('campaign'),
			...Array(18).fill('flat'),
			...Array(2).fill('viral'),
		]);
		expect(campaignMonthCreators()).toHaveLength(5);
		const campaign = notes.filter((n) => n.kind === 'campaign');
		for (const n of campaign) expect(parseInt(n.note.noteId.slice(0, 8), 16) * 1000).toBe(Math.floor(n.listedAt / 1000) * 1000);
	});

	it('grows a campaign note fast and then flattens it', () => {
		const curve = notes.find((n) => n.kind === 'campaign')!.note.curve!;
		const at = curve.surges[0].at;
		const firstDay = curveValue(curve, at + DAY) - curveValue(curve, at);
		const fifthDay = curveValue(curve, at + 5 * DAY) - curveValue(curve, at + 4 * DAY);
		expect(firstDay).toBeGreaterThan(50 * fifthDay);
	});

	it('keeps a viral note flat until late in the month, then surges', () => {
		const viral = notes.find((n) => n.kind === 'viral')!.note;
		const surge = viral.curve!.surges[0];
		expect(surge.at - CAMPAIGN_MONTH_START).toBeGreaterThan(15 * DAY);
		const before = curveValue(viral.curve!, surge.at) - curveValue(viral.curve!, surge.at - 5 * DAY);
		const after = curveValue(viral.curve!, surge.at + DAY) - curveValue(viral.curve!, surge.at);
		expect(before).toBeLessThan(30);
		expect(after).toBeGreaterThan(10_000);
	});

	it('serves the curves on the virtual clock, the other counts following the likes', () => {
		const viral = notes.find((n) => n.kind === 'viral')!.note;
		const surgeAt = viral.curve!.surges[0].at;
		sandbox.clock.set(surgeAt);
		const flat = sandbox.notes.value(viral.noteId, 'liked')!;
		sandbox.clock.set(surgeAt + 2 * DAY);
		const grown = sandbox.notes.value(viral.noteId, 'liked')!;
		expect(grown - flat).toBeGreaterThan(20_000);
		expect(sandbox.notes.value(viral.noteId, 'collected')).toBe(Math.floor(curveValue(viral.curve!, surgeAt + 2 * DAY) * 0.35));
		expect(sandbox.notes.interactInfo(viral.noteId).liked_count).toMatch(/万$/);
	});
});
