/**
 * Xiaohongshu writes a topic into a note's text as `#name[话题]#`; the app shows it as "#name".
 * Simplified output reads the text as the app shows it: a topic inside a sentence becomes
 * "#name" (the sentence keeps its word), and the run of topics a note usually ends with is
 * left out, since the topics have their own column. Pure.
 */

/** Bounded name: no backtracking beyond 60 characters per `#`. */
export const INLINE_TOPIC = /#([^#\n[\]]{1,60})\[话题\]#/g;

/** The topic names written inline, in order (repeats included). */
export function inlineTopicNames(text: string): string[] {
	return [...text.matchAll(INLINE_TOPIC)].map((m) => m[1]);
}

export function withoutTopicMarkup(text: string): string {
	const matches = [...text.matchAll(INLINE_TOPIC)];
	if (matches.length === 0) return text;
	// The trailing run: topics with nothing but white space between them and the end.
	let cut = text.length;
	let kept = matches.length;
	while (kept > 0) {
		const m = matches[kept - 1];
		if (text.slice(m.index + m[0].length, cut).trim() !== '') break;
		cut = m.index;
		kept--;
	}
	let out = '';
	let at = 0;
	for (const m of matches.slice(0, kept)) {
		out += `${text.slice(at, m.index)}#${m[1]}`;
		at = m.index + m[0].length;
	}
	out += text.slice(at, cut);
	return kept < matches.length ? out.trimEnd() : out;
}
