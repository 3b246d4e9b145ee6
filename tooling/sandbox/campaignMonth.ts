/**
 * A month of a marketer's watch list on the virtual clock, as a fixture: 30 notes and 5
 * creators whose counts follow engagement curves (see curves.ts).
 * - 10 campaign notes, published during the month (each joins the watch list when it is
 *   published), that grow fast for a day or two and then flatten;
 * - 18 old notes that barely move;
 * - 2 old notes that go viral late in the month;
 * - 5 creators growing slowly, one of them surging with the second viral note.
 * Everything is derived from fixed numbers, so a run replays exactly.
 */
import type { EngagementCurve } from './curves';
import { objectId, xsecToken } from './fixtureBuilders';
import { FIXTURES, type Catalogue, type NoteFixture, type UserFixture } from './fixtures';

/** The month starts here on the virtual clock (a Monday, 1 March 2027, UTC). */
export const CAMPAIGN_MONTH_START = Date.UTC(2027, 2, 1);
export const CAMPAIGN_MONTH_HOURS = 30 * 24;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface WatchedNote {
	note: NoteFixture;
	/** When it joins the watch list (its publish time for campaign notes, the start otherwise). */
	listedAt: number;
	kind: 'campaign' | 'flat' | 'viral';
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function curveNote(name: string, publishedAt: number, curve: EngagementCurve): NoteFixture {
	const template = FIXTURES.notes.topics;
	const noteId = objectId(iso(publishedAt), `campaign-month:${name}`);
	const time = parseInt(noteId.slice(0, 8), 16) * 1000;
	return {
		...template,
		noteId,
		xsecToken: xsecToken('CB', `campaign-month:${name}`),
		time,
		lastUpdateTime: time + 7 * 60_000,
		title: `Campaign month: ${name}`,
		counts: { liked: curve.base, collected: 0, comment: 0, share: 0 },
		curve,
		covers: 'month-long engagement curve',
	};
}

/** Campaign notes: [day published, likes it ends with, hours to 63% of them]. */
const CAMPAIGN: Array<[number, number, number]> = [
	[0.4, 6_000, 14],
	[2.3, 1_800, 10],
	[4.6, 12_000, 20],
	[6.2, 900, 8],
	[9.5, 3_500, 16],
	[12.1, 25_000, 24],
	[15.7, 2_400, 12],
	[18.3, 7_500, 18],
	[21.8, 1_200, 9],
	[24.4, 4_800, 15],
];

/** Old notes: [days old at the start, likes then, likes per hour]. */
const FLAT: Array<[number, number, number]> = [
	[35, 1_450, 0.3], [48, 320, 0.05], [61, 8_700, 0.8], [75, 2_300, 0.2], [90, 56, 0], [104, 41_000, 1.5],
	[121, 760, 0.1], [140, 13_200, 0.6], [160, 3_900, 0.25], [185, 180, 0.02], [210, 99_000, 2], [240, 5_100, 0.3],
	[265, 640, 0.04], [290, 21_500, 0.9], [310, 1_050, 0.08], [335, 7_300, 0.4], [360, 410, 0], [390, 15_800, 0.7],
];

/** Viral late: [days old at the start, likes then, day the surge starts, likes it adds, hours]. */
const VIRAL: Array<[number, number, number, number, number]> = [
	[64, 380, 17.3, 25_000, 14],
	[205, 2_100, 25.6, 60_000, 20],
];

export function campaignMonthNotes(start = CAMPAIGN_MONTH_START): WatchedNote[] {
	const notes: WatchedNote[] = [];
	CAMPAIGN.forEach(([day, amount, hours], i) => {
		const at = start + Math.round(day * DAY);
		notes.push({
			kind: 'campaign',
			listedAt: at,
			note: curveNote(`campaign ${i + 1}`, at, { base: 0, perHour: 0.5, since: at, surges: [{ at, amount, hours }] }),
		});
	});
	FLAT.forEach(([age, likes, perHour], i) => {
		notes.push({
			kind: 'flat',
			listedAt: start,
			note: curveNote(`old ${i + 1}`, start - age * DAY, { base: likes, perHour, since: start, surges: [] }),
		});
	});
	VIRAL.forEach(([age, likes, day, amount, hours], i) => {
		notes.push({
			kind: 'viral',
			listedAt: start,
			note: curveNote(`viral ${i + 1}`, start - age * DAY, {
				base: likes,
				perHour: 0.2,
				since: start,
				surges: [{ at: start + Math.round(day * DAY), amount, hours }],
			}),
		});
	});
	return notes;
}

/** Creators: [followers at the start, followers per hour, surge (day, followers, hours) or null]. */
const CREATORS: Array<[number, number, [number, number, number] | null]> = [
	[1_240, 0.4, null],
	[18_600, 3, null],
	[86_000, 9, null],
	[251_000, 20, null],
	[9_800, 1.2, [25.8, 8_000, 24]],
];

export function campaignMonthCreators(start = CAMPAIGN_MONTH_START): UserFixture[] {
	const template = FIXTURES.users.femaleCreator;
	return CREATORS.map(([fans, perHour, surge], i) => {
		const label = `campaign-month:creator ${i + 1}`;
		return {
			...template,
			userId: objectId(iso(start - (400 + i * 90) * DAY), label),
			nickname: `Creator ${i + 1}`,
			redId: String(9_100_000_000 + i),
			counts: { fans, follows: 120 + i, interaction: fans * 4 },
			curve: {
				base: fans,
				perHour,
				since: start,
				surges: surge ? [{ at: start + Math.round(surge[0] * DAY), amount: surge[1], hours: surge[2] }] : [],
			},
			covers: 'month-long follower curve',
		};
	});
}

/** The default catalogue plus the month's notes and creators. */
export function campaignMonthCatalogue(start = CAMPAIGN_MONTH_START): Catalogue {
	const notes = Object.fromEntries(campaignMonthNotes(start).map((w, i) => [`campaignMonth${i}`, w.note]));
	const users = Object.fromEntries(campaignMonthCreators(start).map((u, i) => [`campaignMonthCreator${i}`, u]));
	return { ...FIXTURES, notes: { ...FIXTURES.notes, ...notes }, users: { ...FIXTURES.users, ...users } };
}
