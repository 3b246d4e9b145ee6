/**
 * Text from parse.bot as it may reach a user's workflow. The site (or a scraper cutting a
 * title short) can leave half of an emoji behind: a lone UTF-16 surrogate. JavaScript holds
 * it fine, but `encodeURIComponent` throws on it and some databases refuse it, so simplified
 * output replaces each lone surrogate with U+FFFD (the replacement character) and leaves
 * every well-formed character as it is. Raw output keeps the payload untouched.
 */

/** `String.prototype.toWellFormed` (Node 20+), typed here because the build targets ES2022. */
import { nonEmptyString } from '../guards';

interface WellFormedString {
	toWellFormed?: () => string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed(text: string): string {
	// The built-in is a single native pass, far faster than a regex on text full of surrogates.
	const native = (text as WellFormedString).toWellFormed;
	return typeof native === 'function' ? native.call(text) : text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Text as parse.bot sent it, made well-formed; a finite number as its digits; else null. */
export function plainText(value: unknown): string | null {
	if (typeof value === 'string') return wellFormed(value);
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** `plainText`, trimmed, and null when nothing is left. */
export function displayText(value: unknown): string | null {
	const text = plainText(value);
	return text === null ? null : nonEmptyString(text);
}
