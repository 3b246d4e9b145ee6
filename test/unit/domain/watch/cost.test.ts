import { pollsPerMonth, watchCost } from '../../../../nodes/Xiaohongshu/domain/watch/cost';

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
