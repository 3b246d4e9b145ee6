/**
 * The item loop, in one place for every operation: one parse.bot client per execution (so
 * one dedupe cache and one credit cap), `pairedItem` on every output item, Continue On Fail,
 * and the rule that a fatal failure (bad key, unknown scraper, credits used up) stops the
 * run with one error whatever Continue On Fail says.
 *
 * Items run a few at a time: the pacing schedule decides when calls start, so concurrency
 * only overlaps their latency and never pushes the account past its plan.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { shortenLongUrls } from '../domain/links/longUrls';
import { cancelledError, toNodeError } from '../transport/errors';
import { createParseBotClient } from '../transport/parseBotClient';
import { DETECT_CHANGES } from './common/changeDetection';
import { forEachInPool } from './common/pool';
import { findOperation } from './operations';
import { OperationItems } from './types';

/**
 * parse.bot scrapes live pages, so an answer can take seconds. The pacing schedule, not this
 * number, sets the rate; this one only has to let the biggest published plan's minute (the
 * Developer plan's 250 calls) go out at once. Items beyond the window wait for their slot.
 */
const ITEMS_IN_FLIGHT = 256;

export const ON_ERROR_CONTINUE_HINT =
	"To process the other links anyway, set this node's Settings → On Error to Continue";

type ItemError = Error & { description?: unknown; httpCode?: unknown };

/**
 * An item's error as the user reads it: long links shortened in the title and kept whole in
 * the description, and, when it stopped a run with other items, how to let those through.
 */
function presentItemError(error: ItemError, stoppedOthers: boolean): void {
	const title = shortenLongUrls(error.message);
	let description = typeof error.description === 'string' ? error.description : '';
	const missing = title.shortened.filter((url) => !description.includes(url));
	if (missing.length > 0) description = `${description} The full link: ${missing.join(' ')}`.trim();
	if (stoppedOthers) description = `${description} ${ON_ERROR_CONTINUE_HINT}`.trim();
	error.message = title.text;
	if (description !== '') error.description = description;
}

function errorItem(error: ItemError): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description !== '') json.description = error.description;
	if (typeof error.httpCode === 'string' && error.httpCode !== '') json.httpCode = error.httpCode;
	return { json };
}

function creditCapOf(ctx: IExecuteFunctions): number | undefined {
	const options = ctx.getNodeParameter('options', 0, {}) as { maxCredits?: unknown };
	const cap = Number(options.maxCredits);
	return Number.isFinite(cap) && cap > 0 ? cap : undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const executor = findOperation(resource, operation);
	if (!executor) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" on "${resource}" is not supported`);
	}

	const client = createParseBotClient(this, { maxCredits: creditCapOf(this) });
	const run = { client };
	const continueOnFail = this.continueOnFail();
	const signal = this.getExecutionCancelSignal();
	const outputs: INodeExecutionData[][] = new Array(items.length);

	let stopped = false;
	let cancelled = false;
	let firstFailure: { itemIndex: number; error: unknown } | undefined;

	const work = async (itemIndex: number) => {
		try {
			const result = await executor.execute.call(this, itemIndex, run);
			const produced =
				result instanceof OperationItems
					? result.items
					: (Array.isArray(result) ? result : [result]).map((json) => ({ json }));
			outputs[itemIndex] = this.helpers.constructExecutionMetaData(produced, { itemData: { item: itemIndex } });
		} catch (error) {
			if (signal?.aborted) {
				stopped = true;
				cancelled = true;
			} else if (client.stoppedBy) {
				// Every later call would fail the same way: the client's fatal failure is reported below.
				stopped = true;
			} else if (continueOnFail) {
				presentItemError(error as ItemError, false);
				outputs[itemIndex] = this.helpers.constructExecutionMetaData([errorItem(error as Error)], {
					itemData: { item: itemIndex },
				});
			} else {
				// Stop starting items; the lowest failing index is reported, as a sequential loop would.
				stopped = true;
				if (!firstFailure || itemIndex < firstFailure.itemIndex) firstFailure = { itemIndex, error };
			}
		}
	};
	await forEachInPool(items.length, ITEMS_IN_FLIGHT, work, () => stopped);

	if (cancelled) throw cancelledError(this.getNode());
	if (client.stoppedBy) throw toNodeError(this.getNode(), client.stoppedBy, client.stoppedBy.itemIndex);
	if (firstFailure) {
		presentItemError(firstFailure.error as ItemError, items.length > 1);
		throw firstFailure.error;
	}

	if (executor.outputHint && outputs.some((produced) => produced?.some((item) => item.json.error === undefined))) {
		this.addExecutionHints(executor.outputHint);
	}
	const { calls, creditsUsed, cacheHits } = client.stats;
	if (calls > 0 || cacheHits > 0) {
		this.addExecutionHints({
			message: `parse.bot: ${calls} call${calls === 1 ? '' : 's'}, ${creditsUsed} credit${creditsUsed === 1 ? '' : 's'} used, ${cacheHits} answered from this execution's cache`,
			type: 'info',
			location: 'outputPane',
		});
	}
	const all = outputs.flat();
	if (!detectsChanges(this)) return [all];
	// Detect Changes: every item on All (to write each row back), the changed ones on Changed too.
	return [all, all.filter((item) => item.json.changed === true)];
}

/** Whether the node has its second output (Detect Changes on an operation that offers it). */
function detectsChanges(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter(DETECT_CHANGES, 0, false) === true;
}
