/**
 * parse.bot's plans, in one table: the credential's Plan options, the pacing rate, the cost
 * estimates, the trigger's notice and its hints all read it. A new plan is one row here.
 */

export type PublishedPlan = 'free' | 'hobby' | 'developer';
export type ParseBotPlan = PublishedPlan | 'custom';

export interface PlanFacts {
	name: string;
	requestsPerMinute: number;
	creditsPerMonth: number;
}

/** The published plans, cheapest first. */
export const PLANS: Readonly<Record<PublishedPlan, PlanFacts>> = {
	free: { name: 'Free', requestsPerMinute: 5, creditsPerMonth: 100 },
	hobby: { name: 'Hobby', requestsPerMinute: 20, creditsPerMonth: 1000 },
	developer: { name: 'Developer', requestsPerMinute: 250, creditsPerMonth: 5000 },
};

export const PUBLISHED_PLANS = Object.keys(PLANS) as PublishedPlan[];

/** The plan assumed for anything unreadable: the slowest and smallest, the safe side. */
export const FALLBACK_PLAN: PublishedPlan = 'free';

export function isPublishedPlan(plan: unknown): plan is PublishedPlan {
	return typeof plan === 'string' && Object.hasOwn(PLANS, plan);
}

/**
 * The credits a month of the credential's plan: the table's for a published plan, the
 * credential's own "Credits per Month" for Custom (null when it states none), null for anything
 * unreadable.
 */
export function planCreditsPerMonth(plan: unknown, customCreditsPerMonth?: unknown): number | null {
	if (isPublishedPlan(plan)) return PLANS[plan].creditsPerMonth;
	if (plan !== 'custom') return null;
	const credits = typeof customCreditsPerMonth === 'string' ? Number(customCreditsPerMonth) : customCreditsPerMonth;
	return typeof credits === 'number' && Number.isFinite(credits) && credits >= 1 ? Math.floor(credits) : null;
}

/** "Developer", "Custom": the plan's name as the texts print it. */
export function planName(plan: unknown): string {
	return isPublishedPlan(plan) ? PLANS[plan].name : 'Custom';
}

/** "1,000": numbers as the texts print them. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** The credential's Plan options: each published plan with its limits, then Custom. */
export const PLAN_OPTIONS: Array<{ name: string; value: ParseBotPlan }> = [
	...PUBLISHED_PLANS.map((value) => {
		const plan = PLANS[value];
		return {
			name: `${plan.name} (${formatCount(plan.requestsPerMinute)} Requests / Minute, ${formatCount(plan.creditsPerMonth)} Credits / Month)`,
			value,
		};
	}),
	{ name: 'Custom', value: 'custom' },
];
