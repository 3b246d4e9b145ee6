/**
 * The trigger's parameters. Names and texts follow n8n's UX guidelines: Title Case names,
 * "Whether …" booleans, "e.g." placeholders.
 */
import type { INodeProperties } from 'n8n-workflow';

import { COMMON_INTERVALS } from '../domain/watch/cost';
import { CREATOR_METRIC_OPTIONS, NOTE_METRIC_OPTIONS } from './metricOptions';
import { FIRE_WHEN_OPTIONS, RULE_PARAMETERS } from './rules';

const perEntryPerMonth = (label: string) => {
	const interval = COMMON_INTERVALS.find((i) => i.label === label);
	return Math.round(interval?.pollsPerMonth ?? 0).toLocaleString('en-US');
};

export const triggerProperties: INodeProperties[] = [
	{
		// n8n shows a notice's text as written; the estimate for the current list sits in the node's subtitle and hints (trigger/costEstimate.ts).
		displayName: `Each poll costs 1 credit per entry: ${perEntryPerMonth('every hour')} a month each at Every Hour. The canvas shows this list's estimate; Fetch Test Event checks it against your plan.`,
		name: 'costNotice',
		type: 'notice',
		default: '',
	},
	{
		// "Trigger On" is the label n8n's node panel turns into one entry per option (their `action`).
		displayName: 'Trigger On',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Notes',
				value: 'notes',
				action: "When a note's likes, collects, comments or shares change",
				description: 'Likes, collects, comments and shares of notes',
			},
			{
				name: 'Creators',
				value: 'creators',
				action: "When a creator's followers or likes change",
				description: 'Followers, following and likes-and-collects of creators',
			},
		],
		default: 'notes',
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: 'e.g. https://www.xiaohongshu.com/explore/641ae75d0000000013031c27?xsec_token=CB…',
		description:
			"One note per line: a share link, the app's whole share text, a note link with its xsec_token, or a note ID and token separated by a space",
		displayOptions: { show: { watch: ['notes'] } },
	},
	{
		displayName: 'Creators',
		name: 'creators',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: 'e.g. https://www.xiaohongshu.com/user/profile/5bb08087e617cb0001a9b4a6',
		description: 'One creator per line: a profile link, a profile share text, or a user ID (24 characters)',
		displayOptions: { show: { watch: ['creators'] } },
	},
	{
		displayName: 'Metrics',
		name: 'noteMetrics',
		type: 'multiOptions',
		options: NOTE_METRIC_OPTIONS,
		default: ['likes'],
		description: 'The counts to watch',
		displayOptions: { show: { watch: ['notes'] } },
	},
	{
		displayName: 'Metrics',
		name: 'creatorMetrics',
		type: 'multiOptions',
		options: CREATOR_METRIC_OPTIONS,
		default: ['followers'],
		description: 'The counts to watch',
		displayOptions: { show: { watch: ['creators'] } },
	},
	{
		displayName: 'Fire When',
		name: 'fireWhen',
		type: 'multiOptions',
		options: FIRE_WHEN_OPTIONS,
		default: ['change'],
		description: 'Each rule fires on its own; one item is emitted per rule, metric and entry that fired',
	},
	...RULE_PARAMETERS,
	{
		displayName: 'Credit Budget (per Month)',
		name: 'creditBudget',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		placeholder: 'e.g. 1000',
		description:
			'Most parse.bot credits the trigger may spend in a calendar month (0: no budget, every entry on every poll). With a budget, each poll fetches only the entries whose turn has come: fast movers and entries close to an alert often, quiet ones rarely.',
	},
	{
		displayName: 'Longest Gap (Hours)',
		name: 'longestGapHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 24,
		description: 'With a budget, no entry waits longer than this between fetches, as far as the budget allows',
		displayOptions: { show: { creditBudget: [{ _cnd: { gt: 0 } }] } },
	},
	{
		displayName: 'Emit Current Counts on First Poll',
		name: 'emitBaseline',
		type: 'boolean',
		default: false,
		description:
			'Whether the first poll for each entry emits its current counts (event "baseline"); otherwise it stays silent and only later changes fire',
	},
];
