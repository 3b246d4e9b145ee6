/**
 * The node type registry a harness Workflow sees: this package's nodes, the harness's
 * test-only nodes, and any extra types a test passes (extras win).
 */
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import type { LoadedPackage } from './package-loader';
import { testNodeTypes } from './test-nodes';

export class HarnessNodeTypes implements INodeTypes {
	private readonly types: Map<string, INodeType | IVersionedNodeType>;

	constructor(
		private readonly loadedPackage: LoadedPackage,
		extra: Record<string, INodeType | IVersionedNodeType> = {},
		prepare: (type: INodeType | IVersionedNodeType) => void = () => {},
	) {
		const testNodes = testNodeTypes();
		Object.values(testNodes).forEach(prepare);
		this.types = new Map([
			...loadedPackage.nodes,
			...Object.entries(testNodes),
			...Object.entries(extra),
		]);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (found) return found;
		throw new UnexpectedError(this.unknownTypeMessage(nodeType));
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	private unknownTypeMessage(nodeType: string): string {
		const failed = this.loadedPackage.failures
			.map((f) => `\n  ${f.file}: ${f.error.message}`)
			.join('');
		return `Unknown node type "${nodeType}". Known: ${[...this.types.keys()].join(', ')}${
			failed ? `\nPackage node files that failed to load:${failed}` : ''
		}`;
	}
}
