/**
 * Note → Get: one parse.bot call per distinct note in the execution (the client dedupes),
 * plus one per distinct author with Include Author Profile.
 */
import { deepCopy } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { engagementRate } from '../../../domain/payload/engagementTotal';
import { noteCounts, simplifyNote } from '../../../domain/payload/noteMapper';
import { authorProfileFields, simplifyUser } from '../../../domain/payload/userMapper';
import type { UserProfilePayload } from '../../../domain/payload/payloads';
import { toNodeError } from '../../../transport/errors';
import { changeFields, changeSettingsOf, judgeItem } from '../../common/changeDetection';
import { resolveNoteInput } from '../../common/inputs';
import { outputModeOf, shapeSimplified } from '../../common/output';
import type { OperationItems, RunContext } from '../../types';
import { withMedia } from './media';

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject | OperationItems> {
	const { ref } = await resolveNoteInput(this, run.client, itemIndex, true);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeAuthorProfile?: boolean };
	const changeSettings = changeSettingsOf(this, itemIndex, 'note');
	const payload = await run.client.getNoteDetail({ noteId: ref.noteId, xsecToken: ref.xsecToken }, itemIndex);
	const mode = outputModeOf(this, itemIndex);
	const note = simplifyNote(payload, {
		noteId: ref.noteId,
		xsecToken: ref.xsecToken,
		xsecSource: ref.xsecSource,
		timeZone: this.getTimezone(),
	});
	const change = changeSettings
		? changeFields(
				judgeItem(this, itemIndex, changeSettings, noteCounts(payload), {
					label: note.title ? `"${note.title}"` : `note ${note.noteId}`,
					origin: note.publishedAtMs,
				}),
			)
		: {};

	let profile: UserProfilePayload | undefined;
	let profileError: string | undefined;
	if (options.includeAuthorProfile && note.authorId) {
		const fetched = await run.client.fetchUser(note.authorId, itemIndex);
		// The note itself was fetched and paid for: only a failure that stops the run discards it.
		if (!fetched.ok && fetched.failure.fatal) throw toNodeError(this.getNode(), fetched, itemIndex);
		if (fetched.ok) profile = fetched.payload;
		else profileError = fetched.message;
	}

	if (mode === 'raw') {
		// A copy: items that asked for the same note share one fetched payload.
		const raw = deepCopy(payload) as IDataObject;
		if (!options.includeAuthorProfile) return await withMedia(this, itemIndex, ref.noteId, payload, { ...raw, ...change });
		return await withMedia(this, itemIndex, ref.noteId, payload, {
			...raw,
			author_profile: profile ? (deepCopy(profile) as IDataObject) : null,
			...(profileError ? { author_profile_error: profileError } : {}),
			...change,
		});
	}
	const author = profile ? simplifyUser(profile, { userId: note.authorId as string }) : undefined;
	const withAuthor = options.includeAuthorProfile
		? {
				...note,
				...(author ? authorProfileFields(author) : { authorProfileError: profileError ?? 'The note names no author' }),
				engagementRate: engagementRate(note.engagement, author?.followers ?? null),
			}
		: note;
	return await withMedia(this, itemIndex, ref.noteId, payload, { ...shapeSimplified(this, itemIndex, mode, withAuthor), ...change });
}
