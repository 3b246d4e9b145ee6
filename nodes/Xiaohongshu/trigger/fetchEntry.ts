/**
 * One watched entry fetched through the shared parse.bot client and turned into the
 * snapshot and counts the rule engine judges. Failures come back as values, except fatal
 * ones (bad key, credits used up), which are thrown: they stop the whole poll.
 */
import type { IPollFunctions } from 'n8n-workflow';

import type { DisplayedCount } from '../domain/payload/counts';
import type { Metric } from '../domain/watch/engagementMetrics';
import { readStoredCount } from '../domain/watch/engagement';
import { simplifyNote } from '../domain/payload/noteMapper';
import { observationTime } from '../domain/watch/watchStateFormat';
import type { SimplifiedNote } from '../domain/payload/noteMapper';
import { simplifyUser } from '../domain/payload/userMapper';
import type { SimplifiedUser } from '../domain/payload/userMapper';
import { failureOf } from '../transport/errors';
import type { FailureData } from '../transport/errors';
import type { ParseBotClient } from '../transport/parseBotClient';
import { identityOfCreator, identityOfNote } from './eventItems';
import type { EntryIdentity } from './eventItems';
import type { WatchTarget } from '../domain/watch/watchList';

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
			/** The kind of failure, from the transport; null for an error that is not a parse.bot failure. */
			failure: FailureData | null;
			at: number;
	  }
	/** Bad key, unknown scraper, credits used up: every other entry would fail the same way. */
	| { ok: false; stopPoll: unknown };

function countsOf(snapshot: SimplifiedNote | SimplifiedUser, metrics: readonly Metric[]) {
	const texts = snapshot as unknown as Record<string, unknown>;
	const counts: Partial<Record<Metric, DisplayedCount>> = {};
	// The snapshot keeps each count's display text: re-reading it gives the range the site showed.
	for (const metric of metrics) counts[metric] = readStoredCount(metric, texts[`${metric}Text`]);
	return counts;
}

export async function fetchEntry(
	ctx: IPollFunctions,
	client: ParseBotClient,
	target: WatchTarget,
	metrics: readonly Metric[],
): Promise<FetchedEntry> {
	try {
		if (target.kind === 'note') {
			const payload = await client.getNoteDetail({ noteId: target.id, xsecToken: target.ref.xsecToken });
			// Whole seconds: the grid stored state keeps exactly, so intervals stay exact across saves.
			const at = observationTime(Date.now());
			const snapshot = simplifyNote(payload, {
				noteId: target.id,
				xsecToken: target.ref.xsecToken,
				xsecSource: target.ref.xsecSource,
				nowMs: at,
			});
			return { ok: true, identity: identityOfNote(snapshot), snapshot, counts: countsOf(snapshot, metrics), at };
		}
		const payload = await client.getUserProfile(target.id);
		const at = observationTime(Date.now());
		const snapshot = simplifyUser(payload, { userId: target.id, nowMs: at });
		return { ok: true, identity: identityOfCreator(snapshot), snapshot, counts: countsOf(snapshot, metrics), at };
	} catch (error) {
		const failure = failureOf(error) ?? null;
		if (failure?.fatal || !(error instanceof Error)) return { ok: false, stopPoll: error };
		ctx.logger.warn(`Xiaohongshu Trigger: ${target.kind} ${target.id} failed: ${error.message}`);
		const description = (error as { description?: unknown }).description;
		return {
			ok: false,
			message: error.message,
			description: typeof description === 'string' ? description : '',
			failure,
			at: Date.now(),
		};
	}
}
