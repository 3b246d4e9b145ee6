/**
 * The trigger's parameters, read and checked once per poll. A setting that cannot work
 * (no rule, unreadable milestones) throws before any credit is spent.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IPollFunctions } from 'n8n-workflow';

import { parseCount } from '../domain/payload/counts';
import type { EngagementRule } from '../domain/watch/engagementTypes';
import { selectMetrics } from '../domain/watch/engagementMetrics';
import type { Metric, WatchKind } from '../domain/watch/engagementMetrics';
import { HOUR_MS } from '../domain/units';

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

function positiveNumber(value: unknown, fallback: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** "1000, 1万, 10w" -> [1000, 10000, 100000]; the words that are not counts, separately. */
export function parseMilestones(text: string): { milestones: number[]; unreadable: string[] } {
	const milestones = new Set<number>();
	const unreadable: string[] = [];
	for (const part of text.split(/[,，;；\s]+/)) {
		if (part === '') continue;
		const count = parseCount(part);
		if (count.value === null || count.value <= 0) unreadable.push(part);
		else milestones.add(count.value);
	}
	return { milestones: [...milestones].sort((a, b) => a - b), unreadable };
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
	const rules: EngagementRule[] = [];
	if (fireWhen.includes('change')) rules.push({ kind: 'change' });
	if (fireWhen.includes('increase')) {
		rules.push({ kind: 'increase', atLeast: positiveNumber(ctx.getNodeParameter('increaseBy', 100), 100) });
	}
	if (fireWhen.includes('percentIncrease')) {
		rules.push({
			kind: 'percentIncrease',
			atLeastPercent: positiveNumber(ctx.getNodeParameter('increasePercent', 10), 10),
		});
	}
	if (fireWhen.includes('milestone')) {
		const text = String(ctx.getNodeParameter('milestones', '') ?? '');
		const { milestones, unreadable } = parseMilestones(text);
		if (unreadable.length > 0 || milestones.length === 0) {
			throw new NodeOperationError(
				node,
				unreadable.length > 0 ? `Milestones holds something that is not a count: "${unreadable.join('", "')}"` : 'No milestone is set',
				{ description: 'Write counts separated by commas, for example: 1000, 5000, 1万, 10w' },
			);
		}
		rules.push({ kind: 'milestone', milestones });
	}
	if (fireWhen.includes('spike')) {
		rules.push({
			kind: 'spike',
			factor: Math.max(1, positiveNumber(ctx.getNodeParameter('spikeFactor', 3), 3)),
			minIncrease: positiveNumber(ctx.getNodeParameter('spikeMinIncrease', 50), 50),
		});
	}
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
