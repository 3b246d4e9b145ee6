/**
 * The Xiaohongshu (RedNote) action node: describes itself and hands execution to
 * actions/router.ts. Operations live in actions/<resource>/<operation>/.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as note from './actions/note';
import { router } from './actions/router';
import * as user from './actions/user';

export class Xiaohongshu implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu',
		name: 'xiaohongshu',
		icon: { light: 'file:../../icons/xiaohongshu.svg', dark: 'file:../../icons/xiaohongshu.dark.svg' },
		group: ['input'],
		// 1.1: the locators' link mode is named so that n8n shows "By Link or Share Text" (see actions/common/fields.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ $parameter["operation"] === "parseLink" ? "Parse Note Link" : $parameter["resource"] === "user" ? "Get User" : "Get Note" }}',
		description:
			'Get Xiaohongshu (小红书, RedNote) notes and creator profiles from share links, through the parse.bot API',
		defaults: { name: 'Xiaohongshu' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Parse Link never calls parse.bot, so it works without a key.
		credentials: [{ name: 'parseXhsApi', required: true, displayOptions: { hide: { operation: ['parseLink'] } } }],
		hints: [
			{
				message:
					'Note → Get costs one parse.bot credit per distinct note in the execution (plus one per distinct author with Include Author Profile); the same note twice is fetched once.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'beforeExecution',
				displayCondition: '={{ $parameter["resource"] === "note" && $parameter["operation"] === "get" }}',
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Note', value: 'note', description: 'A post: images or a video, with its text and engagement' },
					{ name: 'User', value: 'user', description: "A creator's profile" },
				],
				default: 'note',
			},
			...note.description,
			...user.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
