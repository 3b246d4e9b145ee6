import { delimiter } from 'node:path';

/**
 * Machine settings a nested npm still needs: where the registry is, how to trust it, where
 * to cache. Everything else npm exports to its children describes the parent's run, not the
 * machine.
 */
const KEPT_NPM_CONFIG = new Set([
	'cache',
	'registry',
	'cafile',
	'ca',
	'strict_ssl',
	'proxy',
	'https_proxy',
	'noproxy',
	'userconfig',
	'globalconfig',
]);

/**
 * The environment for an npm run by the tooling. Under `npm test` / `npm start` npm hands
 * its own settings to every child as `npm_config_*`; the repo's `.npmrc` makes that
 * `npm_config_ignore_scripts=true`, and a nested `npm rebuild` then skips every build and
 * still exits 0. So the parent's npm variables are dropped (names matched case-insensitively,
 * as npm reads them) and each command states the settings it needs as flags.
 */
export function npmEnvironment(base: NodeJS.ProcessEnv, options: { pathFirst?: string } = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(base)) {
		if (isParentNpmVariable(name)) continue;
		env[name] = value;
	}
	if (options.pathFirst) env.PATH = `${options.pathFirst}${delimiter}${base.PATH ?? ''}`;
	return env;
}

/** What npm sets for the scripts it runs: its settings, the running package and script, itself. */
const RUN_VARIABLES = new Set(['init_cwd', 'npm_command', 'npm_execpath', 'npm_node_execpath']);

function isParentNpmVariable(name: string): boolean {
	const lower = name.toLowerCase();
	if (lower.startsWith('npm_config_')) return !KEPT_NPM_CONFIG.has(lower.slice('npm_config_'.length).replace(/-/g, '_'));
	return RUN_VARIABLES.has(lower) || lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_');
}
