import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ParseBotClient } from '../transport/parseBotClient';

/** What every operation gets besides the item index: one client (and so one cache) per execution. */
export interface RunContext {
	client: ParseBotClient;
}

/** One operation on one item: returns the item's output JSON (several for a fan-out), or throws. */
export type OperationExecutor = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
) => Promise<IDataObject | IDataObject[]>;
