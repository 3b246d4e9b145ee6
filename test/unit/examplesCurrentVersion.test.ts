/**
 * The examples show the node as a user adds it today: its current version, the "By Link"
 * locator mode, no separate Xsec Token field. (engagement-alert-to-slack.json starts with the
 * Trigger, whose version is its own.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';
import { findRepoRoot } from '../../tooling/repo-root';

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
}

const dir = join(findRepoRoot(), 'examples');
const actionNodes = readdirSync(dir)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ExampleNode[] }).nodes
			.filter((node) => /\.xiaohongshu(Tool)?$/.test(node.type))
			.map((node) => [`${file}: ${node.name}`, node] as const),
	);

describe('the examples', () => {
	it('hold action nodes to check', () => {
		expect(actionNodes.length).toBeGreaterThanOrEqual(5);
	});

	it.each(actionNodes)('%s is on the current version, with the By Link mode and no Xsec Token field', (_name, node) => {
		expect(node.typeVersion).toBe(new Xiaohongshu().description.defaultVersion);
		const locator = (node.parameters.note ?? node.parameters.user) as { mode?: string } | undefined;
		expect(locator?.mode).toBe('link');
		expect(node.parameters).not.toHaveProperty('xsec');
	});
});
