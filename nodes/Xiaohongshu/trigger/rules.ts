/**
 * The trigger's rules, one entry each: the Fire When option, the parameters it shows, and how
 * its settings are read. Keyed by every RuleKind, so a rule added to the engine
 * (domain/watch/engagementTypes.ts) does not build until it is registered here; the order of
 * the entries is the order rules are evaluated in.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { parseCount } from '../domain/payload/counts';
import type { EngagementRule, RuleKind } from '../domain/watch/engagementTypes';

/** Reads one of the rule's parameters, with its default. */
export type ReadParameter = (name: string, fallback: unknown) => unknown;

interface RuleEntry<K extends RuleKind> {
	option: Omit<INodePropertyOptions, 'value'>;
	/** Shown while the rule is selected under Fire When. */
	parameters: Array<Omit<INodeProperties, 'displayOptions'>>;
	/** The rule's settings; throws (before any credit is spent) when they cannot work. */
	read(parameter: ReadParameter, node: INode): Extract<EngagementRule, { kind: K }>;
}

export function positiveNumber(value: unknown, fallback: number): number {
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

export const RULES: { [K in RuleKind]: RuleEntry<K> } = {
	change: {
		option: {
			name: 'Any Real Change',
			description: 'The count went up or down. Rounded counts such as 1.2万 only fire once the shown number changes.',
		},
		parameters: [],
		read: () => ({ kind: 'change' }),
	},
	increase: {
		option: { name: 'Increase of at Least', description: 'The count grew by at least a number since the last alert' },
		parameters: [
			{
				displayName: 'Increase By',
				name: 'increaseBy',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description: 'Fire when the count grew by at least this much since the last alert for it',
			},
		],
		read: (parameter) => ({ kind: 'increase', atLeast: positiveNumber(parameter('increaseBy', 100), 100) }),
	},
	percentIncrease: {
		option: { name: 'Increase of at Least %', description: 'The count grew by at least a percentage since the last alert' },
		parameters: [
			{
				displayName: 'Increase By %',
				name: 'increasePercent',
				type: 'number',
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				default: 10,
				description: 'Fire when the count grew by at least this percentage since the last alert for it',
			},
		],
		read: (parameter) => ({
			kind: 'percentIncrease',
			atLeastPercent: positiveNumber(parameter('increasePercent', 10), 10),
		}),
	},
	milestone: {
		option: { name: 'Milestone Crossed', description: 'The count passed one of the milestones' },
		parameters: [
			{
				displayName: 'Milestones',
				name: 'milestones',
				type: 'string',
				default: '1000, 10000, 100000',
				placeholder: 'e.g. 1000, 5000, 1万, 10w',
				description: 'Counts to announce, separated by commas; 万/w units are understood',
			},
		],
		read: (parameter, node) => {
			const { milestones, unreadable } = parseMilestones(String(parameter('milestones', '') ?? ''));
			if (unreadable.length > 0 || milestones.length === 0) {
				throw new NodeOperationError(
					node,
					unreadable.length > 0 ? `Milestones holds something that is not a count: "${unreadable.join('", "')}"` : 'No milestone is set',
					{ description: 'Write counts separated by commas, for example: 1000, 5000, 1万, 10w' },
				);
			}
			return { kind: 'milestone', milestones };
		},
	},
	spike: {
		option: {
			name: 'Spike',
			description: "Growth per hour since the last poll is several times the entry's own recent average",
		},
		parameters: [
			{
				displayName: 'Spike Factor',
				name: 'spikeFactor',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 1 },
				default: 3,
				description: "Fire when growth per hour since the last poll is at least this many times the entry's recent average",
			},
			{
				displayName: 'Spike Minimum Increase',
				name: 'spikeMinIncrease',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'A spike must also add at least this much since the last poll, so tiny counts do not fire',
			},
		],
		read: (parameter) => ({
			kind: 'spike',
			factor: Math.max(1, positiveNumber(parameter('spikeFactor', 3), 3)),
			minIncrease: positiveNumber(parameter('spikeMinIncrease', 50), 50),
		}),
	},
};

export const RULE_KINDS = Object.keys(RULES) as RuleKind[];

/** The selected rules' settings, in registry order; unknown values are ignored. */
export function readRules(selected: readonly string[], parameter: ReadParameter, node: INode): EngagementRule[] {
	return RULE_KINDS.filter((kind) => selected.includes(kind)).map((kind) => RULES[kind].read(parameter, node));
}

/** The Fire When options, alphabetical by name as n8n lists them. */
export const FIRE_WHEN_OPTIONS: INodePropertyOptions[] = RULE_KINDS.map((kind) => {
	const { name, ...rest } = RULES[kind].option;
	return { name, value: kind, ...rest };
}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** Each rule's parameters, shown while it is selected. */
export const RULE_PARAMETERS: INodeProperties[] = RULE_KINDS.flatMap((kind) =>
	RULES[kind].parameters.map((parameter) => ({ ...parameter, displayOptions: { show: { fireWhen: [kind] } } })),
);
