/**
 * The xsec_token (and its xsec_source) that Xiaohongshu requires to open a note: read out of
 * whatever the paste did to it, and judged plausible before any credit is spent on it.
 */
import { decodeRepeatedly } from './percentDecoding';

const TOKEN_HEAD = /^[A-Za-z0-9_-]+=*/;
const PLAUSIBLE_TOKEN = /^[A-Za-z]{2}[A-Za-z0-9_-]+={0,2}$/;

/**
 * The token as the API expects it: percent-decoded once or twice, cut before whatever the
 * paste glued to it (`&xsec_source=…`, `&amp;`, `，`, emoji, quotes). Null when nothing is left.
 * Does not judge plausibility: see `isPlausibleXsecToken`.
 */
export function normalizeXsecToken(raw: unknown): string | null {
	if (typeof raw !== 'string') return null;
	const decoded = decodeRepeatedly(raw.trim().replace(/&amp;/gi, '&'));
	const head = TOKEN_HEAD.exec(decoded.trim());
	return head ? head[0] : null;
}

/** A 2-letter prefix (AB, CB, YB…) then URL-safe base64, 30..80 characters, up to two '='. */
export function isPlausibleXsecToken(token: unknown): token is string {
	return (
		typeof token === 'string' &&
		token.length >= 30 &&
		token.length <= 80 &&
		PLAUSIBLE_TOKEN.test(token)
	);
}

export function normalizeXsecSource(raw: string | undefined): string | null {
	if (raw === undefined) return null;
	const head = /^[A-Za-z0-9_]+/.exec(decodeRepeatedly(raw.trim()));
	return head ? head[0] : null;
}
