/**
 * The trigger's hints on the monthly estimate, one per step of the plans table: the list fits
 * the smallest plan, or it spends more than a plan has (the last plan's step is the alarm),
 * or, instead of those, the Credit Budget caps it. The editor cannot see the credential, so a hint
 * names the plans' sizes, not the user's plan: Fetch Test Event, which reads the credential,
 * gives the verdict for it.
 */
import type { NodeHint } from 'n8n-workflow';

import { FALLBACK_PLAN, formatCount, PLANS, PUBLISHED_PLANS } from '../domain/plans';
import { BUDGET_CAPS, estimateBetween } from './costEstimate';

const ESTIMATE_PLACE = 'the estimate is under the node on the canvas';
const CHECKED = "Fetch Test Event checks it against your credential's plan";

function fitsHint(): NodeHint {
	const plan = PLANS[FALLBACK_PLAN];
	return {
		message: `This list at these Poll Times fits in the ${plan.name} plan's ${formatCount(plan.creditsPerMonth)} credits a month (${ESTIMATE_PLACE}).`,
		type: 'info',
		location: 'outputPane',
		whenToDisplay: 'always',
		displayCondition: estimateBetween(0, plan.creditsPerMonth),
	};
}

function overPlanHints(): NodeHint[] {
	return PUBLISHED_PLANS.map((key, i) => {
		const plan = PLANS[key];
		const nextPlan = PUBLISHED_PLANS[i + 1];
		const last = nextPlan === undefined;
		return {
			message: `This list spends more than ${formatCount(plan.creditsPerMonth)} credits a month: more than ${last ? 'even ' : ''}the ${plan.name} plan has (${ESTIMATE_PLACE}). ${CHECKED}; Credit Budget caps the spend, Poll Times sets how often.`,
			type: last ? 'danger' : 'warning',
			location: 'outputPane',
			whenToDisplay: 'always',
			displayCondition: last ? estimateBetween(plan.creditsPerMonth) : estimateBetween(plan.creditsPerMonth, PLANS[nextPlan].creditsPerMonth),
		};
	});
}

function budgetHint(): NodeHint {
	return {
		message: `The Credit Budget caps this list below what polling every entry at these Poll Times would need: quiet entries are fetched less often (${ESTIMATE_PLACE}, with ≤). ${CHECKED}.`,
		type: 'info',
		location: 'outputPane',
		whenToDisplay: 'always',
		displayCondition: BUDGET_CAPS,
	};
}

export const PLAN_HINTS: NodeHint[] = [fitsHint(), ...overPlanHints(), budgetHint()];
