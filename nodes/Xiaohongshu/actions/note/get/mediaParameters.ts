/**
 * Note → Get's "Download Media" parameters: which files, and how they are delivered. The
 * operation's description adds its resource and operation to each.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_MAX_FILE_MB, DEFAULT_TIMEOUT_SECONDS } from '../../../transport/mediaDownload';
import { FROM_VERSION_1_1 } from '../../common/fields';
import { notInToolMode } from '../../common/toolMode';

const downloading = { hide: { downloadMedia: ['none'] } };

/**
 * From nothing to everything, "None" (the default) first: read alphabetically, "None" sat in the
 * middle of the list, where a user looking for "no download" does not expect it.
 */
const DOWNLOAD_CHOICES: INodePropertyOptions[] = [
	{ name: 'None', value: 'none', description: 'Return links only' },
	{ name: 'Cover', value: 'cover', description: 'The cover (first image) of any note, as cover' },
	{ name: 'All Images', value: 'images', description: "Every image of an image note, as image_1, image_2, …" },
	{ name: 'Video', value: 'video', description: 'The video of a video note, as video' },
	{ name: 'All Media', value: 'all', description: 'Images, video and cover (an image note\'s cover is its first image, downloaded once)' },
	{ name: 'Selected Media', value: 'selected', description: 'Choose which kinds below' },
];

/** Not offered in tool mode: a model cannot use files. */
export const mediaParameters: INodeProperties[] = ([
	{
		displayName: 'Download Media',
		name: 'downloadMedia',
		type: 'options',
		default: 'none',
		description:
			"Whether to download the note's files into the item's binary data (image and video URLs expire within hours). Downloads cost no parse.bot credit.",
		options: DOWNLOAD_CHOICES,
	},
	{
		displayName: 'Media to Download',
		name: 'mediaKinds',
		type: 'multiOptions',
		default: ['image'],
		displayOptions: { show: { downloadMedia: ['selected'] } },
		options: [
			{ name: 'Cover', value: 'cover', description: 'The first image (a video note\'s cover)' },
			{ name: 'Images', value: 'image', description: 'Every image of an image note' },
			{ name: 'Video', value: 'video', description: 'The video of a video note' },
		],
	},
	{
		displayName: 'Put Each File in Its Own Item',
		name: 'mediaOwnItems',
		type: 'boolean',
		default: false,
		displayOptions: downloading,
		description:
			'Whether to output one item per downloaded file (each with the note\'s data and the file in the field set below), e.g. for a "save each file" step. Off: one item per note, files as image_1, image_2, …, video, cover.',
	},
	{
		// Not named "binaryPropertyName": n8n puts its tooltip about reading binary data from the input item on any field so named.
		displayName: 'Put File in Field',
		name: 'fileField',
		type: 'string',
		default: 'data',
		description: 'The binary field of each output item that holds its file',
		displayOptions: { ...downloading, show: { ...FROM_VERSION_1_1, mediaOwnItems: [true] } },
	},
	{
		displayName: 'Download Options',
		name: 'mediaOptions',
		type: 'collection',
		// Not "Add Option": the Options collection below has that button, and two alike look like one list twice.
		placeholder: 'Add Download Option',
		default: {},
		displayOptions: downloading,
		options: [
			{
				displayName: 'Put File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'Binary field that holds the file when each file is in its own item',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Image Quality',
				name: 'imageQuality',
				type: 'options',
				default: 'served',
				description:
					"Which file to take for images and covers. Each file's quality is in mediaFiles[].quality (or media.quality). No parse.bot credit either way.",
				options: [
					{
						name: 'As Served',
						value: 'served',
						description: 'The resized WebP or JPEG the note shows, from its signed URL',
					},
					{
						name: 'Original',
						value: 'original',
						description:
							'The full-size upload from ci.xiaohongshu.com, without re-encoding; the served file when the original cannot be fetched',
					},
				],
			},
			{
				displayName: 'Max File Size (MB)',
				name: 'maxFileSizeMb',
				type: 'number',
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				default: DEFAULT_MAX_FILE_MB,
				description: 'Files larger than this are not downloaded (the item says so in mediaErrors)',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description: 'How long one file may take to download before it is given up',
			},
		],
	},
] as INodeProperties[]).map((parameter) => ({
	...parameter,
	displayOptions: notInToolMode(parameter.displayOptions),
}));
