/**
 * The Custom Endpoint switch, through n8n-workflow's own parameter resolution: what the editor
 * saves (no defaults, no hidden fields) and what a run reads (defaults applied, hidden fields
 * dropped). A credential saved before the switch existed must keep calling its own address.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { PARSE_BOT_BASE_URL, PARSE_BOT_XHS_SCRAPER_ID, ParseXhsApi } from '../../../credentials/ParseXhsApi.credentials';

const properties = new ParseXhsApi().properties;
const atRun = (stored: INodeParameters) => NodeHelpers.getNodeParameters(properties, stored, true, false, null, null) ?? {};
const onSave = (edited: INodeParameters) => NodeHelpers.getNodeParameters(properties, edited, false, false, null, null) ?? {};
/** The dialog fills in every default before it decides what to show. */
const inDialog = (values: INodeParameters) => NodeHelpers.getNodeParameters(properties, values, true, true, null, null) ?? {};
const shown = (values: INodeParameters) =>
	properties.filter((p) => NodeHelpers.displayParameter(inDialog(values), p, null, null)).map((p) => p.name);

const LOCAL = 'http://127.0.0.1:5999';

describe('Custom Endpoint', () => {
	it('is off by default and hides Base URL and Scraper ID', () => {
		expect(atRun({ apiKey: 'k' })).toMatchObject({ customEndpoint: false });
		expect(shown({ apiKey: 'k' })).toEqual(['apiKey', 'plan', 'customEndpoint', 'queueMode']);
	});

	it('off: a run reads no Base URL or Scraper ID, so parse.bot itself is called', () => {
		const data = atRun(onSave({ apiKey: 'k', customEndpoint: false, baseUrl: PARSE_BOT_BASE_URL, scraperId: PARSE_BOT_XHS_SCRAPER_ID }));
		expect(data.baseUrl).toBeUndefined();
		expect(data.scraperId).toBeUndefined();
	});

	it('on: both fields are shown, saved and used', () => {
		expect(shown({ apiKey: 'k', customEndpoint: true })).toEqual(['apiKey', 'plan', 'customEndpoint', 'baseUrl', 'scraperId', 'queueMode']);
		const data = atRun(onSave({ apiKey: 'k', customEndpoint: true, baseUrl: LOCAL, scraperId: 'fork' }));
		expect(data).toMatchObject({ customEndpoint: true, baseUrl: LOCAL, scraperId: 'fork' });
	});

	it('a credential saved before the switch keeps calling its own Base URL and Scraper ID', () => {
		const legacy = { apiKey: 'k', plan: 'hobby', baseUrl: LOCAL, scraperId: 'fork' };
		expect(atRun(legacy)).toMatchObject({ customEndpoint: false, baseUrl: LOCAL, scraperId: 'fork' });
		// Opened and saved again with the switch untouched: the fields stay visible and kept.
		expect(shown(legacy)).toEqual(['apiKey', 'plan', 'customEndpoint', 'baseUrl', 'scraperId', 'queueMode']);
		expect(atRun(onSave({ ...legacy, customEndpoint: false }))).toMatchObject({ baseUrl: LOCAL, scraperId: 'fork' });
	});

	it('a credential saved before the switch with only its own Base URL keeps parse.bot\'s scraper', () => {
		const data = atRun({ apiKey: 'k', baseUrl: LOCAL });
		expect(data.baseUrl).toBe(LOCAL);
		expect(data.scraperId).toBeUndefined();
	});
});

describe('Queue Mode', () => {
	it('keeps "n8n Processes Sharing This Key" out of the way of a single n8n: off by default, the field hidden, 1 process read', () => {
		expect(atRun({ apiKey: 'k' })).toMatchObject({ queueMode: false });
		expect(shown({ apiKey: 'k' })).not.toContain('processesSharingKey');
		expect(atRun(onSave({ apiKey: 'k', queueMode: false, processesSharingKey: 1 })).processesSharingKey).toBeUndefined();
	});

	it('on: the field is shown, saved and used', () => {
		expect(shown({ apiKey: 'k', queueMode: true })).toContain('processesSharingKey');
		expect(atRun(onSave({ apiKey: 'k', queueMode: true, processesSharingKey: 4 }))).toMatchObject({ queueMode: true, processesSharingKey: 4 });
	});

	it('a credential saved before the switch with 3 processes keeps its 3, and shows the field', () => {
		const legacy = { apiKey: 'k', plan: 'developer', processesSharingKey: 3 };
		expect(atRun(legacy)).toMatchObject({ queueMode: false, processesSharingKey: 3 });
		expect(shown(legacy)).toContain('processesSharingKey');
		expect(atRun(onSave({ ...legacy, queueMode: false })).processesSharingKey).toBe(3);
	});
});

describe('Credits per Month', () => {
	it('is asked for only with the Custom plan, and kept for it', () => {
		expect(shown({ apiKey: 'k', plan: 'hobby' })).not.toContain('creditsPerMonth');
		expect(shown({ apiKey: 'k', plan: 'custom' })).toEqual(expect.arrayContaining(['requestsPerMinute', 'creditsPerMonth']));
		expect(atRun(onSave({ apiKey: 'k', plan: 'custom', requestsPerMinute: 250, creditsPerMonth: 20_000 }))).toMatchObject({ creditsPerMonth: 20_000 });
	});
});
