/**
 * Error titles are one line in n8n's panel: a share link with its token can be several hundred
 * characters and runs past the edge. Titles get a shortened link; the description keeps it whole.
 */

/** http(s) URLs up to the next whitespace; one pass, no backtracking. */
const URL_PATTERN = /https?:\/\/\S+/g;

export const TITLE_URL_MAX = 60;

export interface ShortenedText {
	text: string;
	/** The URLs that were shortened, whole, in the order they appeared. */
	shortened: string[];
}

export function shortenLongUrls(text: string, max = TITLE_URL_MAX): ShortenedText {
	const shortened: string[] = [];
	const result = text.replace(URL_PATTERN, (url) => {
		if (url.length <= max) return url;
		shortened.push(url);
		return `${url.slice(0, max - 1)}…`;
	});
	return { text: result, shortened };
}
