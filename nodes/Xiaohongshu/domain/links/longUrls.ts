/**
 * Error titles are one line in n8n's panel and a link is one unbreakable word: a share link
 * with its token can be several hundred characters and runs past the edge (so can a 60-character
 * cut of it). Titles get a short form that still says which link it was: its host and its last
 * path part (a note or user id), "xiaohongshu.com/…/641ae75d0000000013031c27"; the description
 * keeps it whole.
 */

/** http(s) URLs up to the next whitespace; one pass, no backtracking. */
const URL_PATTERN = /https?:\/\/\S+/g;

export const TITLE_URL_MAX = 48;

export interface ShortenedText {
	text: string;
	/** The URLs that were shortened, whole, in the order they appeared. */
	shortened: string[];
}

/** "host/…/last-path-part", or the URL cut at `max` when that is not shorter. */
export function shortUrl(url: string, max = TITLE_URL_MAX): string {
	if (url.length <= max) return url;
	try {
		const parsed = new URL(url);
		const host = parsed.host.startsWith('www.') ? parsed.host.slice(4) : parsed.host;
		const parts = parsed.pathname.split('/').filter((p) => p !== '');
		const last = parts[parts.length - 1];
		const short = last === undefined ? host : parts.length === 1 ? `${host}/${last}` : `${host}/…/${last}`;
		if (short.length <= max) return parsed.search !== '' || parsed.hash !== '' ? `${short}?…` : short;
	} catch {
		// Not a URL the parser reads: cut it.
	}
	return `${url.slice(0, max - 1)}…`;
}

export function shortenLongUrls(text: string, max = TITLE_URL_MAX): ShortenedText {
	const shortened: string[] = [];
	const result = text.replace(URL_PATTERN, (url) => {
		if (url.length <= max) return url;
		shortened.push(url);
		return shortUrl(url, max);
	});
	return { text: result, shortened };
}
