import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export const PARSE_BOT_BASE_URL = 'https://api.parse.bot';
export const PARSE_BOT_XHS_SCRAPER_ID = '112e2db4-437f-4511-96f5-f0f62d23a010';
/** A public creator (from parse.bot's own listing) whose profile the credential test fetches. */
export const CREDENTIAL_TEST_USER_ID = '5bb08087e617cb0001a9b4a6';

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
			hint: 'Testing this credential fetches one public creator profile and costs one parse.bot credit',
			description: 'Your parse.bot API key, sent as the X-API-Key header',
		},
		{
			displayName: 'Plan',
			name: 'plan',
			type: 'options',
			default: 'free',
			description:
				'Your parse.bot plan. The nodes pace their calls to its rate limit so parse.bot never has to refuse them.',
			options: [
				{ name: 'Free (5 Requests / Minute)', value: 'free' },
				{ name: 'Hobby (20 Requests / Minute)', value: 'hobby' },
				{ name: 'Developer (250 Requests / Minute)', value: 'developer' },
				{ name: 'Custom', value: 'custom' },
			],
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
			displayName: 'n8n Processes Sharing This Key',
			name: 'processesSharingKey',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description:
				'How many n8n processes use this key at once: 1 for a single n8n; in queue mode, main plus every worker. Each keeps to its share of the plan, so together they never exceed it. Left at 1, each process uses the whole plan and slows down by itself when parse.bot refuses calls.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: PARSE_BOT_BASE_URL,
			description: "Parse.bot's API address. Change it only to use a proxy or a local stand-in.",
		},
		{
			displayName: 'Scraper ID',
			name: 'scraperId',
			type: 'string',
			default: PARSE_BOT_XHS_SCRAPER_ID,
			description: "The parse.bot scraper to call. The default is parse.bot's public Xiaohongshu scraper.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: `={{"/scraper/" + $credentials.scraperId + "/get_user_profile"}}`,
			qs: { user_id: CREDENTIAL_TEST_USER_ID },
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'parse.bot did not accept this API key' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'parse.bot did not accept this API key' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'The key works, but parse.bot does not know this Scraper ID (or it is not available to your account)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'parse.bot refused the test call: your credits are used up or the rate limit was hit. Try again in a minute.',
				},
			},
		],
	};
}
