/**
 * The Xiaohongshu (RedNote) polling trigger: watches notes or creators and fires on
 * engagement changes. It only describes itself; the poll lives in trigger/pollCycle.ts and
 * the rules in domain/watch/engagement.ts.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { TRIGGER_SUBTITLE } from './trigger/costEstimate';
import { triggerProperties } from './trigger/description';
import { PLAN_HINTS } from './trigger/planHints';
import { pollWatchList } from './trigger/pollCycle';

export class XiaohongshuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Trigger',
		name: 'xiaohongshuTrigger',
		icon: { light: 'file:../../icons/xiaohongshu.svg', dark: 'file:../../icons/xiaohongshu.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: TRIGGER_SUBTITLE,
		description:
			// n8n's node panel shows the trigger's description for the app's merged entry, actions included.
			'Xiaohongshu (小红书, RedNote) notes and creators from share links, and workflows that start when their likes, followers and more change, through the parse.bot API',
		defaults: { name: 'Xiaohongshu Trigger' },
		polling: true,
		inputs: [],
		// Problems (a link that failed, a line that is not a link, a list too slow for the plan) leave
		// apart from engagement events, so a sheet or Slack step on Events gets only events.
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Events', 'Problems'],
		credentials: [{ name: 'parseXhsApi', required: true }],
		// Static texts shown by an expression on the current list and Poll Times (see trigger/costEstimate.ts).
		hints: PLAN_HINTS,
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollWatchList(this);
	}
}
