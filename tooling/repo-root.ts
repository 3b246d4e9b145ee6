import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's folder: the nearest one up from here whose package.json is this package (works from build/ and from the sources). */
export function findRepoRoot(from = __dirname): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'n8n-nodes-parsebot-xiaohongshu') return dir;
	}
	throw new Error(`No n8n-nodes-parsebot-xiaohongshu package.json above ${from}`);
}
