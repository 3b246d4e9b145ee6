import { updateDisplayOptions, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { changeDetectionParameters } from '../../common/changeDetection';
import { FIELDS_DESCRIPTION, maxCreditsOption, outputField, userLocator } from '../../common/fields';

export const userFieldOptions: INodePropertyOptions[] = [
	{ name: 'Avatar', value: 'avatar' },
	{ name: 'Bio', value: 'bio' },
	{ name: 'Fetched At', value: 'fetchedAt' },
	{ name: 'Followers', value: 'followers' },
	{ name: 'Following', value: 'following' },
	{ name: 'Gender', value: 'gender' },
	{ name: 'Likes and Collects', value: 'likesAndCollects' },
	{ name: 'Nickname', value: 'nickname' },
	{ name: 'Profile URL', value: 'profileUrl' },
	{ name: 'Red ID', value: 'redId' },
	{ name: 'Region', value: 'region' },
	{ name: 'Tags', value: 'tags' },
	{ name: 'User ID', value: 'userId' },
];

const properties: INodeProperties[] = [
	...userLocator,
	outputField,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: ['userId', 'nickname', 'followers', 'likesAndCollects'],
		options: userFieldOptions,
		description: FIELDS_DESCRIPTION,
		displayOptions: { show: { output: ['selected'] } },
	},
	...changeDetectionParameters('creator'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxCreditsOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);
