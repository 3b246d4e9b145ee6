/**
 * Detect Changes on Note → Get and User → Get: the parameters, and judging one item against
 * the previous counts its input item carries (domain/watch/rowChange.ts does the judging with
 * the trigger's rule engine). The rule parameters are the trigger's own (trigger/rules.ts),
 * worded for a row instead of a watch list.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { DisplayedCount } from '../../domain/payload/counts';
import type { Metric, WatchKind } from '../../domain/watch/engagementMetrics';
import { selectMetrics } from '../../domain/watch/engagementMetrics';
import { compareWithRow } from '../../domain/watch/rowChange';
import type { RowChange } from '../../domain/watch/rowChange';
import { defaultFieldNames, readPreviousCounts } from '../../domain/watch/rowFields';
import type { PreviousFieldNames } from '../../domain/watch/rowFields';
import { CREATOR_METRIC_OPTIONS, NOTE_METRIC_OPTIONS } from '../../trigger/metricOptions';
import { readRules, RULES, RULE_KINDS } from '../../trigger/rules';
import type { EngagementRule, RuleKind } from '../../domain/watch/engagementTypes';

export const DETECT_CHANGES = 'detectChanges';

/** The trigger's words for its memory, and what they mean for a row. */
const ROW_WORDING: Array<[RegExp, string]> = [
	[/since the last alert for it/g, 'since the counts in the input item'],
	[/since the last alert/g, 'since the counts in the input item'],
	[/since the last poll/g, 'since the counts in the input item'],
];

export function forRow(text: string): string {
	return ROW_WORDING.reduce((out, [from, to]) => out.replace(from, to), text);
}

const SPIKE_FOR_ROW =
	"Growth per hour since the counts in the input item (and their time, Fetched At) is several times the note's average since it was published. Notes only.";

/** The Fire When options, worded for a row. */
export const ROW_FIRE_WHEN_OPTIONS: INodePropertyOptions[] = RULE_KINDS.map((kind) => {
	const { name, description } = RULES[kind].option;
	return { name, value: kind, description: kind === 'spike' ? SPIKE_FOR_ROW : forRow(description ?? '') };
}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const DEFAULT_METRICS: Record<WatchKind, Metric[]> = {
	note: ['likes', 'collects', 'comments', 'shares'],
	creator: ['followers', 'following', 'likesAndCollects'],
};

/** The parameters, shown under the operation they belong to (the caller adds resource and operation). */
export function changeDetectionParameters(kind: WatchKind): INodeProperties[] {
	const noun = kind === 'note' ? 'note' : 'creator';
	const whenOn = { show: { [DETECT_CHANGES]: [true] } };
	return [
		{
			displayName: 'Detect Changes',
			name: DETECT_CHANGES,
			type: 'boolean',
			default: false,
			description: `Whether to compare each ${noun}'s counts with the previous counts its input item carries (a row of your sheet or Data table) and also send the ${noun}s that changed to a second output, Changed`,
			// An AI Agent's tool has one result and no row to compare with.
			displayOptions: { hide: { '@tool': [true] } },
		},
		{
			displayName: `Compares with the fields the node itself outputs (${kind === 'note' ? 'likes, likesText, …' : 'followers, followersText, …'} and fetchedAt): write them back to the row each run. A row without previous counts is a baseline: written back, never an alert.`,
			name: 'detectChangesNotice',
			type: 'notice',
			default: '',
			displayOptions: whenOn,
		},
		kind === 'note'
			? {
					displayName: 'Metrics',
					name: 'changeMetrics',
					type: 'multiOptions',
					options: NOTE_METRIC_OPTIONS,
					default: ['likes', 'collects', 'comments', 'shares'],
					description: 'The counts to compare',
					displayOptions: whenOn,
				}
			: {
					displayName: 'Metrics',
					name: 'changeMetrics',
					type: 'multiOptions',
					options: CREATOR_METRIC_OPTIONS,
					default: ['followers', 'following', 'likesAndCollects'],
					description: 'The counts to compare',
					displayOptions: whenOn,
				},
		{
			displayName: 'Fire When',
			name: 'fireWhen',
			type: 'multiOptions',
			options: ROW_FIRE_WHEN_OPTIONS,
			default: ['change'],
			description: 'Each rule fires on its own; an item goes to Changed when any rule fired for any metric',
			displayOptions: whenOn,
		},
		...RULE_KINDS.flatMap((kind) =>
			RULES[kind].parameters.map(
				(parameter): INodeProperties => ({
					...parameter,
					description: forRow(parameter.description ?? ''),
					displayOptions: { show: { [DETECT_CHANGES]: [true], fireWhen: [kind] } },
				}),
			),
		),
		{
			displayName: 'Previous Count Fields',
			name: 'previousFields',
			type: 'fixedCollection',
			placeholder: 'Add Field Names',
			default: {},
			description:
				"Where the input item keeps the previous counts, when its fields are not named like this node's output. Names are matched ignoring case and spaces.",
			displayOptions: whenOn,
			typeOptions: { multipleValues: true },
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						kind === 'note'
							? { displayName: 'Metric', name: 'metric', type: 'options', options: NOTE_METRIC_OPTIONS, default: 'likes' }
							: { displayName: 'Metric', name: 'metric', type: 'options', options: CREATOR_METRIC_OPTIONS, default: 'followers' },
						{
							displayName: 'Number Field',
							name: 'number',
							type: 'string',
							default: '',
							placeholder: 'e.g. Likes',
							description: 'The field with the previous number',
						},
						{
							displayName: 'Displayed Text Field',
							name: 'text',
							type: 'string',
							default: '',
							placeholder: 'e.g. Likes (shown)',
							description: 'The field with the count as the app showed it ("3.5万"): proves changes of rounded counts exactly',
						},
					],
				},
			],
		},
		{
			displayName: 'Previous Time Field',
			name: 'previousTimeField',
			type: 'string',
			default: 'fetchedAt',
			description: "The field with when the previous counts were read (an ISO date or epoch time); a Data table row's updatedAt is used when it is missing. Needed for rates and the Spike rule.",
			displayOptions: whenOn,
		},
	];
}

function fieldNamesOf(ctx: IExecuteFunctions, itemIndex: number, metrics: readonly Metric[]): PreviousFieldNames {
	const names = defaultFieldNames(metrics);
	const custom = ctx.getNodeParameter('previousFields.field', itemIndex, []) as Array<{ metric?: string; number?: string; text?: string }>;
	for (const entry of Array.isArray(custom) ? custom : []) {
		const metric = entry.metric as Metric;
		const current = names.counts[metric];
		if (!current) continue;
		names.counts[metric] = {
			number: entry.number?.trim() ? entry.number.trim() : current.number,
			text: entry.text?.trim() ? entry.text.trim() : current.text,
		};
	}
	const timeField = String(ctx.getNodeParameter('previousTimeField', itemIndex, 'fetchedAt') ?? '').trim();
	names.time = timeField === '' || timeField === 'fetchedAt' ? names.time : [timeField, 'updatedAt'];
	return names;
}

export interface ChangeSettings {
	kind: WatchKind;
	metrics: Metric[];
	rules: EngagementRule[];
	names: PreviousFieldNames;
}

/**
 * The item's Detect Changes settings, or null when it is off. Read before the item's call, so
 * settings that cannot work (a milestone that is not a count) fail before a credit is spent.
 */
export function changeSettingsOf(ctx: IExecuteFunctions, itemIndex: number, kind: WatchKind): ChangeSettings | null {
	if (ctx.getNodeParameter(DETECT_CHANGES, itemIndex, false) !== true) return null;
	const wanted = ctx.getNodeParameter('changeMetrics', itemIndex, DEFAULT_METRICS[kind]) as string[];
	const metrics = selectMetrics(kind, Array.isArray(wanted) ? wanted : []);
	const selected = ctx.getNodeParameter('fireWhen', itemIndex, ['change']) as string[];
	const rules = readRules(Array.isArray(selected) ? selected : [], (name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback), ctx.getNode());
	// A creator has no publication time to measure its usual speed from.
	return { kind, metrics, rules: kind === 'creator' ? rules.filter((rule) => rule.kind !== 'spike') : rules, names: fieldNamesOf(ctx, itemIndex, metrics) };
}

/** Judges one item: the previous counts its input item carries against `current`. */
export function judgeItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: ChangeSettings,
	current: Partial<Record<Metric, DisplayedCount>>,
	context: { label: string; origin: number | null },
): RowChange {
	const row = ctx.getInputData()[itemIndex]?.json ?? {};
	const previous = readPreviousCounts(row, settings.names);
	return compareWithRow({
		metrics: settings.metrics,
		rules: settings.rules,
		previous: previous.counts,
		previousAt: previous.at,
		origin: context.origin,
		current,
		now: Date.now(),
		label: context.label,
	});
}

/** The item's `changed` flag and `change` details, as the output carries them. */
export function changeFields(change: RowChange): IDataObject {
	return {
		changed: change.changed,
		change: {
			baseline: change.baseline,
			rulesFired: change.rulesFired as RuleKind[],
			summary: change.summary,
			metrics: change.metrics as IDataObject,
		},
	};
}
