/**
 * Parameter blocks shared by several operations: the note and user locators, the Output
 * switch and its field picker, and the credit cap option. They carry only their own display
 * conditions (version, locator mode); each operation adds its resource and operation with
 * n8n-workflow's updateDisplayOptions.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { IN_TOOL_MODE, NOT_IN_TOOL_MODE, fromAi } from './toolMode';

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

interface LocatorKind {
	name: 'note' | 'user';
	displayName: string;
	description: string;
	idPlaceholder: string;
	idHint?: string;
	idError: string;
}

const NOTE: LocatorKind = {
	name: 'note',
	displayName: 'Note',
	description:
		'The note, as a link or as the whole share text copied from the app. Every Xiaohongshu and RedNote link form works, including xhslink.com short links.',
	idPlaceholder: 'e.g. 641ae75d0000000013031c27',
	idError: 'A note ID is 24 hexadecimal characters',
};

const USER: LocatorKind = {
	name: 'user',
	displayName: 'User',
	description: "The creator, as a profile link, the profile's share text, or a user ID",
	idPlaceholder: 'e.g. 5bb08087e617cb0001a9b4a6',
	idHint: 'The 24-character ID from the profile link, not the Red ID shown on the profile',
	idError: 'A user ID is 24 hexadecimal characters',
};

/** A note or user locator: a link (or share text) mode, and an ID mode checked as the user types. */
function locatorProperty(kind: LocatorKind, link: LinkMode, displayOptions: IDisplayOptions, value = ''): INodeProperties {
	const { hint, ...linkMode } = link;
	return {
		displayName: kind.displayName,
		name: kind.name,
		type: 'resourceLocator',
		default: { mode: link.name, value },
		required: true,
		description: kind.description,
		modes: [
			{ ...linkMode, type: 'string', ...(hint ? { hint } : {}) },
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: kind.idPlaceholder,
				...(kind.idHint ? { hint: kind.idHint } : {}),
				validation: [{ type: 'regex', properties: { regex: '^\\s*[0-9a-fA-F]{24}\\s*$', errorMessage: kind.idError } }],
			},
		],
		displayOptions,
	};
}

/** The current version's locator: empty for a person to fill, in tool mode filled by the model. */
function currentLocator(kind: LocatorKind, link: LinkMode, forTheModel: string): INodeProperties[] {
	return [
		locatorProperty(kind, link, { show: { ...FROM_VERSION_1_1, ...NOT_IN_TOOL_MODE } }),
		locatorProperty(kind, link, { show: { ...FROM_VERSION_1_1, ...IN_TOOL_MODE } }, fromAi(kind.displayName, forTheModel)),
	];
}

const NOTE_FOR_THE_MODEL =
	"The Xiaohongshu (RedNote) note: its full link as shared, with the ?xsec_token=... part, or the whole share text copied from the app. A note ID alone does not work.";
const USER_FOR_THE_MODEL = "The Xiaohongshu creator: a profile link, the profile's share text, or the 24-character user ID";

const XSEC_TOKEN: INodeProperties = {
	displayName: 'Xsec Token',
	// Not "xsecToken": the token is public (it sits in every share link), not a secret to mask.
	name: 'xsec',
	type: 'string',
	default: '',
	placeholder: 'e.g. CBgVx0Q3kq…=',
	description: TOKEN_DESCRIPTION,
};

/** The note to work on: a link or pasted share text, or an ID (with its token in its own field). */
export const noteLocator: INodeProperties[] = [
	locatorProperty(
		NOTE,
		{
			name: 'url',
			displayName: 'Link or Share Text',
			placeholder:
				'e.g. https://www.xiaohongshu.com/explore/641ae75d0000000013031c27?xsec_token=CB…, http://xhslink.com/a/…, or the app share text',
			hint: 'The xsec_token in the link is what lets parse.bot open the note: paste the link whole',
		},
		{ show: VERSION_1 },
	),
	{
		...XSEC_TOKEN,
		hint: 'Needed when the note is given by ID, or by a link that lost its token; a link with its own token ignores this field',
		displayOptions: { show: VERSION_1 },
	},
	...currentLocator(
		NOTE,
		{
			name: 'link',
			// Short: the mode dropdown is narrow ("By Link or Share Text" showed as "By Link c"); the placeholder says share text works.
			displayName: 'By Link',
			placeholder: "Paste a link or the app's share text",
			hint: 'Paste the whole link as copied: the part after ? is what lets parse.bot open the note',
		},
		NOTE_FOR_THE_MODEL,
	),
	{
		...XSEC_TOKEN,
		// A root path ("/note.mode"): n8n 1.x cannot order a dependency on "note.mode" and fails the whole form.
		displayOptions: { show: { ...FROM_VERSION_1_1, '/note.mode': ['id'] } },
	},
];

const PROFILE_PLACEHOLDER = 'e.g. https://www.xiaohongshu.com/user/profile/5bb08087e617cb0001a9b4a6';

/** The creator to work on: a profile link (or share text), or a user ID. */
export const userLocator: INodeProperties[] = [
	locatorProperty(USER, { name: 'url', displayName: 'Link or Share Text', placeholder: PROFILE_PLACEHOLDER }, { show: VERSION_1 }),
	...currentLocator(USER, { name: 'link', displayName: 'By Link', placeholder: PROFILE_PLACEHOLDER }, USER_FOR_THE_MODEL),
];

/** Output: Simplified / Raw / Selected Fields. Each operation adds its own Fields picker. */
export const outputField: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'simplified',
	options: [
		{
			name: 'Simplified',
			value: 'simplified',
			description:
				"Flat, spreadsheet-ready fields in reading order (title, author, counts, date, link first): counts as numbers with their displayed text, times in the workflow's time zone as a sheet reads a date and as ISO-8601 (UTC)",
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
};

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
