/**
 * One poll of the watch list: read the list (no calls for invalid lines or duplicates),
 * resolve short links once, fetch each unique entry once, judge it with the rule engine,
 * and return one item per event on the Events output and one per problem (entryFailed,
 * invalidEntry, watchListTooSlow, each reported once) on the Problems output.
 *
 * State discipline (see domain/watch/engagement.ts for why it is safe with n8n's rules on
 * static data): the poll builds the next state aside and writes it to static data only
 * at its very end, so a poll that throws (a fatal error such as a bad key) leaves no trace
 * and the next poll redoes its work against the same baselines. Manual mode ("Fetch Test
 * Event") never writes state.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { evaluateObservation } from '../domain/watch/engagement';
import { emptyEntryState } from '../domain/watch/engagementTypes';
import { decideFailureReport, emptyWatchState, pruneWatchState, STATE_KEY } from '../domain/watch/watchState';
import type { WatchState, WatchedEntry } from '../domain/watch/watchState';
import { decodeWatchState, encodeWatchState } from '../domain/watch/watchStateCodec';
import { chargeLedger } from '../domain/watch/creditBudget';
import { needsUser } from '../transport/failure';
import { createParseBotClient } from '../transport/parseBotClient';
import { eventItem, failureItem, invalidLineItem, noticeItem } from './eventItems';
import { loadedFromDatabase, planBudget, pollSpacingMs, shortBudgetText } from './budgetedTurns';
import type { BudgetPlan } from './budgetedTurns';
import { fetchEntry } from './fetchEntry';
import { costOf, countEntries, engineConfig, readListResolvingShortLinks } from './pollInputs';
import { readSettings } from './settings';
import { testEvent } from './testEvent';
import { entryKey, fingerprintOf } from '../domain/watch/watchList';
import type { WatchTarget } from '../domain/watch/watchList';

function failureFingerprint(target: WatchTarget | { line: string }, httpCode: string | null): string {
	const input = 'ref' in target && target.kind === 'note' ? target.ref.xsecToken : target.line;
	return fingerprintOf(`${httpCode ?? 'local'}\n${input}`);
}

export async function pollWatchList(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(ctx);
	if (ctx.getMode() === 'manual') return await testEvent(ctx, settings);

	const staticData = ctx.getWorkflowStaticData('node');
	const loaded = loadedFromDatabase(staticData);
	const saved = decodeWatchState(staticData[STATE_KEY], Date.now());
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

	const cost = await costOf(ctx, settings, countEntries(list, linkFailures));
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
	// The month as the budget caps it: a budget within the plan warns of nothing, one above it does.
	if (cost.overPlan) {
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
