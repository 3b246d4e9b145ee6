/**
 * The trigger's hints on the monthly estimate, one per step of the plans table: the list fits
 * the smallest plan, or it costs more than a plan has (the last plan's step is the alarm).
 */
import type { NodeHint } from 'n8n-workflow';

import { FALLBACK_PLAN, formatCount, PLANS, PUBLISHED_PLANS } from '../domain/plans';
import { estimateBetween } from './costEstimate';

const ESTIMATE_PLACE = 'the estimate is under the node on the canvas';

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
			message: `This list at these Poll Times costs more than ${formatCount(plan.creditsPerMonth)} credits a month: more than ${last ? 'even ' : ''}the ${plan.name} plan has. Poll less often (e.g. Every Hour or Every Day) or watch fewer entries; ${ESTIMATE_PLACE}.`,
			type: last ? 'danger' : 'warning',
			location: 'outputPane',
			whenToDisplay: 'always',
			displayCondition: last ? estimateBetween(plan.creditsPerMonth) : estimateBetween(plan.creditsPerMonth, PLANS[nextPlan].creditsPerMonth),
		};
	});
}

export const PLAN_HINTS: NodeHint[] = [fitsHint(), ...overPlanHints()];
