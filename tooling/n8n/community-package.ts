import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { npmEnvironment } from './npm-env';
import { runCommand } from './run-command';

/** Where n8n keeps community packages: `InstanceSettings.nodesDownloadDir`. */
export function nodesDir(userFolder: string): string {
	return join(userFolder, '.n8n', 'nodes');
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
	/** `n8n.nodes` / `n8n.credentials` of the installed package.json: what n8n will try to load. */
	nodes: string[];
	credentials: string[];
}

/** The flags n8n's CommunityPackagesService passes to `npm install` inside a package folder. */
const N8N_NPM_INSTALL_ARGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/**
 * Installs a packed tarball into a user folder the way Settings → Community Nodes lays a
 * package out: unpacked into `<nodes>/node_modules/<name>`, dev/peer/optional dependencies
 * stripped from its package.json, `npm install` run inside it with n8n's flags, and the
 * package recorded in `<nodes>/package.json`. n8n loads every package found there when it
 * starts. The REST install cannot be used for a local tarball: it accepts only a registry
 * name, checks the version on the registry and asks n8n's servers whether the name is banned.
 */
export async function installPackageTarball(userFolder: string, tarball: string, npmEnv?: NodeJS.ProcessEnv): Promise<InstalledPackage> {
	const root = nodesDir(userFolder);
	ensureNodesPackageJson(root);
	const staging = mkdtempSync(join(root, '.unpack-'));
	try {
		execFileSync('tar', ['-xzf', resolve(tarball), '-C', staging, '--strip-components=1']);
		const manifestPath = join(staging, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageManifest;
		// n8n strips these before `npm install`: only runtime dependencies get installed.
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		delete manifest.optionalDependencies;
		writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

		const dir = join(root, 'node_modules', manifest.name);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(join(dir, '..'), { recursive: true });
		renameSync(staging, dir);
		await runCommand('npm', ['install', ...N8N_NPM_INSTALL_ARGS], {
			cwd: dir,
			env: npmEnv ?? npmEnvironment(process.env),
			logFile: join(userFolder, 'community-package-install.log'),
		});
		recordDependency(root, manifest.name, manifest.version);
		return {
			name: manifest.name,
			version: manifest.version,
			dir,
			nodes: manifest.n8n?.nodes ?? [],
			credentials: manifest.n8n?.credentials ?? [],
		};
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}

/** `npm pack` of a package folder into `destination`; returns the tarball's path. */
export function packPackage(packageDir: string, destination: string): string {
	mkdirSync(destination, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: packageDir,
		env: npmEnvironment(process.env),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
	const tarball = join(destination, filename);
	if (!existsSync(tarball)) throw new Error(`npm pack reported ${filename} but ${tarball} is missing`);
	return tarball;
}

interface PackageManifest {
	name: string;
	version: string;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function ensureNodesPackageJson(root: string): void {
	mkdirSync(root, { recursive: true });
	const path = join(root, 'package.json');
	if (!existsSync(path)) {
		writeFileSync(path, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
}

function recordDependency(root: string, name: string, version: string): void {
	const path = join(root, 'package.json');
	const manifest = JSON.parse(readFileSync(path, 'utf8')) as { dependencies?: Record<string, string> };
	manifest.dependencies = { ...manifest.dependencies, [name]: version };
	writeFileSync(path, JSON.stringify(manifest, null, 2));
}
