/**
 * What one operation registers, in its resource's index: how the node lists it, the
 * parameters it shows, how the subtitle names it, its hints, and how it runs an item.
 */
import type { INodeProperties, NodeExecutionHint } from 'n8n-workflow';

import type { OperationExecutor } from './types';

export interface OperationEntry {
	/** The Operation option: name, the node panel's `action`, and what it does. */
	option: { name: string; action: string; description: string };
	/** The node's subtitle while it is selected, e.g. "Get Note". */
	subtitle: string;
	/** Its parameters, each shown only while it is selected. */
	parameters: INodeProperties[];
	execute: OperationExecutor;
	/** Shown under the output before it runs: what it costs. */
	costHint?: string;
	/** Added to the execution when at least one item succeeded. */
	outputHint?: NodeExecutionHint;
}

export type ResourceOperations = Record<string, OperationEntry>;
