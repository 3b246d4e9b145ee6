/**
 * The plans table (domain/plans.ts) feeds every place that states a plan: the credential's
 * options, pacing, the cost estimate, the trigger's notice and its hints. Each consumer is
 * loaded against a changed table, so a consumer that keeps its own copy of a number fails.
 */
import type { INodeProperties, NodeHint } from 'n8n-workflow';

const PLANS_MODULE = '../../../nodes/Xiaohongshu/domain/plans';

/** The real module with its table swapped for `plans`. */
function withPlans<T>(plans: Record<string, { name: string; requestsPerMinute: number; creditsPerMonth: number }>, load: () => T): T {
	let loaded: T | undefined;
	jest.isolateModules(() => {
		jest.doMock(PLANS_MODULE, () => {
			const actual = jest.requireActual(PLANS_MODULE);
			// Rebuild what the module derives from its table, the same way it does.
			const keys = Object.keys(plans);
			return {
				...actual,
				PLANS: plans,
				PUBLISHED_PLANS: keys,
				isPublishedPlan: (plan: unknown) => typeof plan === 'string' && Object.hasOwn(plans, plan),
				planCreditsPerMonth: (plan: unknown, custom?: unknown) =>
					typeof plan === 'string' && Object.hasOwn(plans, plan) ? plans[plan].creditsPerMonth : actual.planCreditsPerMonth(plan, custom),
				planName: (plan: unknown) => (typeof plan === 'string' && Object.hasOwn(plans, plan) ? plans[plan].name : actual.planName(plan)),
				PLAN_OPTIONS: [
					...keys.map((value) => ({
						name: `${plans[value].name} (${actual.formatCount(plans[value].requestsPerMinute)} Requests / Minute, ${actual.formatCount(plans[value].creditsPerMonth)} Credits / Month)`,
						value,
					})),
					{ name: 'Custom', value: 'custom' },
				],
			};
		});
		loaded = load();
	});
	jest.dontMock(PLANS_MODULE);
	return loaded as T;
}

const CHANGED = {
	free: { name: 'Free', requestsPerMinute: 7, creditsPerMonth: 150 },
	hobby: { name: 'Hobby', requestsPerMinute: 30, creditsPerMonth: 1500 },
	developer: { name: 'Developer', requestsPerMinute: 300, creditsPerMonth: 6000 },
};

describe('the plans table', () => {
	it("holds parse.bot's published plans", () => {
		const { PLANS, PLAN_OPTIONS } = jest.requireActual(PLANS_MODULE);
		expect(PLANS).toEqual({
			free: { name: 'Free', requestsPerMinute: 5, creditsPerMonth: 100 },
			hobby: { name: 'Hobby', requestsPerMinute: 20, creditsPerMonth: 1000 },
			developer: { name: 'Developer', requestsPerMinute: 250, creditsPerMonth: 5000 },
		});
		expect(PLAN_OPTIONS).toEqual([
			{ name: 'Free (5 Requests / Minute, 100 Credits / Month)', value: 'free' },
			{ name: 'Hobby (20 Requests / Minute, 1,000 Credits / Month)', value: 'hobby' },
			{ name: 'Developer (250 Requests / Minute, 5,000 Credits / Month)', value: 'developer' },
			{ name: 'Custom', value: 'custom' },
		]);
	});

	it("feeds the credential's Plan options", () => {
		const { ParseXhsApi } = withPlans(CHANGED, () => require('../../../credentials/ParseXhsApi.credentials'));
		const plan = (new ParseXhsApi().properties as INodeProperties[]).find((p) => p.name === 'plan');
		expect(plan?.options?.map((o) => ('name' in o ? o.name : ''))).toEqual([
			'Free (7 Requests / Minute, 150 Credits / Month)',
			'Hobby (30 Requests / Minute, 1,500 Credits / Month)',
			'Developer (300 Requests / Minute, 6,000 Credits / Month)',
			'Custom',
		]);
	});

	it('feeds pacing, falling back to the smallest plan', () => {
		const { requestsPerMinuteFor } = withPlans(CHANGED, () => require('../../../nodes/Xiaohongshu/transport/pacing'));
		expect(requestsPerMinuteFor('hobby')).toBe(30);
		expect(requestsPerMinuteFor('developer')).toBe(300);
		expect(requestsPerMinuteFor('enterprise')).toBe(7);
		expect(requestsPerMinuteFor('custom', 0)).toBe(7);
	});

	it('feeds the cost estimate and its warning', () => {
		const { planAllowance, watchCost } = withPlans(CHANGED, () => require('../../../nodes/Xiaohongshu/domain/watch/cost'));
		const within = watchCost({ entries: 1, requestsPerMinute: 30, monthlyPolls: 1400, plan: planAllowance('hobby') });
		expect(within).toMatchObject({ planCredits: 1500, overPlan: false });
		const over = watchCost({ entries: 2, requestsPerMinute: 30, monthlyPolls: 1400, plan: planAllowance('hobby') });
		expect(over).toMatchObject({ planCredits: 1500, overPlan: true });
		expect(over.monthlyText).toContain('more than the 1,500 credits a month of your Hobby plan');
		expect(watchCost({ entries: 2, requestsPerMinute: 30, monthlyPolls: 1400, plan: planAllowance('custom') }).planCredits).toBeNull();
	});

	it("reads a Custom plan's credits a month from the credential, so the over-plan warning works for it", () => {
		const { planAllowance, watchCost } = jest.requireActual('../../../nodes/Xiaohongshu/domain/watch/cost');
		const cost = (entries: number, custom: unknown) =>
			watchCost({ entries, requestsPerMinute: 250, monthlyPolls: 1400, plan: planAllowance('custom', custom) });
		const over = cost(2, 2000);
		expect(over).toMatchObject({ planCredits: 2000, overPlan: true });
		expect(over.monthlyText).toContain('more than the 2,000 credits a month of your Custom plan');
		expect(cost(1, 2000)).toMatchObject({ planCredits: 2000, overPlan: false });
		// Not stated (0, the field's default) or unreadable: no plan to compare with.
		expect(cost(2, 0)).toMatchObject({ planCredits: null, overPlan: false });
		expect(cost(2, 'lots')).toMatchObject({ planCredits: null, overPlan: false });
	});

	it("feeds the trigger's hints: one step per plan, the last an alarm", () => {
		const { PLAN_HINTS } = withPlans(CHANGED, () => require('../../../nodes/Xiaohongshu/trigger/planHints'));
		const hints = PLAN_HINTS as NodeHint[];
		const bounds = hints.map((h) => /credits > (\d+)(?: && credits <= (\d+))?\)/.exec(h.displayCondition ?? '')?.slice(1));
		expect(bounds).toEqual([
			['0', '150'],
			['150', '1500'],
			['1500', '6000'],
			['6000', undefined],
			undefined,
		]);
		expect(hints.map((h) => h.type)).toEqual(['info', 'warning', 'warning', 'danger', 'info']);
		expect(hints[0].message).toContain("fits in the Free plan's 150 credits a month");
		expect(hints[2].message).toContain('more than 1,500 credits a month: more than the Hobby plan has');
		expect(hints[3].message).toContain('more than 6,000 credits a month: more than even the Developer plan has');
		expect(hints[4].message).toContain('The Credit Budget caps this list');
	});
});
