import { explainNetworkFailure } from '../../../nodes/Xiaohongshu/transport/networkFailure';
import { describeFailure } from '../../../nodes/Xiaohongshu/transport/failureMessages';
import { localFailure } from '../../../nodes/Xiaohongshu/transport/failure';

const BASE = 'https://api.parse.bot';

describe('explainNetworkFailure', () => {
	it.each([
		['ENOTFOUND', /^no server named api\.parse\.bot was found$/, /typo.*DNS/],
		['EAI_AGAIN', /^no server named api\.parse\.bot was found$/, /DNS/],
		['ECONNREFUSED', /^api\.parse\.bot refused the connection$/, /Base URL/],
		['ETIMEDOUT', /^api\.parse\.bot did not answer in time$/, /firewall or proxy/],
		['ECONNABORTED', /did not answer in time/, /try again/],
		['ECONNRESET', /^the connection to api\.parse\.bot was cut off$/, /Try again/],
		['EHOSTUNREACH', /no network route to api\.parse\.bot/, /internet access/],
		['CERT_HAS_EXPIRED', /certificate was not accepted/, /certificate/],
	])('%s reads as words, with what to do', (code, what, fix) => {
		const words = explainNetworkFailure(code, BASE);
		expect(words.what).toMatch(what);
		expect(words.fix).toMatch(fix);
		expect(words.code).toBe(code);
		expect(words.what).not.toContain(code);
	});

	it('says no answer came back when there is no code', () => {
		expect(explainNetworkFailure('no answer', BASE)).toMatchObject({ what: 'no answer came back', code: null });
		expect(explainNetworkFailure(undefined, 'not a url')).toMatchObject({ what: 'no answer came back', code: null });
	});
});

describe("an item's network failure", () => {
	it('says in words what happened and what to do, that no credit was spent, and keeps the code for searching', () => {
		const { message, description } = describeFailure(localFailure('network', 'ENOTFOUND'), {
			subject: { resource: 'note', id: '641ae75d0000000013031c27' },
			scraperId: 'x',
			baseUrl: BASE,
		});
		expect(message).toBe('Could not reach parse.bot at https://api.parse.bot: no server named api.parse.bot was found');
		expect(description).toMatch(/Check the address for a typo.*no credit was spent\. \(Error code: ENOTFOUND\)$/s);
	});
});
