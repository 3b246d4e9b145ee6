/**
 * What each failure kind says to the user: what happened (message) and what to do about it
 * (description).
 */
import { PARSE_BOT_XHS_SCRAPER_ID } from '../../../credentials/ParseXhsApi.credentials';
import type { DescribedFailure, FailureSubject, ParseBotFailure } from './failure';
import { explainNetworkFailure } from './networkFailure';

export interface FailureContext {
	subject: FailureSubject;
	scraperId: string;
	baseUrl: string;
	/** The credit cap in force, for the creditCap message. */
	maxCredits?: number;
}

function said(failure: ParseBotFailure): string {
	return failure.apiMessage ? ` parse.bot said: "${failure.apiMessage}".` : '';
}

function subjectName(subject: FailureSubject): string {
	return subject.resource === 'note' ? `note ${subject.id}` : `user ${subject.id}`;
}

const STOPPED = ' The run was stopped so that the remaining items did not fail one by one.';

/** The message (what happened) and description (what to do) for a failure. */
export function describeFailure(
	failure: ParseBotFailure,
	context: FailureContext,
): { message: string; description: string } {
	const name = subjectName(context.subject);
	const isNote = context.subject.resource === 'note';
	const tries = failure.attempts > 1 ? ` (tried ${failure.attempts} times)` : '';
	switch (failure.kind) {
		case 'badRequest':
			return {
				message: `parse.bot rejected the request for ${name} as malformed`,
				description: `Check the ${isNote ? 'note ID and xsec token' : 'user ID'}; the node sends them as given.${said(failure)}`,
			};
		case 'badKey':
			return {
				message: 'parse.bot did not accept the API key',
				description: `Copy the key again from your parse.bot dashboard (Settings → API Key; generate a new one if it is no longer shown) and paste it into the "Parse.bot Xiaohongshu API" credential.${STOPPED}`,
			};
		case 'unknownScraper':
			return {
				message: `parse.bot does not know scraper ID ${context.scraperId}`,
				description: `Check the Scraper ID in the credential (the default is parse.bot's public Xiaohongshu scraper, ${PARSE_BOT_XHS_SCRAPER_ID}) and that your account may use it.${STOPPED}`,
			};
		case 'staleInput':
			return isNote
				? {
						message: `Xiaohongshu would not serve ${name} with this link's token`,
						description: `The xsec token has expired or belongs to another note, or the note is now private or deleted. Get a fresh share link for the note (Share → Copy Link in the app) and run again; if a fresh link fails too, the note is private or deleted.${said(failure)}`,
					}
				: {
						message: `Xiaohongshu would not serve the profile of ${name}`,
						description: `Check the user ID or profile link; the account may be deleted, banned or private.${said(failure)}`,
					};
		case 'unavailable':
			return {
				message: isNote ? `Note ${context.subject.id} is private or has been deleted` : `The profile of ${name} is unavailable`,
				description: `Xiaohongshu no longer shows it to anyone outside the author's circle; there is nothing to fetch. Remove it from your list, or get a fresh share link if you believe it is public.${said(failure)}`,
			};
		case 'creditsExhausted':
			return {
				message: 'Your parse.bot credits are used up',
				description: `parse.bot refuses further calls until your monthly credits renew or you upgrade your plan.${said(failure)}${STOPPED}`,
			};
		case 'rateLimited': {
			const asked =
				failure.retryAfterMs !== null ? ` parse.bot asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s.` : '';
			return {
				message: `parse.bot's rate limit stopped the request for ${name}${tries}`,
				description: `Other n8n processes (queue-mode workers, another n8n) or other tools are using this API key at the same time. Set the credential's Plan to your real parse.bot plan, and "n8n Processes Sharing This Key" to the number of n8n processes using the key (main plus every worker) so each keeps to its share; give other tools their own key.${asked}`,
			};
		}
		case 'scraperCrashed':
			return {
				message: `parse.bot's scraper failed while fetching ${name}${tries}`,
				description: `This is a fault on parse.bot's side, not in your input. Try again later.${said(failure)}`,
			};
		case 'upstreamError': {
			const upstream = failure.upstreamStatus !== null ? ` (status ${failure.upstreamStatus})` : '';
			return {
				message: `Xiaohongshu answered parse.bot with an error${upstream} for ${name}`,
				description: `Xiaohongshu refused or failed the request. Wait a few minutes and try again; if ${isNote ? 'this note' : 'this profile'} keeps failing, get a fresh share link.${said(failure)}`,
			};
		}
		case 'blocked':
			return {
				message: `Xiaohongshu blocked parse.bot's request for ${name}${tries}`,
				description: `Xiaohongshu's anti-bot protection turned parse.bot away. This is not caused by your settings; try again in a few minutes.${said(failure)}`,
			};
		case 'unexpectedStatus':
			return {
				message: `parse.bot answered HTTP ${failure.httpStatus ?? '?'} for ${name}`,
				description: `An answer the node does not expect from parse.bot. Try again later; if it persists, check parse.bot's status page.${said(failure)}`,
			};
		case 'network': {
			const words = explainNetworkFailure(failure.detail, context.baseUrl);
			return {
				message: `Could not reach parse.bot at ${context.baseUrl}: ${words.what}`,
				description: `${words.fix} Nothing was fetched for ${name}, so no credit was spent.${words.code ? ` (Error code: ${words.code})` : ''}`,
			};
		}
		case 'invalidResponse':
			return {
				message: `parse.bot answered with data the node does not understand for ${name}`,
				description: `parse.bot may have changed its format; please report it with this detail: ${failure.detail ?? 'unknown'}.`,
			};
		case 'creditCap':
			return {
				message: `Credit cap reached before ${name} was fetched`,
				description: `This execution already made ${context.maxCredits ?? 'the allowed number of'} parse.bot calls, the most allowed by the "Max Credits per Execution" option. Raise or clear that option to fetch more.`,
			};
		case 'pastDeadline':
			return {
				message: `Not fetched: no time was left for ${name} in this poll`,
				description: 'Its call could not have answered before n8n ends the poll, so it was not made and no credit was spent. It comes first in the next poll.',
			};
	}
}

/** The failure with its words, as the client hands it on. */
export function describedFailure(failure: ParseBotFailure, context: FailureContext): DescribedFailure {
	return { failure, ...describeFailure(failure, context) };
}
