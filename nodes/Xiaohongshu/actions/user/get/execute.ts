/**
 * User → Get: one parse.bot call per distinct creator in the execution (the client dedupes).
 */
import { deepCopy } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyUser } from '../../../domain/payload/userMapper';
import { resolveUserInput } from '../../common/inputs';
import { outputModeOf, shapeSimplified } from '../../common/output';
import type { RunContext } from '../../types';

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const { ref } = await resolveUserInput(this, run.client, itemIndex);
	const payload = await run.client.getUserProfile(ref.userId, itemIndex);
	const mode = outputModeOf(this, itemIndex);
	if (mode === 'raw') return deepCopy(payload) as IDataObject;
	return shapeSimplified(this, itemIndex, mode, simplifyUser(payload, { userId: ref.userId }));
}
