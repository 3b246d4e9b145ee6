/**
 * Loads this package's nodes and credentials with n8n-core's own PackageDirectoryLoader,
 * so they get what n8n gives an installed package: the `n8n` section of package.json,
 * class name from the file name, polling parameters (`pollTimes`) added to polling
 * nodes, description validation, credentials' `supportedNodes`. Node types are named
 * `<package name>.<description.name>`, as n8n names an installed package's nodes.
 *
 * Under jest (this file run as TypeScript) each `dist/…js` entry is mapped back to its
 * `.ts` source, which jest compiles; compiled (build/tooling/harness, as the benchmark runs
 * it) each entry is mapped to its compiled twin under build/. A listed node file that does not exist yet is
 * skipped, and one that fails to load is reported when its type is asked for, so a node
 * still being written does not break tests that do not use it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { findRepoRoot } from '../repo-root';

export const PACKAGE_ROOT = findRepoRoot();

/** True when this file runs as TypeScript (jest), false when compiled into build/. */
const FROM_SOURCES = __filename.endsWith('.ts');

export const PACKAGE_NAME = (
	JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string }
).name;

/** What a workflow saved in n8n with this package installed calls the nodes. */
export const XHS_NODE_TYPE = `${PACKAGE_NAME}.xiaohongshu`;
export const XHS_TRIGGER_NODE_TYPE = `${PACKAGE_NAME}.xiaohongshuTrigger`;
export const XHS_CREDENTIAL_TYPE = 'parseXhsApi';

export interface LoadFailure {
	file: string;
	error: Error;
}

class SourcePackageLoader extends PackageDirectoryLoader {
	readonly failures: LoadFailure[] = [];

	override resolvePath(file: string): string {
		const source = !file.startsWith('dist/') ? file : FROM_SOURCES ? file.slice(5).replace(/\.js$/, '.ts') : `build/${file.slice(5)}`;
		return super.resolvePath(source);
	}

	override loadNodeFromFile(filePath: string, packageVersion?: string): void {
		const file = this.resolvePath(filePath);
		if (!existsSync(file)) return;
		try {
			super.loadNodeFromFile(filePath, packageVersion);
		} catch (error) {
			this.failures.push({ file, error: error as Error });
		}
	}
}

export interface LoadedPackage {
	nodes: Map<string, INodeType | IVersionedNodeType>;
	credentials: Map<string, ICredentialType>;
	failures: LoadFailure[];
}

let loaded: Promise<LoadedPackage> | undefined;

async function load(): Promise<LoadedPackage> {
	const loader = new SourcePackageLoader(PACKAGE_ROOT);
	await loader.loadAll();
	const nodes = new Map<string, INodeType | IVersionedNodeType>();
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		nodes.set(`${PACKAGE_NAME}.${name}`, type);
	}
	const credentials = new Map<string, ICredentialType>();
	for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
		credentials.set(name, type);
	}
	return { nodes, credentials, failures: loader.failures };
}

/** The package as n8n would load it; loaded once per test process. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= load();
	return await loaded;
}
