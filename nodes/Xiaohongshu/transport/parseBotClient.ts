/**
 * The parse.bot client: the only code that calls parse.bot. Used by the action node and the
 * trigger; keep this API stable.
 *
 *   const client = createParseBotClient(this, { maxCredits: 50 });   // this: IExecuteFunctions | IPollFunctions
 *   const note = await client.fetchNote({ noteId, xsecToken }, itemIndex);  // -> CallResult<NotePayload>: payload or failure
 *   const user = await client.fetchUser(userId, itemIndex);                 // -> CallResult<UserProfilePayload>
 *   const payload = await client.getNoteDetail({ noteId, xsecToken }, itemIndex); // the same, a failure thrown as its n8n error
 *   const link = await client.resolveShortLink('http://xhslink.com/a/x', itemIndex); // -> ShortLinkResolution, no credit, cached per client
 *   client.stats  // { calls, creditsUsed, cacheHits } so far
 *
 * - One client per execution (or per poll): it dedupes within its lifetime. The same note (by
 *   id) or user is fetched once and every caller shares the answer, failures included; a
 *   note asked for again with a different token is re-fetched only if the first token was
 *   refused (stale or malformed), since that is the one case a second token can fix.
 * - Calls are paced by the process-wide schedule of the credential's API key (pacing.ts),
 *   retried per retry.ts, and stop at once when the execution is cancelled.
 * - Failures are data: `fetchNote`/`fetchUser` resolve with the classified failure and its
 *   words (`CallResult`), for callers that act on its kind. `getNoteDetail`/`getUserProfile`
 *   are for callers that only pass a failure on: they throw it as NodeApiError /
 *   NodeOperationError naming `itemIndex`. Only cancellation rejects `fetch*`.
 * - `stoppedBy` is the fatal failure (bad key, unknown scraper, credits used up) that stops
 *   the run even under Continue On Fail: after it the client makes no further calls and
 *   every call fails with it.
 * - `maxCredits` caps the calls this client sends (retries count: each may cost a credit).
 *   Calls past the cap fail with a non-fatal "credit cap reached" error and cost nothing.
 * - The API key never appears in a returned value, an error or a log line.
 */
import { sleep } from 'n8n-workflow';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';

import type { NotePayload, UserProfilePayload } from '../domain/payload/payloads';
import { cancelSignalOf } from './cancelSignal';
import { CREDENTIAL_NAME, loadParseBotConfig, pacingLimitsOf } from './config';
import type { ParseBotConfig, ParseBotContext } from './config';
import { cancelledError, toNodeError } from './errors';
import { localFailure } from './failure';
import type { CallResult, DescribedFailure, FailureSubject, ParseBotFailure } from './failure';
import { classifyHttpFailure } from './failureClassification';
import { describedFailure } from './failureMessages';
import { scheduleFor, waitForSlot } from './pacing';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry';
import type { RetryPolicy } from './retry';
import { validateNoteDetail, validateUserProfile } from './schemas';
import { resolveShortLink } from './shortLinks';
import type { ShortLinkResolution } from './shortLinks';

export type { CallResult, DescribedFailure, ShortLinkResolution };

export interface NoteRequest {
	noteId: string;
	xsecToken: string;
}

export interface ParseBotClientOptions {
	/** Most parse.bot calls this client may send; unset or 0 means no cap. */
	maxCredits?: number;
	/** Overrides the retry policy (tests use short delays). */
	retryPolicy?: Partial<RetryPolicy>;
}

export interface ParseBotClientStats {
	/** Requests sent to parse.bot, retries included. */
	calls: number;
	/** Requests parse.bot answered with success (each costs one credit). */
	creditsUsed: number;
	/** Requests answered from this client's cache instead of parse.bot. */
	cacheHits: number;
}

/** The failure that stopped a client, and the item whose call met it first. */
export interface StoppingFailure extends DescribedFailure {
	itemIndex?: number;
}

export interface ParseBotClient {
	fetchNote(ref: NoteRequest, itemIndex?: number): Promise<CallResult<NotePayload>>;
	fetchUser(userId: string, itemIndex?: number): Promise<CallResult<UserProfilePayload>>;
	getNoteDetail(ref: NoteRequest, itemIndex?: number): Promise<NotePayload>;
	getUserProfile(userId: string, itemIndex?: number): Promise<UserProfilePayload>;
	resolveShortLink(url: string, itemIndex?: number): Promise<ShortLinkResolution>;
	/**
	 * Every answer by `deadline` (epoch ms): a retry that could not start `answerMs` before it is
	 * not made (its failure is returned), and a call still unanswered at the deadline is given up
	 * as timed out. A poll sets it, so that neither a Retry-After nor a hung answer carries it past
	 * n8n's poll budget, where n8n abandons the poll and every answer it paid for.
	 */
	finishBy(deadline: number, answerMs: number): void;
	readonly stats: ParseBotClientStats;
	readonly stoppedBy: StoppingFailure | undefined;
}

type Outcome<T> = { ok: true; payload: T } | { ok: false; failure: ParseBotFailure };

interface NoteEntry {
	tokens: Set<string>;
	outcome: Promise<Outcome<NotePayload>>;
}

const REQUEST_TIMEOUT_MS = 120_000;

/** Failures a different xsec token can fix: the one case a second fetch of a note is worth a credit. */
function tokenMayHelp(failure: ParseBotFailure): boolean {
	return failure.kind === 'staleInput' || failure.kind === 'badRequest';
}

function networkDetail(error: unknown): string {
	const code = (error as { code?: unknown })?.code;
	if (typeof code === 'string' && code !== '') return code;
	const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
	return typeof cause === 'string' ? cause : 'no answer';
}

class Client implements ParseBotClient {
	readonly stats: ParseBotClientStats = { calls: 0, creditsUsed: 0, cacheHits: 0 };

	stoppedBy: StoppingFailure | undefined;

	private configPromise: Promise<ParseBotConfig> | undefined;

	private fatal: ParseBotFailure | undefined;

	private readonly notes = new Map<string, NoteEntry>();

	private readonly users = new Map<string, Promise<Outcome<UserProfilePayload>>>();

	/** Short links already resolved in this run (successes only: a failure names its own item). */
	private readonly shortLinks = new Map<string, ShortLinkResolution>();

	private readonly node: INode;

	private readonly policy: RetryPolicy;

	private readonly maxCredits: number | undefined;

	private deadline = Number.POSITIVE_INFINITY;

	private answerMs = 0;

	constructor(
		private readonly ctx: ParseBotContext,
		options: ParseBotClientOptions,
	) {
		this.node = ctx.getNode();
		this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
		this.maxCredits = options.maxCredits && options.maxCredits > 0 ? Math.floor(options.maxCredits) : undefined;
	}

	finishBy(deadline: number, answerMs: number): void {
		this.deadline = deadline;
		this.answerMs = answerMs;
	}

	private async config(): Promise<ParseBotConfig> {
		this.configPromise ??= loadParseBotConfig(this.ctx);
		return await this.configPromise;
	}

	async fetchNote(ref: NoteRequest, itemIndex?: number): Promise<CallResult<NotePayload>> {
		return await this.described(this.noteOutcome(ref), { resource: 'note', id: ref.noteId }, itemIndex);
	}

	async fetchUser(userId: string, itemIndex?: number): Promise<CallResult<UserProfilePayload>> {
		let outcome = this.users.get(userId);
		if (outcome) {
			this.stats.cacheHits++;
		} else {
			outcome = this.fetch('get_user_profile', { user_id: userId }, validateUserProfile);
			this.users.set(userId, outcome);
		}
		return await this.described(outcome, { resource: 'user', id: userId }, itemIndex);
	}

	async getNoteDetail(ref: NoteRequest, itemIndex?: number): Promise<NotePayload> {
		return this.payloadOf(await this.fetchNote(ref, itemIndex), itemIndex);
	}

	async getUserProfile(userId: string, itemIndex?: number): Promise<UserProfilePayload> {
		return this.payloadOf(await this.fetchUser(userId, itemIndex), itemIndex);
	}

	async resolveShortLink(url: string, itemIndex?: number): Promise<ShortLinkResolution> {
		const known = this.shortLinks.get(url);
		if (known) return known;
		const resolved = await resolveShortLink(this.ctx, url, itemIndex);
		this.shortLinks.set(url, resolved);
		return resolved;
	}

	private noteOutcome(ref: NoteRequest): Promise<Outcome<NotePayload>> {
		const entry = this.notes.get(ref.noteId);
		const fetchWith = (token: string) =>
			this.fetch('get_note_detail', { note_id: ref.noteId, xsec_token: token }, validateNoteDetail);
		if (!entry) {
			const outcome = fetchWith(ref.xsecToken);
			this.notes.set(ref.noteId, { tokens: new Set([ref.xsecToken]), outcome });
			return outcome;
		}
		this.stats.cacheHits++;
		if (entry.tokens.has(ref.xsecToken)) return entry.outcome;
		// Chained synchronously so that concurrent askers with the same new token share one fetch.
		entry.tokens.add(ref.xsecToken);
		entry.outcome = entry.outcome.then(async (prior) => {
			if (prior.ok || !tokenMayHelp(prior.failure)) return prior;
			this.stats.cacheHits--;
			return await fetchWith(ref.xsecToken);
		});
		return entry.outcome;
	}

	/** An outcome with its failure worded for the user; the first fatal one is kept as `stoppedBy`. */
	private async described<T>(outcome: Promise<Outcome<T>>, subject: FailureSubject, itemIndex?: number): Promise<CallResult<T>> {
		const result = await outcome;
		if (result.ok) return result;
		const config = await this.config();
		const failure = describedFailure(result.failure, {
			subject,
			scraperId: config.scraperId,
			baseUrl: config.baseUrl,
			maxCredits: this.maxCredits,
		});
		if (failure.failure.fatal) this.stoppedBy ??= { ...failure, itemIndex };
		return { ok: false, ...failure };
	}

	private payloadOf<T>(result: CallResult<T>, itemIndex?: number): T {
		if (result.ok) return result.payload;
		throw toNodeError(this.node, result, itemIndex);
	}

	private capReached(): boolean {
		return this.maxCredits !== undefined && this.stats.calls >= this.maxCredits;
	}

	/**
	 * One logical fetch: pacing, the HTTP call, classification, retries. Resolves with an
	 * outcome rather than rejecting, so a shared fetch never leaves an unhandled rejection;
	 * only cancellation rejects.
	 */
	private async fetch<T>(
		endpoint: string,
		qs: Record<string, string>,
		validate: (body: unknown) => { ok: true; payload: T } | { ok: false; problem: string },
	): Promise<Outcome<T>> {
		const config = await this.config();
		const schedule = scheduleFor(config.pacingKey, pacingLimitsOf(config));
		const signal = cancelSignalOf(this.ctx);
		const url = `${config.baseUrl}/scraper/${encodeURIComponent(config.scraperId)}/${endpoint}`;

		let lastFailure: ParseBotFailure | null = null;
		for (let retriesDone = 0; ; retriesDone++) {
			if (this.fatal) return { ok: false, failure: this.fatal };
			if (this.capReached()) return { ok: false, failure: localFailure('creditCap') };
			if (signal?.aborted) throw cancelledError(this.node);
			const call = await waitForSlot(schedule, signal);
			// Another caller may have hit a fatal failure while this one waited for its slot.
			if (this.fatal || this.capReached()) {
				schedule.callLost(call.probe);
				if (this.fatal) return { ok: false, failure: this.fatal };
				return { ok: false, failure: localFailure('creditCap') };
			}
			// The slot came too late to answer by the deadline (a Retry-After held the key meanwhile): the call is not made.
			if (call.sentAt + this.answerMs > this.deadline) {
				schedule.callLost(call.probe);
				return { ok: false, failure: lastFailure ?? localFailure('pastDeadline') };
			}

			this.stats.calls++;
			const sentAt = call.sentAt;
			const request: IHttpRequestOptions = {
				method: 'GET',
				url,
				qs,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: Math.max(1_000, Math.min(REQUEST_TIMEOUT_MS, this.deadline - sentAt)),
				abortSignal: signal,
			};
			let response: { statusCode: number; body: unknown; headers: unknown };
			try {
				response = await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, CREDENTIAL_NAME, request);
			} catch (error) {
				schedule.callLost(call.probe);
				if (signal?.aborted) throw cancelledError(this.node);
				// The library's error carries the request config, X-API-Key included: keep only its code.
				const failure = localFailure('network', networkDetail(error));
				failure.attempts = retriesDone + 1;
				return { ok: false, failure };
			}

			const now = Date.now();
			if (response.statusCode >= 200 && response.statusCode < 300) {
				schedule.answered(now, call.probe);
				this.stats.creditsUsed++;
				const validated = validate(response.body);
				if (validated.ok) return { ok: true, payload: validated.payload };
				return { ok: false, failure: localFailure('invalidResponse', validated.problem) };
			}

			const failure = classifyHttpFailure(response.statusCode, response.body, response.headers, {
				nowMs: now,
				apiKey: config.apiKey,
			});
			failure.attempts = retriesDone + 1;
			// Other processes or tools on this key show up only here: the rate adapts to them.
			if (failure.kind === 'rateLimited') schedule.rateLimited(sentAt, now, call.probe);
			else schedule.answered(now, call.probe);
			if (failure.fatal) {
				this.fatal = failure;
				return { ok: false, failure };
			}
			const decision = decideRetry(failure, retriesDone, this.policy);
			if (!decision.retry) return { ok: false, failure };
			// Everyone on this key waits, not just this call: the limit is the account's.
			if (failure.kind === 'rateLimited') schedule.holdUntil(now + decision.delayMs);
			if (schedule.projectedStartTimes(1, now + decision.delayMs)[0] + this.answerMs > this.deadline) return { ok: false, failure };
			lastFailure = failure;
			if (failure.kind !== 'rateLimited') await sleep(decision.delayMs, signal);
		}
	}
}

export function createParseBotClient(ctx: ParseBotContext, options: ParseBotClientOptions = {}): ParseBotClient {
	return new Client(ctx, options);
}
