/**
 * The credential's "Test" button, as n8n's CLI runs it, against the sandbox: it tells a good
 * key from a bad one, says what else went wrong, and fetches nothing (n8n re-runs it every
 * time the credential is opened).
 */
import { BAD_KEY_MESSAGE } from '../../credentials/ParseXhsApi.credentials';
import { testCredential } from '../../tooling/harness';
import { SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { sandboxForThisFile } from './node-support';

let sandbox: Sandbox;
let chargingSandbox: Sandbox;

sandboxForThisFile((started) => (sandbox = started));
sandboxForThisFile((started) => (chargingSandbox = started), { chargeFailedCalls: true });

/** A credential saved before the Custom Endpoint switch: its own Base URL, no switch value. */
const legacy = (data: Record<string, unknown>, on: Sandbox = sandbox) =>
	testCredential('parseXhsApi', { baseUrl: on.url, ...data } as Record<string, string>);

describe('credential test', () => {
	it('passes with a good key, with one call that runs no scraper and costs no credit', async () => {
		expect(await legacy({ apiKey: SANDBOX_KEYS.hobby })).toEqual({ status: 'OK', message: 'Connection successful!' });
		const stats = sandbox.stats();
		expect(stats.byKey[SANDBOX_KEYS.hobby]).toMatchObject({ calls: 1, creditsSpent: 0, byStatus: { 400: 1 } });
		expect(stats.calls[0].endpoint).toBe('get_user_profile');
	});

	it('costs at most one credit where parse.bot charges refused calls', async () => {
		expect(await legacy({ apiKey: SANDBOX_KEYS.hobby }, chargingSandbox)).toMatchObject({ status: 'OK' });
		expect(chargingSandbox.stats().byKey[SANDBOX_KEYS.hobby]).toMatchObject({ calls: 1, creditsSpent: 1 });
	});

	it('fails with a bad key and says where to get the key again', async () => {
		const result = await legacy({ apiKey: 'not-a-key' });
		expect(result).toEqual({ status: 'Error', message: BAD_KEY_MESSAGE });
		expect(result.message).toMatch(/Copy the key again from your parse\.bot dashboard/);
	});

	it('tells a wrong scraper id apart from a bad key', async () => {
		const result = await legacy({ apiKey: SANDBOX_KEYS.hobby, scraperId: 'someone-elses-scraper' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/does not know this Scraper ID/);
	});

	it('explains a refusal for used-up credits', async () => {
		const result = await legacy({ apiKey: SANDBOX_KEYS.exhausted });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/credits for this month are used up/);
	});

	it('uses Base URL and Scraper ID with Custom Endpoint on', async () => {
		const result = await testCredential('parseXhsApi', {
			apiKey: SANDBOX_KEYS.hobby,
			customEndpoint: true,
			baseUrl: `${sandbox.url}/`,
			scraperId: sandbox.scraperId,
		} as unknown as Record<string, string>);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.stats().totals.calls).toBe(1);
	});

	it('a page that is not parse.bot\'s answer (a portal, a wrong Base URL) is not taken for a working key', async () => {
		sandbox.faults.inject({ count: 1, status: 200, body: 'html' });
		const result = await legacy({ apiKey: SANDBOX_KEYS.hobby });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/did not come from parse\.bot/) });
	});
});
