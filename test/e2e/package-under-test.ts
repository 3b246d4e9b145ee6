import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { packPackage } from '../../tooling/n8n/community-package';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface PackedPackage {
	tarball: string;
	name: string;
}

interface Manifest {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

/** package.json as it is published: its name and the `n8n` section n8n loads from. */
export function readManifest(packageDir = process.env.XHS_E2E_PACKAGE_DIR ?? REPO_ROOT): Manifest {
	return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * Packs the repo (after `npm run build`) exactly as it would be published. Every file the
 * manifest lists must exist: n8n refuses a package with a missing one, so a missing file is an
 * error here (a forgotten build, or a node deleted but still listed), never left out quietly.
 */
export function packForE2e(packageDir = process.env.XHS_E2E_PACKAGE_DIR ?? REPO_ROOT): PackedPackage {
	const manifest = readManifest(packageDir);
	const missing = [...manifest.n8n.credentials, ...manifest.n8n.nodes].filter((entry) => !existsSync(join(packageDir, entry)));
	if (missing.length > 0) {
		throw new Error(`Files package.json lists are missing (run \`npm run build\` first): ${missing.join(', ')}`);
	}
	return { tarball: packPackage(packageDir, mkdtempSync(join(tmpdir(), 'xhs-e2e-pack-'))), name: manifest.name };
}
