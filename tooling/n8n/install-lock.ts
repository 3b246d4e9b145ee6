import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A directory lock so two processes (two jest workers, a test and the demo) never run npm
 * in the same install folder at once. A lock whose owner died is taken over.
 */
export async function withInstallLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
	const ownerFile = join(lockDir, 'owner.pid');
	mkdirSync(dirname(lockDir), { recursive: true });
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(ownerFile, String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (!isOwnerAlive(lockDir, ownerFile)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			await delay(1000);
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

function isOwnerAlive(lockDir: string, ownerFile: string): boolean {
	let pid: number;
	try {
		pid = Number(readFileSync(ownerFile, 'utf8'));
	} catch {
		// The owner may be between mkdir and writing its pid; only a lock left like that for long is dead.
		try {
			return Date.now() - statSync(lockDir).mtimeMs < 10_000;
		} catch {
			return false;
		}
	}
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
