/**
 * User → Get: one parse.bot call per distinct creator in the execution (the client dedupes).
 */
import { deepCopy } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyUser, userCounts } from '../../../domain/payload/userMapper';
import { changeFields, changeSettingsOf, judgeItem } from '../../common/changeDetection';
import { resolveUserInput } from '../../common/inputs';
import { outputModeOf, shapeSimplified } from '../../common/output';
import type { RunContext } from '../../types';

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const { ref } = await resolveUserInput(this, run.client, itemIndex);
	const changeSettings = changeSettingsOf(this, itemIndex, 'creator');
	const payload = await run.client.getUserProfile(ref.userId, itemIndex);
	const mode = outputModeOf(this, itemIndex);
	const user = simplifyUser(payload, { userId: ref.userId });
	const change = changeSettings
		? changeFields(
				judgeItem(this, itemIndex, changeSettings, userCounts(payload), {
					label: user.nickname ? `"${user.nickname}"` : `creator ${user.userId}`,
					origin: null,
				}),
			)
		: {};
	if (mode === 'raw') return { ...(deepCopy(payload) as IDataObject), ...change };
	return { ...shapeSimplified(this, itemIndex, mode, user), ...change };
}
