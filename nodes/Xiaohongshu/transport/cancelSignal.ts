import type { IExecuteFunctions } from 'n8n-workflow';

import type { ParseBotContext } from './config';

/** The execution's cancel signal; a poll has none (n8n does not cancel a poll midway). */
export function cancelSignalOf(ctx: ParseBotContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? (ctx as IExecuteFunctions).getExecutionCancelSignal() : undefined;
}
