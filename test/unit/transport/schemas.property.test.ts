import fc from 'fast-check';

import { unwrapEnvelope, validateNoteDetail, validateUserProfile } from '../../../nodes/Xiaohongshu/transport/schemas';
import { fuzz, holds, hostileText, PROPERTY_TIMEOUT_MS } from '../support/fuzz';
import { expectWithinBudget } from '../support/timeBound';

const anyBody = fc.oneof(
	fc.anything({ withNullPrototype: true, withObjectString: true }),
	fc.json(),
	fc.record({ status: fc.constant('success'), data: fc.anything() }),
	fc.record({ note_id: fc.anything(), interact_info: fc.anything(), user: fc.anything(), tags: fc.anything() }, { requiredKeys: [] }),
	fc.record({ nickname: fc.anything(), fans: fc.anything(), profile: fc.anything(), interactions: fc.anything() }, { requiredKeys: [] }),
);

describe('schema properties', () => {
	it('never throw, and hand back the payload itself (Raw output promises it untouched)', () => {
		fc.assert(
			fc.property(anyBody, (body) => {
				for (const validate of [validateNoteDetail, validateUserProfile]) {
					const result = validate(body);
					if (result.ok) holds(result.payload === unwrapEnvelope(body) || typeof body === 'string', 'the payload is the object given');
					else holds(typeof result.problem === 'string' && result.problem.length > 0, 'a refusal says why');
				}
			}),
			fuzz(1661),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('let no "__proto__" key in an answer reach Object.prototype', () => {
		fc.assert(
			fc.property(fc.json(), fc.json(), (inner, outer) => {
				const text = `{"status":"success","data":{"note_id":"x","__proto__":{"polluted":${inner}},"user":{"__proto__":${outer}}}}`;
				validateNoteDetail(text);
				validateUserProfile(text);
				holds(!('polluted' in {}), 'Object.prototype was polluted');
			}),
			fuzz(1662),
		);
	}, PROPERTY_TIMEOUT_MS);

	it('read any answer text of up to 100 kB within the time budget, however deeply nested', () => {
		const pieces = fc.constantFrom('[', '{"a":', '{"note_id":', '"x",', ' ', '1,', '{"status":"success","data":', ']', '}');
		fc.assert(
			fc.property(hostileText(pieces), (text) => {
				expectWithinBudget('validateNoteDetail', text, (t) => validateNoteDetail(t));
			}),
			fuzz(1663, 300),
		);
	}, PROPERTY_TIMEOUT_MS);
});
