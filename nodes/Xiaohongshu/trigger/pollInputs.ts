/**
 * What the poll and Fetch Test Event both start from: the watch list read once with its short
 * links resolved, the rule engine's settings, and what the list costs a month.
 */
import type { IPollFunctions } from 'n8n-workflow';

import type { EngineConfig } from '../domain/watch/engagementTypes';
import { loadParseBotConfig } from '../transport/config';
import type { ParseBotClient } from '../transport/parseBotClient';
import { pollsPerMonth, watchCost } from '../domain/watch/cost';
import type { WatchCost } from '../domain/watch/cost';
import type { TriggerSettings } from './settings';
import { parseWatchList, readWatchList } from '../domain/watch/watchList';
import type { WatchList } from '../domain/watch/watchList';

export interface ShortLinkFailure {
	url: string;
	line: string;
	lineNumber: number;
	message: string;
	description: string;
}

/** Reads the list once, resolving short links not yet known; resolutions cost no credit. */
export async function readListResolvingShortLinks(
	settings: TriggerSettings,
	client: ParseBotClient,
	known: Record<string, string>,
	limit: number,
): Promise<{ list: WatchList; shortLinkTargets: Record<string, string>; linkFailures: ShortLinkFailure[] }> {
	const shortLinkTargets = { ...known };
	const parsed = parseWatchList(settings.kind, settings.listText);
	const linkFailures: ShortLinkFailure[] = [];
	const unknown = parsed.shortLinks.filter((s) => shortLinkTargets[s.url] === undefined);
	for (const pending of unknown.slice(0, limit)) {
		try {
			shortLinkTargets[pending.url] = (await client.resolveShortLink(pending.url)).targetUrl;
		} catch (error) {
			const e = error as { message?: unknown; description?: unknown };
			linkFailures.push({
				...pending,
				message: typeof e.message === 'string' ? e.message : `Could not open the short link ${pending.url}`,
				description: typeof e.description === 'string' ? e.description : 'Paste the full share link instead.',
			});
		}
	}
	return { list: readWatchList(parsed, shortLinkTargets), shortLinkTargets, linkFailures };
}

export function engineConfig(settings: TriggerSettings, emitBaseline = settings.emitBaseline): EngineConfig {
	return { metrics: settings.metrics, rules: settings.rules, emitBaseline };
}

export async function costOf(ctx: IPollFunctions, entries: number): Promise<WatchCost> {
	const { requestsPerMinute, plan, customCreditsPerMonth } = await loadParseBotConfig(ctx);
	return watchCost(entries, requestsPerMinute, pollsPerMonth(ctx.getNodeParameter('pollTimes', {})), plan, customCreditsPerMonth);
}
