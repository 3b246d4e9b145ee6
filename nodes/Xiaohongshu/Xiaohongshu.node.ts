/**
 * The Xiaohongshu (RedNote) action node: describes itself and hands execution to
 * actions/router.ts. Operations live in actions/<resource>/<operation>/.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { NODE_HINTS, NODE_OUTPUTS, NODE_PROPERTIES, NODE_SUBTITLE } from './actions/operations';
import { router } from './actions/router';

export class Xiaohongshu implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu',
		name: 'xiaohongshu',
		icon: { light: 'file:../../icons/xiaohongshu.svg', dark: 'file:../../icons/xiaohongshu.dark.svg' },
		group: ['input'],
		// 1.1: the locators' link mode is named so that n8n shows "By Link", not "By URL" (see actions/common/fields.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: NODE_SUBTITLE,
		description:
			'Get Xiaohongshu (小红书, RedNote) notes and creator profiles from share links, through the parse.bot API',
		defaults: { name: 'Xiaohongshu' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// One output, as always; with Detect Changes on (Note → Get, User → Get), All and Changed.
		outputs: NODE_OUTPUTS,
		// Parse Link never calls parse.bot, so it works without a key.
		credentials: [{ name: 'parseXhsApi', required: true, displayOptions: { hide: { operation: ['parseLink'] } } }],
		hints: NODE_HINTS,
		properties: NODE_PROPERTIES,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
