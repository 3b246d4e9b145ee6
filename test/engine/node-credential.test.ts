/**
 * The credential's "Test" button, as n8n's CLI runs it, against the sandbox: it tells a good
 * key from a bad one, and says what else went wrong.
 */
import { stopEngine, testCredential } from '../harness';
import { SANDBOX_KEYS, startSandbox, type Sandbox } from '../sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
	await stopEngine();
});

beforeEach(() => sandbox.reset());

const test = (data: Record<string, string>) => testCredential('parseXhsApi', { baseUrl: sandbox.url, ...data });

describe('credential test', () => {
	it('passes with a good key, with one call that costs one credit', async () => {
		expect(await test({ apiKey: SANDBOX_KEYS.hobby })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.stats().byKey[SANDBOX_KEYS.hobby]).toMatchObject({ calls: 1, creditsSpent: 1 });
	});

	it('fails with a bad key and says so', async () => {
		expect(await test({ apiKey: 'not-a-key' })).toEqual({ status: 'Error', message: 'parse.bot did not accept this API key' });
	});

	it('tells a wrong scraper id apart from a bad key', async () => {
		const result = await test({ apiKey: SANDBOX_KEYS.hobby, scraperId: 'someone-elses-scraper' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/does not know this Scraper ID/);
	});

	it('explains a refusal for used-up credits', async () => {
		const result = await test({ apiKey: SANDBOX_KEYS.exhausted });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/credits are used up/);
	});
});
