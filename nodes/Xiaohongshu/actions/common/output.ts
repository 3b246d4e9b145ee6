/**
 * Output shaping shared by the operations that call parse.bot.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pickFields } from '../../domain/payload/fieldSelection';

export type OutputMode = 'simplified' | 'raw' | 'selected';

export function outputModeOf(ctx: IExecuteFunctions, itemIndex: number): OutputMode {
	const mode = ctx.getNodeParameter('output', itemIndex, 'simplified') as string;
	return mode === 'raw' || mode === 'selected' ? mode : 'simplified';
}

/** Simplified as is, or the picked subset of it for Selected Fields. */
export function shapeSimplified(
	ctx: IExecuteFunctions,
	itemIndex: number,
	mode: OutputMode,
	simplified: object,
): IDataObject {
	if (mode !== 'selected') return { ...simplified } as IDataObject;
	const fields = ctx.getNodeParameter('fields', itemIndex, []) as string[];
	return pickFields(simplified as Record<string, unknown>, fields) as IDataObject;
}
