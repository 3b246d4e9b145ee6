/** Credential types the harness knows: this package's, plus any a test adds. */
import type { ICredentialType } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { LoadedPackage } from './package-loader';

export class HarnessCredentialTypes {
	private readonly types: Map<string, ICredentialType>;

	constructor(loadedPackage: LoadedPackage, extra: ICredentialType[] = []) {
		this.types = new Map(loadedPackage.credentials);
		for (const type of extra) this.types.set(type.name, type);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new UnexpectedError(`Unknown credential type "${name}"`);
		return type;
	}

	/** Every type the given one extends, transitively (n8n's CredentialTypes.getParentTypes). */
	getParentTypes(name: string): string[] {
		const direct = this.types.get(name)?.extends ?? [];
		return [...direct, ...direct.flatMap((parent) => this.getParentTypes(parent))];
	}
}
