import type { INodeProperties } from 'n8n-workflow';

import * as get from './get/execute';
import { description as getDescription } from './get/description';
import * as parseLink from './parseLink/execute';
import { description as parseLinkDescription } from './parseLink/description';

export { get, parseLink };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['note'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a note',
				description:
					"Get a note's title, text, topics, author, likes, collects, comments, shares, images and video from its link or share text. Costs one parse.bot credit per distinct note.",
			},
			{
				name: 'Parse Link',
				value: 'parseLink',
				action: 'Parse a note link',
				description:
					'Read the note ID, xsec token and canonical URL from a link or share text without calling parse.bot (free). Resolves xhslink.com short links.',
			},
		],
		default: 'get',
	},
	...getDescription,
	...parseLinkDescription,
];
