import fc from 'fast-check';

import { wellFormed } from '../../../../nodes/Xiaohongshu/domain/payload/text';
import { anyText, fuzz, holds, PROPERTY_TIMEOUT_MS } from '../../support/fuzz';

function encodes(text: string): boolean {
	try {
		encodeURIComponent(text);
		return true;
	} catch {
		return false;
	}
}

/** Runs `run` as on a Node without String.prototype.toWellFormed (the regex fallback). */
function withoutBuiltIn<T>(run: () => T): T {
	const proto = String.prototype as { toWellFormed?: unknown };
	const builtIn = proto.toWellFormed;
	delete proto.toWellFormed;
	try {
		return run();
	} finally {
		proto.toWellFormed = builtIn;
	}
}

describe('wellFormed properties', () => {
	it('replaces exactly the lone surrogates with U+FFFD, with or without the built-in', () => {
		fc.assert(
			fc.property(anyText(200), (text) => {
				const result = wellFormed(text);
				holds(withoutBuiltIn(() => wellFormed(text)) === result, 'the fallback agrees with the built-in');
				holds(result.length === text.length && encodes(result), `not well-formed: ${JSON.stringify(result)}`);
				holds(!encodes(text) || result === text, 'well-formed text unchanged');
				for (let i = 0; i < text.length; i++) {
					holds(result[i] === text[i] || result[i] === '\uFFFD', `position ${i} changed to ${result[i]}`);
				}
			}),
			fuzz(1631),
		);
	}, PROPERTY_TIMEOUT_MS);
});
