import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FIELDS_DESCRIPTION, maxCreditsOption, noteLocator, outputField } from '../../common/fields';
import { mediaParameters } from './mediaParameters';

const show = { resource: ['note'], operation: ['get'] };

/** The simplified fields a user can pick; a count brings its Text and Exact fields along. */
export const noteFieldOptions: INodePropertyOptions[] = [
	{ name: 'Author Avatar', value: 'authorAvatar' },
	{ name: 'Author Bio (With Author Profile)', value: 'authorBio' },
	{ name: 'Author Followers (With Author Profile)', value: 'authorFollowers' },
	{ name: 'Author Following (With Author Profile)', value: 'authorFollowing' },
	{ name: 'Author Gender (With Author Profile)', value: 'authorGender' },
	{ name: 'Author ID', value: 'authorId' },
	{ name: 'Author Likes and Collects (With Author Profile)', value: 'authorLikesAndCollects' },
	{ name: 'Author Name', value: 'authorName' },
	{ name: 'Author Red ID (With Author Profile)', value: 'authorRedId' },
	{ name: 'Author Region (With Author Profile)', value: 'authorRegion' },
	{ name: 'Author Tags (With Author Profile)', value: 'authorTags' },
	{ name: 'Author URL', value: 'authorUrl' },
	{ name: 'Collects', value: 'collects' },
	{ name: 'Comments', value: 'comments' },
	{ name: 'Cover URL', value: 'coverUrl' },
	{ name: 'Engagement (Likes + Collects + Comments + Shares)', value: 'engagement' },
	{ name: 'Engagement Rate (With Author Profile)', value: 'engagementRate' },
	{ name: 'Fetched At', value: 'fetchedAt' },
	{ name: 'Image Count', value: 'imageCount' },
	{ name: 'Image URLs', value: 'imageUrls' },
	{ name: 'Likes', value: 'likes' },
	{ name: 'Note ID', value: 'noteId' },
	{ name: 'Published At', value: 'publishedAt' },
	{ name: 'Published At (Epoch Ms)', value: 'publishedAtMs' },
	{ name: 'Region', value: 'region' },
	{ name: 'Shares', value: 'shares' },
	{ name: 'Text', value: 'text' },
	{ name: 'Title', value: 'title' },
	{ name: 'Topics', value: 'topics' },
	{ name: 'Type', value: 'type' },
	{ name: 'Updated At', value: 'updatedAt' },
	{ name: 'Updated At (Epoch Ms)', value: 'updatedAtMs' },
	{ name: 'URL', value: 'url' },
	{ name: 'Video Duration (Seconds)', value: 'videoDurationSeconds' },
	{ name: 'Video URL', value: 'videoUrl' },
	{ name: 'Xsec Token', value: 'xsecToken' },
];

export const description: INodeProperties[] = [
	...noteLocator(show),
	outputField(show),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: ['noteId', 'url', 'title', 'likes', 'collects', 'comments', 'shares'],
		options: noteFieldOptions,
		description: FIELDS_DESCRIPTION,
		displayOptions: { show: { ...show, output: ['selected'] } },
	},
	...mediaParameters,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Author Profile',
				name: 'includeAuthorProfile',
				type: 'boolean',
				default: false,
				description:
					"Whether to also fetch each author's profile (followers, bio, gender…) and add it to the note. Costs one more credit per distinct author in the execution.",
			},
			maxCreditsOption,
		],
	},
];
