/**
 * "Fetch Test Event": the current counts of the first entry as a baseline event, with what the
 * list costs a month, the lines it skips, how much of the list one poll covers and, with a
 * credit budget, the plan. It writes no state, and calls parse.bot once, whatever the list's
 * length, so it answers within the editor's patience on any plan; the entries it leaves out
 * are counted in `watchList.notFetchedInTest`.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { evaluateObservation } from '../domain/watch/engagement';
import { STATE_KEY } from '../domain/watch/watchState';
import { decodeWatchState } from '../domain/watch/watchStateCodec';
import { createParseBotClient } from '../transport/parseBotClient';
import { eventItem, noticeItem } from './eventItems';
import { planBudget, pollSpacingMs, shortBudgetText } from './budgetedTurns';
import { fetchEntry } from './fetchEntry';
import { costOf, countEntries, engineConfig, readListResolvingShortLinks } from './pollInputs';
import type { TriggerSettings } from './settings';
import { HOUR_MS } from '../domain/units';
import { listCoverage, pollClock } from './pollTime';

/** "Fetch Test Event": the current counts of the first entry, as a baseline event; no state. */
export async function testEvent(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const client = createParseBotClient(ctx);
	const saved = decodeWatchState(ctx.getWorkflowStaticData('node')[STATE_KEY], Date.now());
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
	// Every line counts: a short link not opened yet (only the cached ones and the first are opened here) is one entry.
	const counted = countEntries(list, linkFailures);
	const { unopened } = counted;
	const cost = await costOf(ctx, settings, counted);
	const base = events[0];
	const item: INodeExecutionData = base
		? eventItem(fetched.identity, base, fetched.snapshot)
		: noticeItem('baseline', `${target.kind} ${target.id} shows none of the chosen counts`, { snapshot: { ...fetched.snapshot } }, fetched.at);
	const skipped = [
		...list.invalid.map((i) => ({ lineNumber: i.lineNumber, text: `Line ${i.lineNumber} is skipped: ${i.message}. ${i.hint}` })),
		...linkFailures.map((f) => ({ lineNumber: f.lineNumber, text: `Line ${f.lineNumber} is skipped: ${f.message}. ${f.description}` })),
	].sort((a, b) => a.lineNumber - b.lineNumber);
	// The first thing a user reads after Fetch Test Event: what the list costs a month, and which lines it skips.
	// How much of the list one poll covers: one extra line, apart from the cost texts.
	const covered = listCoverage(await pollClock(ctx, Date.now()), list.targets.length);
	item.json.summary = [item.json.summary, cost.monthlyText, covered.text, ...skipped.map((s) => s.text)].filter(Boolean).join(' · ');
	item.json.watchList = {
		entries: counted.entries,
		unopenedShortLinks: unopened.map((s) => `Line ${s.lineNumber}: ${s.url} (counted as one entry; opened at the first poll, no credit)`),
		invalidLines: skipped.length,
		skippedLines: skipped.map((s) => s.text),
		duplicates: list.duplicates,
		creditsPerPoll: cost.callsPerPoll,
		neededCreditsPerMonth: cost.neededPerMonth,
		creditsPerMonth: cost.creditsPerMonth,
		creditBudget: cost.creditBudget,
		planCreditsPerMonth: cost.planCredits,
		overPlan: cost.overPlan,
		secondsPerPoll: cost.secondsPerPoll,
		cost: cost.text,
		notFetchedInTest: list.targets.length - 1,
		pollCapacity: { ...covered.coverage, text: covered.text },
	};
	if (settings.creditBudget === null) return [[item], []];
	const plan = planBudget(
		{ ...settings, creditBudget: settings.creditBudget },
		saved,
		[...list.targets, ...unopened.map((s) => ({ key: `shortLink:${s.url}`, kind: target.kind, id: '' }))],
		Date.now(),
		pollSpacingMs(ctx.getNodeParameter('pollTimes', {})),
		false,
	);
	item.json.budget = {
		creditsPerMonth: plan.shape.creditsPerMonth,
		plannedCreditsPerMonth: plan.plannedPerMonth,
		longestGapHours: settings.longestGapMs / HOUR_MS,
		fitsLongestGap: plan.fitsLongestGap,
		entries: plan.entries.map((e) => ({
			entry: e.key,
			intervalHours: Math.round((e.intervalMs / HOUR_MS) * 100) / 100,
		})),
	};
	const short = shortBudgetText(plan, settings.longestGapMs);
	if (short === null) return [[item], []];
	return [[item], [noticeItem('budgetTooSmall', `💰 ${short}`, { budget: item.json.budget }, fetched.at)]];
}
