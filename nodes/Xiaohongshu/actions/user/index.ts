import * as get from './get/execute';
import { description as getDescription } from './get/description';
import type { ResourceOperations } from '../registry';

/** The User resource's operations; the first is the default. */
export const operations = {
	get: {
		option: {
			name: 'Get',
			action: 'Get a user',
			description:
				"Get a creator's profile: nickname, bio, gender, region, followers, following, likes and collects, tags. Costs one parse.bot credit per distinct creator.",
		},
		subtitle: 'Get User',
		parameters: getDescription,
		execute: get.execute,
	},
} satisfies ResourceOperations;
