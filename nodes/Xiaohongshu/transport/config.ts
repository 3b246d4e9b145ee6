/**
 * The credential, read once per client: where to call, which scraper, and how fast.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { PARSE_BOT_BASE_URL, PARSE_BOT_XHS_SCRAPER_ID } from '../../../credentials/ParseXhsApi.credentials';
import { FALLBACK_PLAN } from '../domain/plans';
import { processesSharing } from './adaptiveRate';
import { pacingKeyFor, requestsPerMinuteFor, windowMsFor } from './pacing';
import type { PacingLimits } from './pacing';

export const CREDENTIAL_NAME = 'parseXhsApi';


export interface ParseBotConfig {
	/** Kept only to scrub it out of any text parse.bot echoes back; never logged or output. */
	apiKey: string;
	baseUrl: string;
	scraperId: string;
	/** The credential's Plan ("free", "hobby", "developer", "custom"), for what a month may cost. */
	plan: string;
	requestsPerMinute: number;
	/** The credential's Credits per Month, read for a Custom plan (domain/plans.ts planCreditsPerMonth). */
	customCreditsPerMonth: unknown;
	/** n8n processes sharing the key (the credential's field): each starts at, and keeps to, its share. */
	processes: number;
	/** The window the plan counts calls in: a minute, unless a Custom plan says otherwise. */
	windowMs: number;
	/** SHA-256 of the key: names the process-wide pacing schedule without holding the key. */
	pacingKey: string;
}

export type ParseBotContext = IExecuteFunctions | IPollFunctions;

function textOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** A loop, not `/\/+$/`: that regex retries at every slash of a long run, which is quadratic. */
function withoutTrailingSlashes(url: string): string {
	let end = url.length;
	while (end > 0 && url[end - 1] === '/') end--;
	return url.slice(0, end);
}

export async function loadParseBotConfig(ctx: ParseBotContext): Promise<ParseBotConfig> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const requestsPerMinute = requestsPerMinuteFor(credentials.plan, credentials.requestsPerMinute);
	return {
		apiKey,
		baseUrl: withoutTrailingSlashes(textOr(credentials.baseUrl, PARSE_BOT_BASE_URL)),
		scraperId: textOr(credentials.scraperId, PARSE_BOT_XHS_SCRAPER_ID),
		plan: typeof credentials.plan === 'string' ? credentials.plan : FALLBACK_PLAN,
		requestsPerMinute,
		customCreditsPerMonth: credentials.creditsPerMonth,
		processes: processesSharing(credentials.processesSharingKey),
		windowMs: windowMsFor(credentials.plan, credentials.rateWindowSeconds),
		pacingKey: pacingKeyFor(apiKey),
	};
}

/** The limits the key's pacing schedule keeps to, as this credential states them. */
export function pacingLimitsOf(config: ParseBotConfig): PacingLimits {
	return { requestsPerMinute: config.requestsPerMinute, processes: config.processes, windowMs: config.windowMs };
}
