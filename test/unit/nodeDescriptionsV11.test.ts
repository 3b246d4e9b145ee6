/**
 * What the editor shows, decided with n8n-workflow's own display logic on the node's
 * description: the token field only in ID mode (version 1.1), the link mode's name, and no
 * credential for Parse Link. Version 1 stays as saved workflows know it.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';

import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';

const description = new Xiaohongshu().description;

function nodeAt(typeVersion: number, parameters: INodeParameters): INode {
	return { id: 'x', name: 'Xiaohongshu', type: 'xiaohongshu', typeVersion, position: [0, 0], parameters };
}

/** The parameters n8n fills in (defaults) and then the ones it shows, as the editor does. */
function shown(typeVersion: number, parameters: INodeParameters): INodeProperties[] {
	const node = nodeAt(typeVersion, parameters);
	const values = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	return description.properties.filter((p) => NodeHelpers.displayParameter(values, p, node, description));
}

const names = (props: INodeProperties[]) => props.map((p) => p.name);
const get = (mode: string) => ({ resource: 'note', operation: 'get', note: { __rl: true, mode, value: '' } });

describe('version 1.1', () => {
	it('is what a new node gets', () => {
		expect(description.defaultVersion).toBe(1.1);
	});

	it('names the link mode so n8n shows its display name ("url" would read "By URL")', () => {
		const note = shown(1.1, get('link')).find((p) => p.name === 'note');
		expect(note?.modes?.map((m) => [m.name, m.displayName])).toEqual([
			['link', 'By Link'],
			['id', 'ID'],
		]);
		expect(note?.modes?.[0].placeholder).toBe("Paste a link or the app's share text");
		// The mode dropdown is narrow: "By Link or Share Text" read "By Link c". n8n shows the id mode as "By ID".
		for (const locator of shown(1.1, get('link')).filter((p) => p.type === 'resourceLocator')) {
			expect(locator.modes?.every((m) => m.displayName.length <= 8)).toBe(true);
		}
		expect(note?.modes?.[0].hint).toBe('Paste the whole link as copied: the part after ? is what lets parse.bot open the note');
	});

	it('shows Xsec Token only in ID mode, for Get and for Parse Link', () => {
		expect(names(shown(1.1, get('link')))).not.toContain('xsec');
		expect(names(shown(1.1, get('id')))).toContain('xsec');
		expect(names(shown(1.1, { ...get('link'), operation: 'parseLink' }))).not.toContain('xsec');
		expect(names(shown(1.1, { ...get('id'), operation: 'parseLink' }))).toContain('xsec');
	});

	it('shows Put File in Field only when each file gets its own item', () => {
		const downloading = { ...get('link'), downloadMedia: 'all' };
		expect(names(shown(1.1, downloading))).not.toContain('fileField');
		expect(names(shown(1.1, { ...downloading, mediaOwnItems: true }))).toContain('fileField');
		expect(names(shown(1.1, { ...get('link'), mediaOwnItems: true }))).not.toContain('fileField');
	});
});

describe('version 1 (saved workflows)', () => {
	it('keeps its "url" mode and the token field in both modes', () => {
		expect(shown(1, get('url')).find((p) => p.name === 'note')?.modes?.map((m) => m.name)).toEqual(['url', 'id']);
		expect(names(shown(1, get('url')))).toContain('xsec');
		expect(names(shown(1, get('url')))).not.toContain('fileField');
	});
});

describe('credential', () => {
	const credentialShown = (parameters: INodeParameters) =>
		(description.credentials ?? []).filter((c) => NodeHelpers.displayParameter(parameters, c, nodeAt(1.1, parameters), description));

	it('is not asked for by Parse Link, which never calls parse.bot', () => {
		expect(credentialShown({ resource: 'note', operation: 'parseLink' })).toEqual([]);
	});

	it('is required by Get', () => {
		expect(credentialShown({ resource: 'note', operation: 'get' })).toHaveLength(1);
		expect(credentialShown({ resource: 'user', operation: 'get' })).toHaveLength(1);
	});
});
