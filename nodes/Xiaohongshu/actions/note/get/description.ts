import { updateDisplayOptions, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { changeDetectionParameters } from '../../common/changeDetection';
import { FIELDS_DESCRIPTION, maxCreditsOption, noteLocator, outputField } from '../../common/fields';
import { mediaParameters } from './mediaParameters';

const NEEDS_PROFILE = 'Filled only with Options → Include Author Profile (one more credit per author)';

/** Grouped by their shared prefix, which also keeps the list in the alphabetical order n8n's lint asks for. */
const AUTHOR_PROFILE_FIELDS: INodePropertyOptions[] = [
	{ name: 'Author Profile: Bio', value: 'authorBio', description: NEEDS_PROFILE },
	{ name: 'Author Profile: Followers', value: 'authorFollowers', description: NEEDS_PROFILE },
	{ name: 'Author Profile: Following', value: 'authorFollowing', description: NEEDS_PROFILE },
	{ name: 'Author Profile: Gender', value: 'authorGender', description: NEEDS_PROFILE },
	{ name: 'Author Profile: Likes and Collects', value: 'authorLikesAndCollects', description: NEEDS_PROFILE },
	{ name: 'Author Profile: Red ID', value: 'authorRedId', description: NEEDS_PROFILE },
	{ name: 'Author Profile: Region', value: 'authorRegion', description: NEEDS_PROFILE },
	{ name: 'Author Profile: Tags', value: 'authorTags', description: NEEDS_PROFILE },
];

/** The simplified fields a user can pick; a count brings its Text and Exact fields along. */
export const noteFieldOptions: INodePropertyOptions[] = [
	{ name: 'Author Avatar', value: 'authorAvatar' },
	{ name: 'Author ID', value: 'authorId' },
	{ name: 'Author Name', value: 'authorName' },
	...AUTHOR_PROFILE_FIELDS,
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
	{
		name: 'Link Token',
		value: 'xsecToken',
		description: 'The part of the note\'s link that lets parse.bot open it (xsec_token)',
	},
	{ name: 'Note ID', value: 'noteId' },
	{ name: 'Published At', value: 'publishedAt' },
	{
		name: 'Published At (as a Number)',
		value: 'publishedAtMs',
		description: 'Milliseconds since 1 January 1970, handy for sorting and comparing',
	},
	{
		name: 'Published At (Local Time, for Sheets)',
		value: 'publishedLocal',
		description: "Like 2026-01-31 18:04:05, in the workflow's time zone (Settings → Timezone): a spreadsheet reads it as a date",
	},
	{ name: 'Region', value: 'region' },
	{ name: 'Shares', value: 'shares' },
	{ name: 'Text', value: 'text' },
	{ name: 'Title', value: 'title' },
	{ name: 'Topics', value: 'topics' },
	{ name: 'Type', value: 'type' },
	{ name: 'Updated At', value: 'updatedAt' },
	{
		name: 'Updated At (as a Number)',
		value: 'updatedAtMs',
		description: 'Milliseconds since 1 January 1970, handy for sorting and comparing',
	},
	{
		name: 'Updated At (Local Time, for Sheets)',
		value: 'updatedLocal',
		description: "Like 2026-01-31 18:04:05, in the workflow's time zone (Settings → Timezone): a spreadsheet reads it as a date",
	},
	{ name: 'URL', value: 'url' },
	{ name: 'Video Duration (Seconds)', value: 'videoDurationSeconds' },
	{ name: 'Video URL', value: 'videoUrl' },
];

const properties: INodeProperties[] = [
	...noteLocator,
	outputField,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: ['noteId', 'url', 'title', 'likes', 'collects', 'comments', 'shares'],
		options: noteFieldOptions,
		description: FIELDS_DESCRIPTION,
		displayOptions: { show: { output: ['selected'] } },
	},
	...mediaParameters,
	...changeDetectionParameters('note'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
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

export const description = updateDisplayOptions({ show: { resource: ['note'], operation: ['get'] } }, properties);
