import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { PLAN_OPTIONS } from '../nodes/Xiaohongshu/domain/plans';

export const PARSE_BOT_BASE_URL = 'https://api.parse.bot';
export const PARSE_BOT_XHS_SCRAPER_ID = '112e2db4-437f-4511-96f5-f0f62d23a010';

const KEY_HELP_URL = 'https://docs.parse.bot/authentication';

export const BAD_KEY_MESSAGE =
	'parse.bot did not accept this API key. Copy the key again from your parse.bot dashboard (Settings → API Key); if it is no longer shown there, generate a new one.';

/**
 * What the test's refusal says, by the status parse.bot puts in its error body. The test
 * request leaves out the profile ID, so a working key gets a 400 that runs no scraper; every
 * other answer is a reason the key cannot be used.
 */
const TEST_FAILURES: Array<[number | undefined, string]> = [
	[401, BAD_KEY_MESSAGE],
	[403, BAD_KEY_MESSAGE],
	[
		404,
		'The key works, but parse.bot does not know this Scraper ID (or it is not available to your account). Turn off Custom Endpoint to use parse.bot\'s public Xiaohongshu scraper.',
	],
	[
		429,
		'parse.bot refused the test: your credits for this month are used up, or the rate limit was hit. Try again in a minute; if it persists, check your plan on parse.bot.',
	],
	[500, 'parse.bot had a problem answering the test. Try again in a minute.'],
	[502, 'parse.bot had a problem answering the test. Try again in a minute.'],
	[503, 'parse.bot had a problem answering the test. Try again in a minute.'],
	[
		undefined,
		'The answer to the test did not come from parse.bot. If Custom Endpoint is on, check its Base URL.',
	],
];

/**
 * A field behind a switch (Custom Endpoint, Queue Mode). A credential saved before the switch
 * existed has no switch value (so it reads as off) but may hold its own value: each field is
 * declared twice, the second time shown while the switch is off and the field holds something
 * else than its usual value, so n8n keeps (and shows) what such a credential always used
 * instead of dropping it as a hidden field.
 */
function fieldBehindSwitch(
	field: Omit<INodeProperties, 'displayOptions'>,
	switchName: string,
	usualValue: string | number,
	whenKept: string,
): INodeProperties[] {
	return [
		{ ...field, displayOptions: { show: { [switchName]: [true] } } },
		{
			...field,
			description: `${field.description as string} ${whenKept}`,
			displayOptions: { show: { [switchName]: [false], [field.name]: [{ _cnd: { not: usualValue } }] } },
		},
	];
}

function endpointField(field: Omit<INodeProperties, 'displayOptions'>, parseBotValue: string): INodeProperties[] {
	return fieldBehindSwitch(
		field,
		'customEndpoint',
		parseBotValue,
		"This credential was saved with its own value, so it is used even with Custom Endpoint off: clear the field to use parse.bot's own.",
	);
}

export class ParseXhsApi implements ICredentialType {
	name = 'parseXhsApi';

	displayName = 'Parse.bot Xiaohongshu API';

	documentationUrl = 'https://github.com/n8n-nodes-parsebot-xiaohongshu/n8n-nodes-parsebot-xiaohongshu#credentials';

	icon = { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `Your parse.bot API key. Log in at parse.bot and open Settings → API Key (<a href="${KEY_HELP_URL}" target="_blank">how to get a key</a>).`,
			hint: `Find it in your parse.bot dashboard under Settings → API Key. <a href="${KEY_HELP_URL}" target="_blank">How to get a key</a>`,
		},
		{
			displayName: 'Plan',
			name: 'plan',
			type: 'options',
			default: 'free',
			description:
				'Your parse.bot plan. The nodes pace their calls to its rate limit so parse.bot never has to refuse them, and the Trigger compares its monthly cost with the plan\'s credits.',
			options: PLAN_OPTIONS,
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { plan: ['custom'] } },
			description: 'The most calls per minute your plan allows',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateWindowSeconds',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			displayOptions: { show: { plan: ['custom'] } },
			description:
				'How long a window your plan counts calls in. parse.bot counts per minute (60); change it only if your plan says otherwise. The nodes start as many calls at once as the window allows.',
		},
		{
			displayName: 'Credits per Month',
			name: 'creditsPerMonth',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			displayOptions: { show: { plan: ['custom'] } },
			description:
				"The credits a month your plan includes, so the Trigger can warn when a watch list would use more. 0: not stated, no such warning.",
		},
		{
			displayName: 'Custom Endpoint',
			name: 'customEndpoint',
			type: 'boolean',
			default: false,
			description:
				"Whether to reach parse.bot through another address or scraper, e.g. your company's proxy or a local test server. Leave off to use parse.bot itself.",
		},
		...endpointField(
			{
				displayName: 'Base URL',
				name: 'baseUrl',
				type: 'string',
				default: PARSE_BOT_BASE_URL,
				description: `The address to call instead of parse.bot's own (${PARSE_BOT_BASE_URL}).`,
			},
			PARSE_BOT_BASE_URL,
		),
		...endpointField(
			{
				displayName: 'Scraper ID',
				name: 'scraperId',
				type: 'string',
				default: PARSE_BOT_XHS_SCRAPER_ID,
				description: "The parse.bot scraper to call. The default is parse.bot's public Xiaohongshu scraper.",
			},
			PARSE_BOT_XHS_SCRAPER_ID,
		),
		{
			displayName: 'Queue Mode',
			name: 'queueMode',
			type: 'boolean',
			default: false,
			description:
				'Whether several n8n processes use this key at once (queue mode: main plus workers). Leave off for a single n8n.',
		},
		...fieldBehindSwitch(
			{
				displayName: 'n8n Processes Sharing This Key',
				name: 'processesSharingKey',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description:
					'How many n8n processes use this key at once: main plus every worker. Each keeps to its share of the plan, so together they never exceed it. At 1, each process uses the whole plan and slows down by itself when parse.bot refuses calls.',
			},
			'queueMode',
			1,
			'This credential was saved with this value, so it is used even with Queue Mode off: set it to 1 for a single n8n.',
		),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	/**
	 * A profile request without a profile ID: parse.bot checks the key, the scraper and the
	 * remaining credits first, then refuses the request (400) without running the scraper.
	 * n8n re-runs this test every time the credential is opened, so it must not fetch anything.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{($credentials.baseUrl || "${PARSE_BOT_BASE_URL}").replace(/\\/+$/, "")}}`,
			url: `={{"/scraper/" + ($credentials.scraperId || "${PARSE_BOT_XHS_SCRAPER_ID}") + "/get_user_profile"}}`,
			ignoreHttpStatusErrors: true,
		},
		rules: TEST_FAILURES.map(
			([status, message]): IAuthenticateRuleResponseSuccessBody => ({
				type: 'responseSuccessBody',
				properties: { key: 'status_code', value: status, message },
			}),
		),
	};
}
