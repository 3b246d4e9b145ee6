/**
 * Note → Parse Link: reads a link or share text without calling parse.bot (no credit), so a
 * sheet of links can be cleaned before credits are spent on it. Short links are resolved
 * (one redirect lookup on xhslink.com, free).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { canonicalNoteUrl } from '../../../domain/links/canonicalLinks';
import { resolveNoteInput } from '../../common/inputs';
import type { RunContext } from '../../types';

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const { ref, input } = await resolveNoteInput(this, run.client, itemIndex, false);
	return {
		noteId: ref.noteId,
		xsecToken: ref.xsecToken,
		xsecSource: ref.xsecSource,
		url: canonicalNoteUrl(ref.noteId, ref.xsecToken, ref.xsecSource),
		linkKind: ref.linkKind,
		/** Whether Note → Get can fetch it as it is (it needs the token). */
		readyToFetch: ref.xsecToken !== null,
		authorId: ref.authorId ?? null,
		shortLink: ref.linkKind === 'short_link' ? ref.inputUrl : null,
		resolvedUrl: ref.resolvedUrl ?? null,
		input,
	};
}
