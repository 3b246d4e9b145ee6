import { execFile } from 'node:child_process';

import { npmEnvironment } from './npm-env';

export interface NativeLoadFailure {
	module: string;
	error: string;
}

/** Runs in the profile's Node: requires each module and prints the first line of every failure. */
const LOAD_SCRIPT = `
const failures = [];
for (const name of JSON.parse(process.argv[1])) {
	try { require(name); } catch (error) { failures.push({ module: name, error: String((error && error.message) || error).split('\\n')[0] }); }
}
process.stdout.write(JSON.stringify(failures));
`;

/**
 * Loads each native module with `nodeBinary` from `fromDir` (resolved as code there would
 * resolve it) and returns the ones that fail. A successful \`npm rebuild\` proves nothing:
 * with scripts turned off it exits 0 having built nothing.
 */
export async function nativeModuleFailures(nodeBinary: string, fromDir: string, modules: string[]): Promise<NativeLoadFailure[]> {
	const env = npmEnvironment(process.env);
	delete env.NODE_OPTIONS;
	return await new Promise((resolve) => {
		execFile(nodeBinary, ['-e', LOAD_SCRIPT, JSON.stringify(modules)], { cwd: fromDir, env, timeout: 60_000 }, (error, stdout) => {
			if (!error) {
				resolve(JSON.parse(stdout) as NativeLoadFailure[]);
				return;
			}
			// The load itself crashed the process (e.g. a module built for another Node): every module is suspect.
			const reason = String(error.message).split('\n')[0];
			resolve(modules.map((module) => ({ module, error: reason })));
		});
	});
}

export function describeNativeFailures(failures: NativeLoadFailure[]): string {
	return failures.map((failure) => `${failure.module} (${failure.error})`).join(', ');
}
