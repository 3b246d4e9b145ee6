import { existsSync } from 'node:fs';

import { installPackageTarball, type InstalledPackage } from './community-package';
import { ensureN8nInstalled, type InstalledN8n } from './install';
import { N8nInstance, type StartOptions } from './n8n-process';
import { DEFAULT_OWNER, N8nRestClient, type OwnerAccount } from './rest-client';
import type { N8nProfile } from './versions';

export interface N8nWithPackageOptions {
	profile: N8nProfile;
	/** A packed tarball to install as a community package before n8n starts. */
	tarball?: string;
	/** Reuse a user folder; when it already holds the package, `tarball` reinstalls it. */
	userFolder?: string;
	env?: Record<string, string>;
	/** The editor port; a free one when left out. */
	port?: number;
	owner?: OwnerAccount;
}

export interface N8nWithPackage {
	instance: N8nInstance;
	client: N8nRestClient;
	installedPackage: InstalledPackage | null;
	owner: OwnerAccount;
}

/**
 * An n8n process (main or worker) whose user folder holds the package, not started yet:
 * installing first means n8n loads the package on its first start.
 */
export async function preparePackagedInstance(
	installed: InstalledN8n,
	options: StartOptions & { tarball?: string },
): Promise<{ instance: N8nInstance; installedPackage: InstalledPackage | null }> {
	const instance = await N8nInstance.prepare(installed, options);
	if (!options.tarball) return { instance, installedPackage: null };
	if (!existsSync(options.tarball)) throw new Error(`No package tarball at ${options.tarball}`);
	const installedPackage = await installPackageTarball(instance.userFolder, options.tarball, instance.environment());
	return { instance, installedPackage };
}

/**
 * The whole setup a user goes through, in order: n8n installed, the package installed into
 * its user folder, n8n started (it loads the package at start-up), the owner account created
 * (or logged in to on a reused folder).
 */
export async function startN8nWithPackage(options: N8nWithPackageOptions): Promise<N8nWithPackage> {
	const installed = await ensureN8nInstalled(options.profile);
	const owner = options.owner ?? DEFAULT_OWNER;
	const { instance, installedPackage } = await preparePackagedInstance(installed, {
		userFolder: options.userFolder,
		env: options.env,
		port: options.port,
		tarball: options.tarball,
	});
	await instance.launch();
	try {
		const client = await N8nRestClient.signedIn(instance.baseUrl, owner);
		return { instance, client, installedPackage, owner };
	} catch (error) {
		await instance.stop();
		throw error;
	}
}
