import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ParseBotClient } from '../transport/parseBotClient';

/** What every operation gets besides the item index: one client (and so one cache) per execution. */
export interface RunContext {
	client: ParseBotClient;
}

/**
 * Output items that carry more than JSON (binary data). The router adds `pairedItem` to each,
 * pointing at the input item, as it does for plain JSON results.
 */
export class OperationItems {
	constructor(readonly items: Array<Pick<INodeExecutionData, 'json' | 'binary'>>) {}
}

/** One operation on one item: returns the item's output JSON (several for a fan-out), or throws. */
export type OperationExecutor = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
) => Promise<IDataObject | IDataObject[] | OperationItems>;
