/**
 * One poll of the watch list: read the list (no calls for invalid lines or duplicates),
 * resolve short links once, fetch each unique entry once, judge it with the rule engine,
 * and return one item per event on the Events output and one per problem (entryFailed,
 * invalidEntry, watchListTooSlow, each reported once) on the Problems output.
 *
 * State discipline (see domain/engagement.ts for why it is safe with n8n's rules on
 * static data): the poll builds the next state aside and writes it to static data only
 * at its very end, so a poll that throws (a fatal error such as a bad key) leaves no trace
 * and the next poll redoes its work against the same baselines. Manual mode ("Fetch Test
 * Event") never writes state.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { evaluateObservation } from '../domain/engagement';
import { emptyEntryState } from '../domain/engagementTypes';
import type { EngineConfig } from '../domain/engagementTypes';
import { decideFailureReport, emptyWatchState, pruneWatchState, STATE_KEY } from '../domain/watchState';
import type { WatchState, WatchedEntry } from '../domain/watchState';
import { decodeWatchState, encodeWatchState } from '../domain/watchStateCodec';
import { chargeLedger } from '../domain/creditBudget';
import { loadParseBotConfig } from '../transport/config';
import { needsUser } from '../transport/failure';
import { createParseBotClient } from '../transport/parseBotClient';
import type { ParseBotClient } from '../transport/parseBotClient';
import { pollsPerMonth, watchCost } from './cost';
import type { WatchCost } from './cost';
import { eventItem, failureItem, invalidLineItem, noticeItem } from './eventItems';
import { loadedFromDatabase, planBudget, pollSpacingMs, shortBudgetText } from './budgetedTurns';
import type { BudgetPlan } from './budgetedTurns';
import { fetchEntry } from './fetchEntry';
import { readSettings } from './settings';
import type { TriggerSettings } from './settings';
import { entryKey, fingerprintOf, parseWatchList, readWatchList } from './watchList';
import type { WatchList, WatchTarget } from './watchList';

interface ShortLinkFailure {
	url: string;
	line: string;
	lineNumber: number;
	message: string;
	description: string;
}

/** Reads the list once, resolving short links not yet known; resolutions cost no credit. */
async function readListResolvingShortLinks(
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

function engineConfig(settings: TriggerSettings, emitBaseline = settings.emitBaseline): EngineConfig {
	return { metrics: settings.metrics, rules: settings.rules, emitBaseline };
}

async function costOf(ctx: IPollFunctions, entries: number): Promise<WatchCost> {
	const { requestsPerMinute, plan } = await loadParseBotConfig(ctx);
	return watchCost(entries, requestsPerMinute, pollsPerMonth(ctx.getNodeParameter('pollTimes', {})), plan);
}

/** "Fetch Test Event": the current counts of the first entry, as a baseline event; no state. */
async function testEvent(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const client = createParseBotClient(ctx);
	const saved = decodeWatchState(ctx.getWorkflowStaticData('node')[STATE_KEY]);
	const { list, linkFailures } = await readListResolvingShortLinks(settings, client, saved.shortLinks, 1);
	const target = list.targets[0];
	if (target === undefined) {
		const invalid = list.invalid[0];
		const linkFailure = linkFailures[0];
		const problem = invalid
			? `Line ${invalid.lineNumber}: ${invalid.message}. ${invalid.hint}`
			: linkFailure
				? `Line ${linkFailure.lineNumber}: ${linkFailure.message}. ${linkFailure.description}`
				: `Add one ${settings.kind === 'note' ? 'note share link' : 'creator profile link'} per line.`;
		throw new NodeOperationError(ctx.getNode(), 'The watch list has no entry that can be watched', {
			description: problem,
		});
	}
	const fetched = await fetchEntry(ctx, client, target, settings.metrics);
	if (!fetched.ok) {
		if ('stopPoll' in fetched) throw fetched.stopPoll;
		throw new NodeOperationError(ctx.getNode(), fetched.message, { description: fetched.description });
	}
	const { events } = evaluateObservation(undefined, { at: fetched.at, counts: fetched.counts }, engineConfig(settings, true));
	const cost = await costOf(ctx, list.targets.length);
	const base = events[0];
	const item: INodeExecutionData = base
		? eventItem(fetched.identity, base, fetched.snapshot)
		: noticeItem('baseline', `${target.kind} ${target.id} shows none of the chosen counts`, { snapshot: { ...fetched.snapshot } }, fetched.at);
	const skipped = [
		...list.invalid.map((i) => ({ lineNumber: i.lineNumber, text: `Line ${i.lineNumber} is skipped: ${i.message}. ${i.hint}` })),
		...linkFailures.map((f) => ({ lineNumber: f.lineNumber, text: `Line ${f.lineNumber} is skipped: ${f.message}. ${f.description}` })),
	].sort((a, b) => a.lineNumber - b.lineNumber);
	// The first thing a user reads after Fetch Test Event: what the list costs a month, and which lines it skips.
	item.json.summary = [item.json.summary, cost.monthlyText, ...skipped.map((s) => s.text)].filter(Boolean).join(' · ');
	item.json.watchList = {
		entries: list.targets.length,
		invalidLines: skipped.length,
		skippedLines: skipped.map((s) => s.text),
		duplicates: list.duplicates,
		creditsPerPoll: cost.callsPerPoll,
		creditsPerMonth: cost.creditsPerMonth,
		planCreditsPerMonth: cost.planCredits,
		overPlan: cost.overPlan,
		secondsPerPoll: cost.secondsPerPoll,
		cost: cost.text,
	};
	if (settings.creditBudget === null) return [[item], []];
	const plan = planBudget(
		{ ...settings, creditBudget: settings.creditBudget },
		saved,
		list.targets,
		Date.now(),
		pollSpacingMs(ctx.getNodeParameter('pollTimes', {})),
		false,
	);
	item.json.budget = {
		creditsPerMonth: plan.shape.creditsPerMonth,
		plannedCreditsPerMonth: plan.plannedPerMonth,
		longestGapHours: settings.longestGapMs / 3_600_000,
		fitsLongestGap: plan.fitsLongestGap,
		entries: plan.entries.map((e) => ({
			entry: e.key,
			intervalHours: Math.round((e.intervalMs / 3_600_000) * 100) / 100,
		})),
	};
	const short = shortBudgetText(plan, settings.longestGapMs);
	if (short === null) return [[item], []];
	return [[item], [noticeItem('budgetTooSmall', `💰 ${short}`, { budget: item.json.budget }, fetched.at)]];
}

function failureFingerprint(target: WatchTarget | { line: string }, httpCode: string | null): string {
	const input = 'ref' in target && target.kind === 'note' ? target.ref.xsecToken : target.line;
	return fingerprintOf(`${httpCode ?? 'local'}\n${input}`);
}

export async function pollWatchList(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(ctx);
	if (ctx.getMode() === 'manual') return await testEvent(ctx, settings);

	const staticData = ctx.getWorkflowStaticData('node');
	const loaded = loadedFromDatabase(staticData);
	const saved = decodeWatchState(staticData[STATE_KEY]);
	const client = createParseBotClient(ctx);
	const { list, shortLinkTargets, linkFailures } = await readListResolvingShortLinks(
		settings,
		client,
		saved.shortLinks,
		Number.POSITIVE_INFINITY,
	);

	const next: WatchState = {
		...emptyWatchState(),
		entries: { ...saved.entries },
		invalidReported: [...saved.invalidReported],
		shortLinks: shortLinkTargets,
		notices: { ...saved.notices },
	};
	const events: INodeExecutionData[] = [];
	const problems: INodeExecutionData[] = [];
	const now = Date.now();
	const config = engineConfig(settings);

	const budget: BudgetPlan | null =
		settings.creditBudget === null
			? null
			: planBudget(
					{ ...settings, creditBudget: settings.creditBudget },
					saved,
					list.targets,
					now,
					pollSpacingMs(ctx.getNodeParameter('pollTimes', {})),
					loaded,
				);
	let charged = 0;
	const short = budget ? shortBudgetText(budget, settings.longestGapMs) : null;
	if (short !== null) {
		const fingerprint = `${budget?.shape.creditsPerMonth}/${list.targets.length}/${settings.longestGapMs}`;
		if (next.notices.budget !== fingerprint) {
			next.notices.budget = fingerprint;
			problems.push(noticeItem('budgetTooSmall', `💰 ${short}`, {}, now));
		}
	} else {
		delete next.notices.budget;
	}

	const cost = await costOf(ctx, list.targets.length);
	const paceFingerprint = `${cost.callsPerPoll}/${cost.secondsPerPoll}`;
	if (cost.slowerThanAMinute) {
		ctx.logger.warn(`Xiaohongshu Trigger: ${cost.text}`);
		if (next.notices.pacing !== paceFingerprint) {
			next.notices.pacing = paceFingerprint;
			problems.push(noticeItem('watchListTooSlow', `⏱️ ${cost.text}`, { cost: { ...cost } }, now));
		}
	} else {
		delete next.notices.pacing;
	}
	const planFingerprint = `${cost.creditsPerMonth}/${cost.planCredits}`;
	// With a Credit Budget the Trigger cannot spend past it, so the unbudgeted estimate warns of nothing.
	if (cost.overPlan && !budget) {
		if (next.notices.overPlan !== planFingerprint) {
			next.notices.overPlan = planFingerprint;
			problems.push(noticeItem('overPlan', `💸 ${cost.monthlyText}`, { cost: { ...cost } }, now));
		}
	} else {
		delete next.notices.overPlan;
	}

	for (const invalid of list.invalid) {
		if (next.invalidReported.includes(invalid.fingerprint)) continue;
		next.invalidReported.push(invalid.fingerprint);
		problems.push(invalidLineItem(settings.kind, invalid, now));
	}

	const linkKeys: string[] = [];
	for (const failure of linkFailures) {
		const key = `shortLink:${failure.url}`;
		linkKeys.push(key);
		const previous = next.entries[key];
		const decision = decideFailureReport(previous?.failure, failureFingerprint(failure, null), true);
		next.entries[key] = { ...emptyEntryState(), failure: decision.memo };
		if (decision.report) {
			problems.push(
				failureItem({ kind: settings.kind, id: null, link: failure.url, httpCode: null, ...failure }, now),
			);
		}
	}

	for (const target of list.targets) {
		if (budget && !budget.turns.has(target.key)) continue;
		const previous: WatchedEntry | undefined = next.entries[target.key];
		const fetched = await fetchEntry(ctx, client, target, settings.metrics);
		charged++;
		if (!fetched.ok && 'stopPoll' in fetched) {
			// Only the ledger is written (credits may have gone): the next poll redoes the rest from the saved state.
			if (budget) staticData[STATE_KEY] = encodeWatchState({ ...saved, budget: chargeLedger(budget.ledger, charged) });
			throw fetched.stopPoll;
		}
		if (!fetched.ok) {
			const { failure } = fetched;
			const httpCode = failure && failure.httpStatus !== null ? String(failure.httpStatus) : null;
			const decision = decideFailureReport(
				previous?.failure,
				failureFingerprint(target, httpCode),
				!(failure !== null && needsUser(failure.kind)),
			);
			// Keep the entry's baselines: when its link is replaced, nothing seen so far is lost.
			next.entries[target.key] = {
				...(previous ?? emptyEntryState()),
				failure: budget ? { ...decision.memo, at: fetched.at } : decision.memo,
			};
			if (decision.report) {
				problems.push(
					failureItem(
						{
							kind: target.kind,
							id: target.id,
							link: target.ref.inputUrl,
							line: target.line,
							lineNumber: target.lineNumber,
							message: fetched.message,
							description: fetched.description,
							httpCode,
						},
						fetched.at,
					),
				);
			}
			continue;
		}
		const engineState = previous && previous.last !== null ? previous : undefined;
		const evaluation = evaluateObservation(engineState, { at: fetched.at, counts: fetched.counts }, config);
		next.entries[target.key] = evaluation.state;
		for (const event of evaluation.events) events.push(eventItem(fetched.identity, event, fetched.snapshot));
	}

	if (budget) next.budget = chargeLedger(budget.ledger, charged);
	staticData[STATE_KEY] = encodeWatchState(
		pruneWatchState(next, {
			entryKeys: [...list.targets.map((t) => entryKey(t.kind, t.id)), ...linkKeys],
			invalidFingerprints: list.invalid.map((i) => i.fingerprint),
			shortLinks: list.shortLinks,
		}),
	);
	// Either output having items is what makes n8n run the workflow and save the state.
	return events.length > 0 || problems.length > 0 ? [events, problems] : null;
}
