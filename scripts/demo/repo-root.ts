import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository folder, found by walking up to our package.json: the same code runs from
 * `scripts/` under ts-jest and from `build/scripts/` after compiling.
 */
export function findRepoRoot(start = __dirname): string {
	for (let dir = start; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'n8n-nodes-parsebot-xiaohongshu') {
			return dir;
		}
		if (dirname(dir) === dir) throw new Error(`No n8n-nodes-parsebot-xiaohongshu package.json above ${start}`);
	}
}
