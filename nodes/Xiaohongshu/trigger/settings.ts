/**
 * The trigger's parameters, read and checked once per poll. A setting that cannot work
 * (no rule, unreadable milestones) throws before any credit is spent.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IPollFunctions } from 'n8n-workflow';

import type { EngagementRule } from '../domain/watch/engagementTypes';
import { selectMetrics } from '../domain/watch/engagementMetrics';
import type { Metric, WatchKind } from '../domain/watch/engagementMetrics';
import { HOUR_MS } from '../domain/units';
import { positiveNumber, readRules } from './rules';

export { parseMilestones } from './rules';

export interface TriggerSettings {
	kind: WatchKind;
	listText: string;
	metrics: Metric[];
	rules: EngagementRule[];
	emitBaseline: boolean;
	/** Credits a month the trigger may spend; null: no budget, every entry on every poll. */
	creditBudget: number | null;
	/** With a budget: the longest an entry waits between fetches, while the budget allows. */
	longestGapMs: number;
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const node = ctx.getNode();
	const kind: WatchKind = ctx.getNodeParameter('watch', 'notes') === 'creators' ? 'creator' : 'note';
	const listText = String(ctx.getNodeParameter(kind === 'note' ? 'notes' : 'creators', '') ?? '');
	const wantedMetrics = stringList(ctx.getNodeParameter(kind === 'note' ? 'noteMetrics' : 'creatorMetrics', []));
	const metrics = selectMetrics(kind, wantedMetrics);
	if (metrics.length === 0) {
		throw new NodeOperationError(node, 'No metric is selected', {
			description: 'Choose at least one count to watch under Metrics.',
		});
	}

	const fireWhen = stringList(ctx.getNodeParameter('fireWhen', ['change']));
	const rules = readRules(fireWhen, (name, fallback) => ctx.getNodeParameter(name, fallback), node);
	if (rules.length === 0) {
		throw new NodeOperationError(node, 'No rule is selected under Fire When', {
			description: 'Choose at least one rule, for example Any Real Change.',
		});
	}

	const budget = Number(ctx.getNodeParameter('creditBudget', 0));
	return {
		kind,
		listText,
		metrics,
		rules,
		emitBaseline: ctx.getNodeParameter('emitBaseline', false) === true,
		creditBudget: Number.isFinite(budget) && budget >= 1 ? Math.floor(budget) : null,
		longestGapMs: positiveNumber(ctx.getNodeParameter('longestGapHours', 24), 24) * HOUR_MS,
	};
}
