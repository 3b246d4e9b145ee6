/**
 * One watched entry fetched through the shared parse.bot client and turned into the
 * snapshot and counts the rule engine judges. Failures come back as values, except fatal
 * ones (bad key, credits used up), which stop the whole poll.
 */
import type { IPollFunctions } from 'n8n-workflow';

import type { DisplayedCount } from '../domain/payload/counts';
import { noteCounts, simplifyNote } from '../domain/payload/noteMapper';
import type { SimplifiedNote } from '../domain/payload/noteMapper';
import { simplifyUser, userCounts } from '../domain/payload/userMapper';
import type { SimplifiedUser } from '../domain/payload/userMapper';
import type { CreatorMetric, Metric, NoteMetric } from '../domain/watch/engagementMetrics';
import type { WatchTarget } from '../domain/watch/watchList';
import { observationTime } from '../domain/watch/watchStateFormat';
import { toNodeError } from '../transport/errors';
import type { ParseBotFailure } from '../transport/failure';
import type { CallResult, ParseBotClient } from '../transport/parseBotClient';
import { identityOfCreator, identityOfNote } from './eventItems';
import type { EntryIdentity } from './eventItems';

export type FetchedEntry =
	| {
			ok: true;
			identity: EntryIdentity;
			snapshot: SimplifiedNote | SimplifiedUser;
			counts: Partial<Record<Metric, DisplayedCount>>;
			/** When the answer arrived (the poll's own clock, to the whole second). */
			at: number;
	  }
	| {
			ok: false;
			message: string;
			description: string;
			/** The failure as the client classified it; null for an error that is not a parse.bot failure. */
			failure: ParseBotFailure | null;
			at: number;
	  }
	/** Bad key, unknown scraper, credits used up: every other entry would fail the same way. */
	| { ok: false; stopPoll: unknown };

type Fetched = Extract<FetchedEntry, { ok: true }>;

/** The chosen metrics out of all an entry shows (typed per kind: a metric the mapper lacks does not compile). */
function chosen(all: Partial<Record<Metric, DisplayedCount>>, metrics: readonly Metric[]): Fetched['counts'] {
	const counts: Fetched['counts'] = {};
	for (const metric of metrics) counts[metric] = all[metric];
	return counts;
}

async function fetchObservation(
	client: ParseBotClient,
	target: WatchTarget,
	metrics: readonly Metric[],
	timeZone: string,
): Promise<CallResult<Fetched>> {
	if (target.kind === 'note') {
		const fetched = await client.fetchNote({ noteId: target.id, xsecToken: target.ref.xsecToken });
		if (!fetched.ok) return fetched;
		// Whole seconds: the grid stored state keeps exactly, so intervals stay exact across saves.
		const at = observationTime(Date.now());
		const snapshot = simplifyNote(fetched.payload, {
			noteId: target.id,
			xsecToken: target.ref.xsecToken,
			xsecSource: target.ref.xsecSource,
			nowMs: at,
			timeZone,
		});
		const all: Record<NoteMetric, DisplayedCount> = noteCounts(fetched.payload);
		return { ok: true, payload: { ok: true, identity: identityOfNote(snapshot), snapshot, counts: chosen(all, metrics), at } };
	}
	const fetched = await client.fetchUser(target.id);
	if (!fetched.ok) return fetched;
	const at = observationTime(Date.now());
	const snapshot = simplifyUser(fetched.payload, { userId: target.id, nowMs: at });
	const all: Record<CreatorMetric, DisplayedCount> = userCounts(fetched.payload);
	return { ok: true, payload: { ok: true, identity: identityOfCreator(snapshot), snapshot, counts: chosen(all, metrics), at } };
}

export async function fetchEntry(
	ctx: IPollFunctions,
	client: ParseBotClient,
	target: WatchTarget,
	metrics: readonly Metric[],
): Promise<FetchedEntry> {
	let fetched: CallResult<Fetched>;
	try {
		fetched = await fetchObservation(client, target, metrics, ctx.getTimezone());
	} catch (error) {
		// Not a parse.bot failure (the execution was cancelled): reported like one, without a kind.
		if (!(error instanceof Error)) return { ok: false, stopPoll: error };
		return failed(ctx, target, error.message, (error as { description?: unknown }).description, null);
	}
	if (fetched.ok) return fetched.payload;
	if (fetched.failure.fatal) return { ok: false, stopPoll: toNodeError(ctx.getNode(), fetched) };
	return failed(ctx, target, fetched.message, fetched.description, fetched.failure);
}

function failed(
	ctx: IPollFunctions,
	target: WatchTarget,
	message: string,
	description: unknown,
	failure: ParseBotFailure | null,
): FetchedEntry {
	ctx.logger.warn(`Xiaohongshu Trigger: ${target.kind} ${target.id} failed: ${message}`);
	return { ok: false, message, description: typeof description === 'string' ? description : '', failure, at: Date.now() };
}
