import * as get from './get/execute';
import { description as getDescription } from './get/description';
import * as parseLink from './parseLink/execute';
import { description as parseLinkDescription } from './parseLink/description';
import type { ResourceOperations } from '../registry';

/** The Note resource's operations; the first is the default. */
export const operations = {
	get: {
		option: {
			name: 'Get',
			action: 'Get a note',
			description:
				"Get a note's title, text, topics, author, likes, collects, comments, shares, images and video from its link or share text. Costs one parse.bot credit per distinct note.",
		},
		subtitle: 'Get Note',
		parameters: getDescription,
		execute: get.execute,
		costHint:
			'Note → Get costs one parse.bot credit per distinct note in the execution (plus one per distinct author with Include Author Profile); the same note twice is fetched once.',
		outputHint: {
			message: 'Image and video URLs are signed and expire within hours: download them soon if you need the files.',
			type: 'info',
			location: 'outputPane',
		},
	},
	parseLink: {
		option: {
			name: 'Parse Link',
			action: 'Parse a note link',
			description:
				'Read the note ID, xsec token and canonical URL from a link or share text without calling parse.bot (free). Resolves xhslink.com short links.',
		},
		subtitle: 'Parse Note Link',
		parameters: parseLinkDescription,
		execute: parseLink.execute,
	},
} satisfies ResourceOperations;
