/**
 * Note → Get's "Download Media" parameters: which files, and how they are delivered.
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_FILE_MB, DEFAULT_TIMEOUT_SECONDS } from '../../../transport/mediaDownload';

const show = { resource: ['note'], operation: ['get'] };
const downloading = { show, hide: { downloadMedia: ['none'] } };

export const mediaParameters: INodeProperties[] = [
	{
		displayName: 'Download Media',
		name: 'downloadMedia',
		type: 'options',
		default: 'none',
		displayOptions: { show },
		description:
			"Whether to download the note's files into the item's binary data (image and video URLs expire within hours). Downloads cost no parse.bot credit.",
		options: [
			{ name: 'All Images', value: 'images', description: "Every image of an image note, as image_1, image_2, …" },
			{ name: 'All Media', value: 'all', description: 'Images, video and cover (an image note\'s cover is its first image, downloaded once)' },
			{ name: 'Cover', value: 'cover', description: 'The cover (first image) of any note, as cover' },
			{ name: 'None', value: 'none', description: 'Return links only' },
			{ name: 'Selected Media', value: 'selected', description: 'Choose which kinds below' },
			{ name: 'Video', value: 'video', description: 'The video of a video note, as video' },
		],
	},
	{
		displayName: 'Media to Download',
		name: 'mediaKinds',
		type: 'multiOptions',
		default: ['image'],
		displayOptions: { show: { ...show, downloadMedia: ['selected'] } },
		options: [
			{ name: 'Images', value: 'image' },
			{ name: 'Video', value: 'video' },
			{ name: 'Cover', value: 'cover' },
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
		displayName: 'Media Options',
		name: 'mediaOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: downloading,
		options: [
			{
				displayName: 'Put File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'Binary field that holds the file when each file is in its own item',
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
];
