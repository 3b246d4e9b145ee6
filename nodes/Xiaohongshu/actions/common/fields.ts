/**
 * Parameter blocks shared by several operations: the note and user locators, the Output
 * switch and its field picker, and the credit cap option.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

type Show = { resource: string[]; operation: string[] };

/**
 * Version 1.1 renamed the locators' link mode from "url" to "link": n8n labels a mode named
 * "url" "By URL" whatever its display name says. Version 1 keeps its "url" mode so saved
 * workflows open as they were saved.
 */
export const VERSION_1 = { '@version': [1] };
export const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

const TOKEN_DESCRIPTION =
	"The note's xsec_token: the value after \"xsec_token=\" in its link. Xiaohongshu only serves a note with the token from one of its own links.";

interface LinkMode {
	name: 'url' | 'link';
	displayName: string;
	placeholder: string;
	hint?: string;
}

function noteProperty(link: LinkMode, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Note',
		name: 'note',
		type: 'resourceLocator',
		default: { mode: link.name, value: '' },
		required: true,
		description:
			'The note, as a link or as the whole share text copied from the app. Every Xiaohongshu and RedNote link form works, including xhslink.com short links.',
		modes: [
			{ displayName: link.displayName, name: link.name, type: 'string', placeholder: link.placeholder, hint: link.hint },
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 641ae75d0000000013031c27',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[0-9a-fA-F]{24}\\s*$', errorMessage: 'A note ID is 24 hexadecimal characters' },
					},
				],
			},
		],
		displayOptions,
	};
}

/** The note to work on: a link or pasted share text, or an ID (with its token in its own field). */
export function noteLocator(show: Show): INodeProperties[] {
	return [
		noteProperty(
			{
				name: 'url',
				displayName: 'Link or Share Text',
				placeholder:
					'e.g. https://www.xiaohongshu.com/explore/641ae75d0000000013031c27?xsec_token=CB…, http://xhslink.com/a/…, or the app share text',
				hint: 'The xsec_token in the link is what lets parse.bot open the note: paste the link whole',
			},
			{ show: { ...show, ...VERSION_1 } },
		),
		{
			displayName: 'Xsec Token',
			// Not "xsecToken": the token is public (it sits in every share link), not a secret to mask.
			name: 'xsec',
			type: 'string',
			default: '',
			placeholder: 'e.g. CBgVx0Q3kq…=',
			description: TOKEN_DESCRIPTION,
			hint: 'Needed when the note is given by ID, or by a link that lost its token; a link with its own token ignores this field',
			displayOptions: { show: { ...show, ...VERSION_1 } },
		},
		noteProperty(
			{
				name: 'link',
				displayName: 'By Link or Share Text',
				placeholder: "Paste a link or the app's share text",
				hint: 'Paste the whole link as copied: the part after ? is what lets parse.bot open the note',
			},
			{ show: { ...show, ...FROM_VERSION_1_1 } },
		),
		{
			displayName: 'Xsec Token',
			name: 'xsec',
			type: 'string',
			default: '',
			placeholder: 'e.g. CBgVx0Q3kq…=',
			description: TOKEN_DESCRIPTION,
			// A root path ("/note.mode"): n8n 1.x cannot order a dependency on "note.mode" and fails the whole form.
			displayOptions: { show: { ...show, ...FROM_VERSION_1_1, '/note.mode': ['id'] } },
		},
	];
}

function userProperty(link: LinkMode, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'User',
		name: 'user',
		type: 'resourceLocator',
		default: { mode: link.name, value: '' },
		required: true,
		description: "The creator, as a profile link, the profile's share text, or a user ID",
		modes: [
			{ displayName: link.displayName, name: link.name, type: 'string', placeholder: link.placeholder },
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5bb08087e617cb0001a9b4a6',
				hint: 'The 24-character ID from the profile link, not the Red ID shown on the profile',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[0-9a-fA-F]{24}\\s*$', errorMessage: 'A user ID is 24 hexadecimal characters' },
					},
				],
			},
		],
		displayOptions,
	};
}

/** The creator to work on: a profile link (or share text), or a user ID. */
export function userLocator(show: Show): INodeProperties[] {
	const placeholder = 'e.g. https://www.xiaohongshu.com/user/profile/5bb08087e617cb0001a9b4a6';
	return [
		userProperty({ name: 'url', displayName: 'Link or Share Text', placeholder }, { show: { ...show, ...VERSION_1 } }),
		userProperty({ name: 'link', displayName: 'By Link or Share Text', placeholder }, { show: { ...show, ...FROM_VERSION_1_1 } }),
	];
}

/** Output: Simplified / Raw / Selected Fields. Each operation adds its own Fields picker. */
export function outputField(show: Show): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'simplified',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'Flat, spreadsheet-ready fields: counts as numbers with their displayed text, times as ISO-8601',
			},
			{
				name: 'Raw',
				value: 'raw',
				description: 'The answer from parse.bot, untouched, including any field the simplified output leaves out',
			},
			{
				name: 'Selected Fields',
				value: 'selected',
				description: 'Only the simplified fields you pick',
			},
		],
		displayOptions: { show },
	};
}

export const FIELDS_DESCRIPTION =
	'The simplified fields to return. Picking a count also returns its displayed text and whether it is exact.';

export const maxCreditsOption: INodeProperties = {
	displayName: 'Max Credits per Execution',
	name: 'maxCredits',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description:
		'The most parse.bot calls (one credit each) this node may make in one execution; items beyond it fail without a call. 0 means no cap.',
};
