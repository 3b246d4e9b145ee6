/**
 * Builds the per-run world a workflow executes in: node types, credential types and
 * the credentials helper holding the test's credentials.
 */
import { DirectoryLoader } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ensureEngine } from './engine';
import { HarnessCredentialTypes } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import { HarnessNodeTypes } from './node-types';
import { loadPackage } from './package-loader';

export interface RegistryOptions {
	/** Decrypted credential data by credential type, as a user would have saved it. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Extra node types by the type name used in workflow JSON (override built-ins). */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Extra credential types. */
	credentialTypes?: ICredentialType[];
}

export interface Registry {
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
	credentialsHelper: HarnessCredentialsHelper;
}

type SpecialParameters = { applySpecialNodeParameters(node: INodeType): void };

/** What n8n's loader does to every node it loads (e.g. adds `pollTimes` to polling nodes). */
function prepareLikeLoader(type: INodeType | IVersionedNodeType) {
	const versions = 'nodeVersions' in type ? Object.values(type.nodeVersions) : [type];
	for (const version of versions) {
		if (version.description.properties.some((p) => p.name === 'pollTimes')) continue;
		(DirectoryLoader.prototype as unknown as SpecialParameters).applySpecialNodeParameters.call(
			undefined,
			version,
		);
	}
}

export async function buildRegistry(options: RegistryOptions): Promise<Registry> {
	await ensureEngine();
	const loadedPackage = await loadPackage();
	const extra = options.nodeTypes ?? {};
	Object.values(extra).forEach(prepareLikeLoader);
	const nodeTypes = new HarnessNodeTypes(loadedPackage, extra, prepareLikeLoader);
	const credentialTypes = new HarnessCredentialTypes(loadedPackage, options.credentialTypes);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, options.credentials ?? {});
	return { nodeTypes, credentialTypes, credentialsHelper };
}

/**
 * Selects the test's credential on every node whose type accepts it and has none
 * selected, as a user picks it in the editor. Nodes that name a credential keep it.
 */
export function selectCredentials(
	nodes: INode[],
	registry: Registry,
	credentialTypeNames: string[],
): INode[] {
	return nodes.map((node) => {
		const type = NodeHelpers.getVersionedNodeType(
			registry.nodeTypes.getByName(node.type),
			node.typeVersion,
		);
		const selected = { ...(node.credentials ?? {}) };
		for (const { name } of type.description.credentials ?? []) {
			if (credentialTypeNames.includes(name) && !selected[name]) {
				selected[name] = { id: `harness-${name}`, name: `Harness ${name}` };
			}
		}
		return Object.keys(selected).length > 0 ? { ...node, credentials: selected } : node;
	});
}
