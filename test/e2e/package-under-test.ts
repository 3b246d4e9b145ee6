import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { packPackage } from '../../scripts/n8n/community-package';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface PackedPackage {
	tarball: string;
	name: string;
	/** `n8n.nodes` entries in the packed package: each is expected to load. */
	nodes: string[];
	credentials: string[];
	/** `n8n.nodes` entries left out because their source is not written yet (see below). */
	unwrittenNodes: string[];
}

interface Manifest {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

/**
 * Packs the repo (after `npm run build`) the way it would be published. While the package is
 * being written, package.json already lists nodes whose source does not exist yet; n8n refuses
 * a whole package when one listed file is missing, so such entries are left out of the packed
 * manifest and reported. A node whose source exists but whose build output is missing is an
 * error: that is a forgotten build, not unwritten work.
 */
export function packForE2e(packageDir = process.env.XHS_E2E_PACKAGE_DIR ?? REPO_ROOT): PackedPackage {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
	const unbuilt = [...manifest.n8n.credentials, ...manifest.n8n.nodes].filter(
		(entry) => !existsSync(join(packageDir, entry)) && existsSync(join(packageDir, sourceOf(entry))),
	);
	if (unbuilt.length > 0) {
		throw new Error(`Built files missing (run \`npm run build\` first): ${unbuilt.join(', ')}`);
	}
	const missingCredentials = manifest.n8n.credentials.filter((entry) => !existsSync(join(packageDir, entry)));
	if (missingCredentials.length > 0) throw new Error(`Credential files missing: ${missingCredentials.join(', ')}`);

	const unwrittenNodes = manifest.n8n.nodes.filter((entry) => !existsSync(join(packageDir, entry)));
	const destination = mkdtempSync(join(tmpdir(), 'xhs-e2e-pack-'));
	let dirToPack = packageDir;
	if (unwrittenNodes.length > 0) {
		dirToPack = join(destination, 'package');
		mkdirSync(dirToPack);
		cpSync(join(packageDir, 'dist'), join(dirToPack, 'dist'), { recursive: true });
		const nodes = manifest.n8n.nodes.filter((entry) => !unwrittenNodes.includes(entry));
		const raw = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
		writeFileSync(join(dirToPack, 'package.json'), JSON.stringify({ ...raw, scripts: {}, n8n: { ...manifest.n8n, nodes } }, null, 2));
	}
	const nodes = manifest.n8n.nodes.filter((entry) => !unwrittenNodes.includes(entry));
	return {
		tarball: packPackage(dirToPack, destination),
		name: manifest.name,
		nodes,
		credentials: manifest.n8n.credentials,
		unwrittenNodes,
	};
}

/** dist/nodes/X/Y.node.js -> nodes/X/Y.node.ts */
function sourceOf(distEntry: string): string {
	return distEntry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}
