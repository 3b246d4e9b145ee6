/**
 * What the node descriptions must not contain for every supported n8n line to load them.
 * n8n 1.123.x cannot resolve a displayOptions dependency on a resource locator's mode
 * written relative (`'note.mode'`): every run and the editor failed with "Could not resolve
 * parameter dependencies". 2.x accepts it, so only this test would catch it before a 1.x e2e
 * run. The root form (`'/note.mode'`) is ordered as already resolved by both lines and read
 * from the node's parameters (n8n-workflow 1.120's getParameterResolveOrder and
 * getPropertyValues), so it is allowed.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';
import { XiaohongshuTrigger } from '../../nodes/Xiaohongshu/XiaohongshuTrigger.node';

function everyProperty(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => [
		p,
		...everyProperty(((p.options ?? []) as unknown[]).filter((o): o is INodeProperties => typeof o === 'object' && o !== null && 'type' in o)),
		...((p.options ?? []) as Array<{ values?: INodeProperties[] }>).flatMap((o) => everyProperty(o.values ?? [])),
	]);
}

describe.each([
	['Xiaohongshu', new Xiaohongshu().description.properties],
	['Xiaohongshu Trigger', new XiaohongshuTrigger().description.properties],
])('%s description', (_name, properties) => {
	const all = everyProperty(properties);
	const locators = new Set(all.filter((p) => p.type === 'resourceLocator').map((p) => p.name));

	it('has parameters to check', () => expect(all.length).toBeGreaterThan(5));

	it("has no displayOptions that depend on a resource locator's mode by a relative path (n8n 1.x cannot resolve them)", () => {
		const offending = all.flatMap((p) =>
			[p.displayOptions?.show, p.displayOptions?.hide]
				.flatMap((rule) => Object.keys(rule ?? {}))
				.filter((key) => !key.startsWith('/') && /\.mode$/.test(key) && locators.has(key.replace(/\.mode$/, '')))
				.map((key) => `${p.name} -> ${key}`),
		);
		expect(offending).toEqual([]);
	});
});
