import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A program the tooling needs and the Debian package that ships it. */
export interface DebianRequirement {
	/** Whether it is there already. */
	present: () => boolean;
	package: string;
}

/** Whether `command` is an executable on PATH. */
export function onPath(command: string): boolean {
	return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/**
 * Installs the Debian packages of the requirements that are missing, with apt as CI does on
 * a fresh machine (root only; a clear error otherwise). apt waits for a lock another install
 * holds rather than failing.
 */
export function ensureDebianPackages(requirements: DebianRequirement[]): void {
	const missing = requirements.filter((r) => !r.present()).map((r) => r.package);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`Missing ${missing.join(', ')} and not root: run 'apt-get update && apt-get install -y ${missing.join(' ')}'`);
	}
	process.stdout.write(`[n8n-tools] installing ${missing.join(', ')} with apt ...\n`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
	execFileSync('apt-get', [...lockWait, 'update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	execFileSync('apt-get', [...lockWait, 'install', '-y', '-qq', '--no-install-recommends', ...missing], {
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const still = requirements.filter((r) => !r.present()).map((r) => r.package);
	if (still.length > 0) throw new Error(`apt installed ${missing.join(', ')} but ${still.join(', ')} is still missing`);
}
