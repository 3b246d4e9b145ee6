/** The one link form the package writes for notes and profiles, whatever form came in. */

const SITE_ORIGIN = 'https://www.xiaohongshu.com';
/** The source the web app writes on links shared from the browser; used when none is known. */
const DEFAULT_XSEC_SOURCE = 'pc_share';

function withToken(base: string, token?: string | null, source?: string | null): string {
	if (!token) return base;
	const src = source || DEFAULT_XSEC_SOURCE;
	return `${base}?xsec_token=${encodeURIComponent(token)}&xsec_source=${encodeURIComponent(src)}`;
}

/**
 * `https://www.xiaohongshu.com/explore/<id>`, plus `?xsec_token=<encoded>&xsec_source=<source>`
 * when a token is given (source defaults to `pc_share`, the web app's own share source).
 */
export function canonicalNoteUrl(
	noteId: string,
	token?: string | null,
	source?: string | null,
): string {
	return withToken(`${SITE_ORIGIN}/explore/${encodeURIComponent(noteId)}`, token, source);
}

/** `https://www.xiaohongshu.com/user/profile/<id>`, with the token the same way as notes. */
export function canonicalUserUrl(
	userId: string,
	token?: string | null,
	source?: string | null,
): string {
	return withToken(`${SITE_ORIGIN}/user/profile/${encodeURIComponent(userId)}`, token, source);
}
