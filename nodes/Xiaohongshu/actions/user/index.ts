import type { INodeProperties } from 'n8n-workflow';

import * as get from './get/execute';
import { description as getDescription } from './get/description';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a user',
				description:
					"Get a creator's profile: nickname, bio, gender, region, followers, following, likes and collects, tags. Costs one parse.bot credit per distinct creator.",
			},
		],
		default: 'get',
	},
	...getDescription,
];
