/**
 * One poll of the watch list: read the list (no calls for invalid lines or duplicates),
 * resolve short links once, fetch each unique entry once, judge it with the rule engine,
 * and return one item per event on the Events output and one per problem (entryFailed,
 * invalidEntry, watchListTooSlow, pollCapacity, each reported once) on the Problems output.
 *
 * Time: a poll fetches only what it can finish inside the time n8n gives it
 * (getPollBudgetMs; domain/watch/pollCapacity.ts), most overdue first, at the start times
 * the key's pacing schedule will give its calls (all at once where the key's limiter lets a
 * window's share through together), and makes no call whose slot came too late to answer in
 * time; the entries left out keep their state and come first in the next poll.
 *
 * State discipline (see domain/watch/engagement.ts for why it is safe with n8n's rules on
 * static data): the poll builds the next state aside and writes it to static data only
 * at its very end, so a poll that throws (a fatal error such as a bad key) leaves no trace
 * and the next poll redoes its work against the same baselines. A poll n8n abandons (past
 * its timeout, or its lease lost) is never committed either: the next poll starts from the
 * state the last committed poll left, fetches the same overdue entries again and reports what
 * the abandoned one found, once. Manual mode ("Fetch Test Event") never writes state.
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
import { lastFetchOf, loadedFromDatabase, planBudget, pollSpacingMs, shortBudgetText } from './budgetedTurns';
import type { BudgetPlan } from './budgetedTurns';
import { fetchEntry } from './fetchEntry';
import type { FetchedEntry } from './fetchEntry';
import { forEachInPool } from '../actions/common/pool';
import type { ParseBotClient } from '../transport/parseBotClient';
import { costOf, countEntries, engineConfig, readListResolvingShortLinks } from './pollInputs';
import { readSettings } from './settings';
import type { TriggerSettings } from './settings';
import { onePollAtATime } from './pollGuard';
import { testEvent } from './testEvent';
import { callsLeft, listCoverage, pollClock } from './pollTime';
import { ANSWER_ALLOWANCE_MS, pollOrder } from '../domain/watch/pollCapacity';
import { entryKey, fingerprintOf } from '../domain/watch/watchList';
import type { WatchTarget } from '../domain/watch/watchList';

/** Calls a poll may have in flight at once: the biggest published plan's minute (see the router's). */
const POLL_CALLS_IN_FLIGHT = 256;

async function fetchAll(
	ctx: IPollFunctions,
	client: ParseBotClient,
	targets: readonly WatchTarget[],
	metrics: TriggerSettings['metrics'],
): Promise<FetchedEntry[]> {
	const results: FetchedEntry[] = new Array<FetchedEntry>(targets.length);
	await forEachInPool(targets.length, POLL_CALLS_IN_FLIGHT, async (index) => {
		results[index] = await fetchEntry(ctx, client, targets[index], metrics);
	});
	return results;
}

/** The call was never made: the poll's time ran out before its slot. */
function notMade(fetched: FetchedEntry): boolean {
	return !fetched.ok && 'failure' in fetched && fetched.failure?.kind === 'pastDeadline';
}

function failureFingerprint(target: WatchTarget | { line: string }, httpCode: string | null): string {
	const input = 'ref' in target && target.kind === 'note' ? target.ref.xsecToken : target.line;
	return fingerprintOf(`${httpCode ?? 'local'}\n${input}`);
}

export async function pollWatchList(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(ctx);
	if (ctx.getMode() === 'manual') return await testEvent(ctx, settings);
	const node = ctx.getNode();
	return await onePollAtATime(`${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`, async () => await pollOnce(ctx, settings), null);
}

async function pollOnce(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();

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

	const clock = await pollClock(ctx, startedAt);
	// Retries and slow answers too: past the deadline n8n abandons the poll and the calls it paid for.
	client.finishBy(clock.deadline, ANSWER_ALLOWANCE_MS);
	const covered = listCoverage(clock, list.targets.length);
	if (covered.text !== null) {
		const fingerprint = `${covered.coverage.perPoll}/${covered.coverage.entries}/${covered.coverage.coveredEveryMs}`;
		if (next.notices.capacity !== fingerprint) {
			next.notices.capacity = fingerprint;
			problems.push(noticeItem('pollCapacity', `⏱️ ${covered.text}`, { coverage: { ...covered.coverage } }, now));
		}
	} else {
		delete next.notices.capacity;
	}

	const cost = await costOf(ctx, settings, countEntries(list, linkFailures), covered.text === null ? [] : [covered.text]);
	const paceFingerprint = `${cost.callsPerPoll}/${cost.secondsPerPoll}`;
	// The capacity notice above says what a slow list really gets; this one would only repeat it.
	if (cost.slowerThanAMinute && covered.text === null) {
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

	const byKey = new Map(list.targets.map((t) => [t.key, t]));
	const due: WatchTarget[] = budget
		? [...budget.turns].map((key) => byKey.get(key)).filter((t): t is WatchTarget => t !== undefined)
		: pollOrder(list.targets.map((t) => ({ key: t.key, lastFetchAt: lastFetchOf(saved.entries[t.key]), target: t }))).map(
				(c) => c.target,
			);
	const planned = due.slice(0, callsLeft(clock, due.length, Date.now()));
	// All at once: the key's schedule starts them as its limiter allows (a window's share together
	// where bursts go through, evenly spaced where not). A call whose slot comes too late to answer
	// by the deadline (a Retry-After held the key meanwhile) is not made: its entry waits, untouched.
	const results = await fetchAll(ctx, client, planned, settings.metrics);
	const made = results.filter((fetched) => !notMade(fetched));
	const charged = made.length;
	const stop = made.find((fetched): fetched is Extract<FetchedEntry, { stopPoll: unknown }> => !fetched.ok && 'stopPoll' in fetched);
	if (stop) {
		// Only the ledger is written (credits may have gone): the next poll redoes the rest from the saved state.
		if (budget) staticData[STATE_KEY] = encodeWatchState({ ...saved, budget: chargeLedger(budget.ledger, charged) });
		throw stop.stopPoll;
	}
	for (const [index, target] of planned.entries()) {
		const fetched = results[index];
		if (notMade(fetched) || (!fetched.ok && 'stopPoll' in fetched)) continue;
		const previous: WatchedEntry | undefined = next.entries[target.key];
		if (!fetched.ok) {
			const { failure } = fetched;
			const httpCode = failure && failure.httpStatus !== null ? String(failure.httpStatus) : null;
			const decision = decideFailureReport(
				previous?.failure,
				failureFingerprint(target, httpCode),
				!(failure !== null && needsUser(failure.kind)),
			);
			// Keep the entry's baselines: when its link is replaced, nothing seen so far is lost.
			// The failure's time is its turn in the poll order: a note that keeps failing waits its
			// turn like the others instead of coming first every poll.
			next.entries[target.key] = { ...(previous ?? emptyEntryState()), failure: { ...decision.memo, at: fetched.at } };
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

	if (charged < due.length) {
		ctx.logger.debug(
			`Xiaohongshu Trigger: fetched ${charged} of ${due.length} due entries within the poll's ${Math.round(clock.budgetMs / 1000)} s; the rest come first next poll`,
		);
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
