/**
 * What the poll and Fetch Test Event both start from: the watch list read once with its short
 * links resolved, the rule engine's settings, and what the list costs a month.
 */
import type { IPollFunctions } from 'n8n-workflow';

import type { EngineConfig } from '../domain/watch/engagementTypes';
import { loadParseBotConfig } from '../transport/config';
import type { ParseBotClient } from '../transport/parseBotClient';
import { planAllowance, pollsPerMonth, pollTimesLabel, watchCost } from '../domain/watch/cost';
import type { WatchCost } from '../domain/watch/cost';
import type { TriggerSettings } from './settings';
import { parseWatchList, readWatchList } from '../domain/watch/watchList';
import type { ShortLinkLine, WatchList } from '../domain/watch/watchList';

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

/**
 * What the poll will fetch without a budget: every entry read, and every short link not opened
 * yet (one entry each; opening it costs no credit, fetching its note does). A short link that
 * failed to open is not fetched: it is reported, not counted.
 */
export function countEntries(
	list: WatchList,
	linkFailures: readonly ShortLinkFailure[],
): { entries: number; unopenedShortLinks: number; unopened: ShortLinkLine[] } {
	const failed = new Set(linkFailures.map((f) => f.url));
	const unopened = list.pendingShortLinks.filter((s) => !failed.has(s.url));
	return { entries: list.targets.length + unopened.length, unopenedShortLinks: unopened.length, unopened };
}

/**
 * The one place the trigger's cost verdict is put together (Fetch Test Event and the poll's
 * warnings): the counted entries, the Poll Times, the Credit Budget and the credential's plan.
 * `extra` sentences (another check on the same list) follow the verdict.
 */
export async function costOf(
	ctx: IPollFunctions,
	settings: TriggerSettings,
	counted: { entries: number; unopenedShortLinks: number },
	extra: readonly string[] = [],
): Promise<WatchCost> {
	const { requestsPerMinute, plan, customCreditsPerMonth } = await loadParseBotConfig(ctx);
	const pollTimes = ctx.getNodeParameter('pollTimes', {});
	return watchCost({
		...counted,
		requestsPerMinute,
		monthlyPolls: pollsPerMonth(pollTimes),
		pollTimes: pollTimesLabel(pollTimes),
		creditBudget: settings.creditBudget,
		plan: planAllowance(plan, customCreditsPerMonth),
		extra,
	});
}
