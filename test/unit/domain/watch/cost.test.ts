import { planAllowance, pollsPerMonth, pollTimesLabel, watchCost } from '../../../../nodes/Xiaohongshu/domain/watch/cost';

const hobby = planAllowance('hobby');
const developer = planAllowance('developer');

describe('cost', () => {
	it('counts polls a month from n8n poll times', () => {
		expect(pollsPerMonth({ item: [{ mode: 'everyMinute' }] })).toBe(43_200);
		expect(pollsPerMonth({ item: [{ mode: 'everyHour' }] })).toBe(720);
		expect(pollsPerMonth({ item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] })).toBe(2_880);
		expect(pollsPerMonth({ item: [{ mode: 'everyX', value: 6, unit: 'hours' }, { mode: 'everyDay' }] })).toBe(150);
		expect(pollsPerMonth({ item: [{ mode: 'custom', cronExpression: '* * * * *' }] })).toBeNull();
		expect(pollsPerMonth({})).toBeNull();
	});

	it('names the Poll Times in words when there is one', () => {
		expect(pollTimesLabel({ item: [{ mode: 'everyHour' }] })).toBe('every hour');
		expect(pollTimesLabel({ item: [{ mode: 'everyX', value: 6, unit: 'hours' }] })).toBe('every 6 hours');
		expect(pollTimesLabel({ item: [{ mode: 'everyX', value: 1, unit: 'minutes' }] })).toBe('every minute');
		expect(pollTimesLabel({ item: [{ mode: 'everyHour' }, { mode: 'everyDay' }] })).toBe('at these Poll Times');
		expect(pollTimesLabel({ item: [{ mode: 'custom', cronExpression: '0 9 * * *' }] })).toBe('at these Poll Times');
	});

	it('states credits per poll and per month', () => {
		const cost = watchCost({ entries: 3, requestsPerMinute: 5, monthlyPolls: 720, pollTimes: 'every hour' });
		expect(cost).toMatchObject({ callsPerPoll: 3, neededPerMonth: 2_160, creditsPerMonth: 2_160, slowerThanAMinute: false, planCredits: null, overPlan: false });
		expect(cost.monthlyText).toBe('Watching 3 entries every hour costs about 2,160 credits a month.');
		expect(cost.text).toBe('Each poll fetches 3 entries and costs 3 credits. Watching 3 entries every hour costs about 2,160 credits a month.');
	});

	it('counts short links not opened yet and says so', () => {
		const cost = watchCost({ entries: 3, unopenedShortLinks: 2, requestsPerMinute: 5, monthlyPolls: 720, pollTimes: 'every hour' });
		expect(cost.monthlyText).toBe(
			'Watching 3 entries (2 short links not opened yet, counted as one entry each) every hour costs about 2,160 credits a month.',
		);
	});

	it('states what the budget caps and what the plan allows together (issue 25: hourly, budget 1,000, Developer)', () => {
		const cost = watchCost({ entries: 3, requestsPerMinute: 250, monthlyPolls: 720, pollTimes: 'every hour', creditBudget: 1_000, plan: developer });
		expect(cost).toMatchObject({ neededPerMonth: 2_160, creditsPerMonth: 1_000, cappedByBudget: true, planCredits: 5_000, overPlan: false });
		expect(cost.monthlyText).toBe(
			'The Credit Budget caps watching 3 entries at 1,000 credits a month; every hour would need 2,160. That fits your Developer plan (5,000 credits a month).',
		);
		expect(cost.monthlyText).not.toMatch(/more than|Poll less often/);
	});

	it('a budget above the need caps nothing; a budget above the plan is over the plan', () => {
		const within = watchCost({ entries: 1, requestsPerMinute: 20, monthlyPolls: 720, pollTimes: 'every hour', creditBudget: 1_000, plan: hobby });
		expect(within).toMatchObject({ creditsPerMonth: 720, cappedByBudget: false, overPlan: false });
		expect(within.monthlyText).toBe('Watching 1 entry every hour costs about 720 credits a month, within the Credit Budget of 1,000. That fits your Hobby plan (1,000 credits a month).');
		const over = watchCost({ entries: 5, requestsPerMinute: 20, monthlyPolls: 720, pollTimes: 'every hour', creditBudget: 3_000, plan: hobby });
		expect(over).toMatchObject({ creditsPerMonth: 3_000, overPlan: true });
		expect(over.monthlyText).toContain('The Credit Budget caps watching 5 entries at 3,000 credits a month; every hour would need 3,600.');
		expect(over.monthlyText).toContain('That is more than the 1,000 credits a month of your Hobby plan: they would be used up in about 10 days. Lower the Credit Budget to 1,000 or less.');
	});

	it("says plainly when a month costs more than the plan's credits, how soon they would be gone, and an interval that fits", () => {
		const free = watchCost({ entries: 2, requestsPerMinute: 5, monthlyPolls: 43_200, pollTimes: 'every minute', plan: planAllowance('free') });
		expect(free).toMatchObject({ creditsPerMonth: 86_400, planCredits: 100, overPlan: true });
		expect(free.monthlyText).toBe(
			'Watching 2 entries every minute costs about 86,400 credits a month. That is more than the 100 credits a month of your Free plan: they would be used up in about 50 minutes. Set Credit Budget to 100 or less, or poll less often (every day costs about 60).',
		);
		// Hourly already: the advice is not "Every Hour" again.
		const hourly = watchCost({ entries: 2, requestsPerMinute: 20, monthlyPolls: 720, plan: hobby });
		expect(hourly).toMatchObject({ creditsPerMonth: 1_440, overPlan: true });
		expect(hourly.monthlyText).toMatch(/used up in about 21 days\. Set Credit Budget to 1,000 or less, or poll less often \(every day costs about 60\)\.$/);
		expect(watchCost({ entries: 1, requestsPerMinute: 5, monthlyPolls: 30, plan: planAllowance('free') })).toMatchObject({ overPlan: false });
		expect(watchCost({ entries: 100, requestsPerMinute: 60, monthlyPolls: 43_200, plan: planAllowance('custom') })).toMatchObject({ planCredits: null, overPlan: false });
		expect(watchCost({ entries: 100, requestsPerMinute: 60, monthlyPolls: 720, plan: planAllowance('custom', 50_000) })).toMatchObject({ planCredits: 50_000, overPlan: true });
		expect(watchCost({ entries: 2, requestsPerMinute: 5, monthlyPolls: null, plan: planAllowance('free') })).toMatchObject({ overPlan: false });
	});

	it('with a custom schedule, states the cost of a poll and what the budget caps', () => {
		const cost = watchCost({ entries: 2, requestsPerMinute: 5, monthlyPolls: null, creditBudget: 500, plan: hobby });
		expect(cost).toMatchObject({ neededPerMonth: null, creditsPerMonth: 500, overPlan: false });
		expect(cost.monthlyText).toBe(
			'Each poll fetches 2 entries and costs 2 credits; how many polls a month cannot be told from these Poll Times (a custom schedule). The Credit Budget caps it at 500 credits a month. That fits your Hobby plan (1,000 credits a month).',
		);
	});

	it('adds the sentences another check gives after the verdict', () => {
		const cost = watchCost({ entries: 1, requestsPerMinute: 5, monthlyPolls: 30, extra: ['n8n polls it less often than asked.'] });
		expect(cost.monthlyText).toBe('Watching 1 entry at these Poll Times costs about 30 credits a month. n8n polls it less often than asked.');
	});

	it('warns when one poll cannot finish within a minute at the plan rate', () => {
		expect(watchCost({ entries: 5, requestsPerMinute: 5, monthlyPolls: null }).slowerThanAMinute).toBe(false); // 4 waits of 12 s
		const slow = watchCost({ entries: 7, requestsPerMinute: 5, monthlyPolls: null }); // 6 waits of 12 s
		expect(slow).toMatchObject({ secondsPerPoll: 72, slowerThanAMinute: true });
		expect(slow.text).toMatch(/longer than a minute/);
		expect(watchCost({ entries: 200, requestsPerMinute: 250, monthlyPolls: null }).slowerThanAMinute).toBe(false);
	});
});
