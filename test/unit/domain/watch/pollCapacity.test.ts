import {
	ANSWER_ALLOWANCE_MS,
	callsPerPoll,
	callsThatFit,
	coverage,
	coverageText,
	LEGACY_POLL_BUDGET_MS,
	pollOrder,
	pollTimeBudgetMs,
} from '../../../../nodes/Xiaohongshu/domain/watch/pollCapacity';
import { CallSchedule, spacingMsFor } from '../../../../nodes/Xiaohongshu/transport/pacing';

const MINUTE = 60_000;
/** What n8n 2.40.7's durable scheduler hands a poll at its defaults: 45 s timeout less its 9 s margin. */
const DURABLE_DEFAULT_BUDGET = 36_000;
const FREE_SPACING = spacingMsFor(5);
/** The Free plan on a key whose limiter refuses bursts: one call every 12.3 s. */
const FREE_SPACED = { spacingMs: FREE_SPACING };
/** The Free plan where bursts go through: five calls at once, five more a window (with its margin) later. */
const FREE_WINDOW = { spacingMs: FREE_SPACING, perWindow: 5, windowSpanMs: 61_000 };

/** Start times an evenly paced, free schedule gives the next `count` calls from `now`. */
function evenStarts(count: number, now: number, spacing: number): number[] {
	return Array.from({ length: count }, (_, i) => now + i * spacing);
}

describe('poll time budget', () => {
	it("takes n8n's budget, capped to a share of the time between polls", () => {
		expect(pollTimeBudgetMs(DURABLE_DEFAULT_BUDGET, MINUTE)).toBe(DURABLE_DEFAULT_BUDGET);
		// The legacy poller's 5 minutes would let a poll every minute run into the next four.
		expect(pollTimeBudgetMs(LEGACY_POLL_BUDGET_MS, MINUTE)).toBe(36_000);
		expect(pollTimeBudgetMs(LEGACY_POLL_BUDGET_MS, 60 * MINUTE)).toBe(LEGACY_POLL_BUDGET_MS);
	});

	it('falls back to the legacy 5 minutes where n8n does not tell (1.x), and reads an unknown spacing as a minute', () => {
		expect(pollTimeBudgetMs(null, 60 * MINUTE)).toBe(LEGACY_POLL_BUDGET_MS);
		expect(pollTimeBudgetMs(null, null)).toBe(36_000);
		expect(pollTimeBudgetMs(Number.NaN, 60 * MINUTE)).toBe(LEGACY_POLL_BUDGET_MS);
		expect(pollTimeBudgetMs(-1, 60 * MINUTE)).toBe(LEGACY_POLL_BUDGET_MS);
	});
});

describe('calls that fit a poll', () => {
	it('a budget smaller than one call: nothing is fetched (the credit would be paid for and thrown away)', () => {
		const now = 1_000_000;
		expect(callsThatFit(evenStarts(12, now, FREE_SPACING), now + ANSWER_ALLOWANCE_MS - 1)).toBe(0);
		expect(callsPerPoll(ANSWER_ALLOWANCE_MS - 1, FREE_SPACED)).toBe(0);
		const c = coverage(12, 0, MINUTE);
		expect(c.pollsToCover).toBe(Number.POSITIVE_INFINITY);
		expect(coverageText(c, 5, ANSWER_ALLOWANCE_MS - 1)).toContain('too little for even one call');
	});

	it('exactly one call: the first answer fits, the second call would start too late', () => {
		const now = 1_000_000;
		const deadline = now + ANSWER_ALLOWANCE_MS;
		expect(callsThatFit(evenStarts(12, now, FREE_SPACING), deadline)).toBe(1);
		// One millisecond short of the second call's answer, still one.
		expect(callsThatFit(evenStarts(12, now, FREE_SPACING), now + FREE_SPACING + ANSWER_ALLOWANCE_MS - 1)).toBe(1);
		expect(callsThatFit(evenStarts(12, now, FREE_SPACING), now + FREE_SPACING + ANSWER_ALLOWANCE_MS)).toBe(2);
		expect(callsPerPoll(ANSWER_ALLOWANCE_MS, FREE_SPACED)).toBe(1);
		expect(callsPerPoll(FREE_SPACING + ANSWER_ALLOWANCE_MS - 1, FREE_SPACED)).toBe(1);
	});

	it('uses the start times the schedule really gives: calls still queued from before push this poll back', () => {
		const now = 1_000_000;
		expect(callsThatFit(evenStarts(12, now, FREE_SPACING), now + DURABLE_DEFAULT_BUDGET)).toBe(3);
		// The key's next free slot is 20 s away (another workflow's calls): only one of ours fits.
		expect(callsThatFit(evenStarts(12, now + 20_000, FREE_SPACING), now + DURABLE_DEFAULT_BUDGET)).toBe(1);
		expect(callsThatFit([], now + DURABLE_DEFAULT_BUDGET)).toBe(0);
	});

	it('the Free plan in the durable default, spaced: 3 calls a poll, 12 notes covered every 4 minutes', () => {
		const perPoll = callsPerPoll(DURABLE_DEFAULT_BUDGET, FREE_SPACED);
		expect(perPoll).toBe(3);
		const c = coverage(12, perPoll, MINUTE);
		expect(c).toEqual({ entries: 12, perPoll: 3, fitsOnePoll: false, pollsToCover: 4, coveredEveryMs: 4 * MINUTE });
		expect(coverageText(c, 5, DURABLE_DEFAULT_BUDGET)).toBe(
			"This list cannot be polled as often as asked: at your plan's 5 requests per minute one poll (36 s) fetches 3 of the 12 entries, so each entry is fetched about every 4 min (4 polls). Watch fewer entries or choose a faster plan.",
		);
		expect(coverageText(coverage(3, perPoll, MINUTE), 5, DURABLE_DEFAULT_BUDGET)).toBeNull();
	});
});

describe('calls that fit a poll where bursts go through', () => {
	it("the Free plan in the durable default: the window's 5 calls at once, 12 notes covered every 3 minutes", () => {
		const perPoll = callsPerPoll(DURABLE_DEFAULT_BUDGET, FREE_WINDOW);
		expect(perPoll).toBe(5);
		expect(coverage(12, perPoll, MINUTE)).toEqual({ entries: 12, perPoll: 5, fitsOnePoll: false, pollsToCover: 3, coveredEveryMs: 3 * MINUTE });
	});

	it('a second window fits only when its calls can answer by the deadline too', () => {
		expect(callsPerPoll(ANSWER_ALLOWANCE_MS - 1, FREE_WINDOW)).toBe(0);
		expect(callsPerPoll(61_000 + ANSWER_ALLOWANCE_MS - 1, FREE_WINDOW)).toBe(5);
		expect(callsPerPoll(61_000 + ANSWER_ALLOWANCE_MS, FREE_WINDOW)).toBe(10);
		expect(callsPerPoll(LEGACY_POLL_BUDGET_MS, FREE_WINDOW)).toBe(25);
	});

	it('agrees with the start times a free schedule really projects, bursting and spaced', () => {
		const now = 1_000_000;
		const bursting = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		// What a process knows once the key answered its probe.
		bursting.answered(now, true);
		const pace = { spacingMs: bursting.spacingMs, perWindow: bursting.windowBudget, windowSpanMs: bursting.windowSpanMs };
		for (const budget of [ANSWER_ALLOWANCE_MS, DURABLE_DEFAULT_BUDGET, 61_000 + ANSWER_ALLOWANCE_MS, LEGACY_POLL_BUDGET_MS]) {
			expect(callsThatFit(bursting.projectedStartTimes(40, now), now + budget)).toBe(callsPerPoll(budget, pace));
		}
		const spaced = new CallSchedule({ requestsPerMinute: 5, processes: 1 });
		spaced.rateLimited(now - 1, now, true);
		for (const budget of [ANSWER_ALLOWANCE_MS, DURABLE_DEFAULT_BUDGET, LEGACY_POLL_BUDGET_MS]) {
			const at = now + spaced.spacingMs;
			expect(callsThatFit(spaced.projectedStartTimes(40, at), at + budget)).toBe(callsPerPoll(budget, { spacingMs: spaced.spacingMs }));
		}
	});
});

describe('poll order', () => {
	it('a list that takes ten polls to cover: each entry once in ten polls, none starves, then round again', () => {
		const keys = Array.from({ length: 30 }, (_, i) => `note:${i}`);
		const lastFetch = new Map<string, number | null>(keys.map((k) => [k, null]));
		const perPoll = 3;
		expect(coverage(keys.length, perPoll, MINUTE).pollsToCover).toBe(10);
		const fetchedIn: string[][] = [];
		for (let poll = 0; poll < 20; poll++) {
			const at = 1_000_000 + poll * MINUTE;
			const order = pollOrder(keys.map((key) => ({ key, lastFetchAt: lastFetch.get(key) ?? null })));
			const turn = order.slice(0, perPoll).map((c) => c.key);
			for (const key of turn) lastFetch.set(key, at);
			fetchedIn.push(turn);
		}
		const firstTen = fetchedIn.slice(0, 10).flat();
		expect(new Set(firstTen).size).toBe(30);
		expect(firstTen).toEqual(keys);
		// The second round repeats the first: every entry exactly once per ten polls.
		expect(fetchedIn.slice(10)).toEqual(fetchedIn.slice(0, 10));
	});

	it('an entry left out moves ahead of those fetched since, whatever its place in the list', () => {
		const order = pollOrder([
			{ key: 'a', lastFetchAt: 300 },
			{ key: 'b', lastFetchAt: 100 },
			{ key: 'c', lastFetchAt: null },
			{ key: 'd', lastFetchAt: 200 },
			{ key: 'e', lastFetchAt: null },
		]);
		expect(order.map((c) => c.key)).toEqual(['c', 'e', 'b', 'd', 'a']);
	});
});
