import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { npmEnvironment } from '../../../tooling/n8n/npm-env';

/** What `npm test` hands its children with the repo's .npmrc (ignore-scripts=true), as npm 11 names it. */
const UNDER_NPM_TEST: NodeJS.ProcessEnv = {
	PATH: '/usr/bin',
	HOME: '/home/someone',
	npm_config_ignore_scripts: 'true',
	NPM_CONFIG_IGNORE_SCRIPTS: 'true',
	'npm_config_ignore-scripts': 'true',
	npm_config_nodedir: '/usr',
	npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
	npm_config_local_prefix: '/work/repo',
	npm_config_cache: '/tmp/empty-npm-cache',
	npm_config_registry: 'https://registry.npmjs.org/',
	npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
	npm_config_userconfig: '/home/someone/.npmrc',
	npm_lifecycle_event: 'test',
	npm_lifecycle_script: 'jest',
	npm_package_name: 'n8n-nodes-parsebot-xiaohongshu',
	npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
	npm_node_execpath: '/usr/bin/node',
	npm_command: 'run-script',
	INIT_CWD: '/work/repo',
	NPM_TOKEN: 'kept-untouched',
	XDG_CACHE_HOME: '/tmp/empty-cache',
};

describe('npmEnvironment', () => {
	it('drops every setting the parent npm run exported, whatever its spelling', () => {
		const env = npmEnvironment(UNDER_NPM_TEST);
		const leaked = Object.keys(env).filter((name) => /ignore.scripts|nodedir|node_gyp|local_prefix|lifecycle|npm_package_|execpath|npm_command|^INIT_CWD$/i.test(name));
		expect(leaked).toEqual([]);
	});

	it('keeps where the registry and the cache are, and everything that is not npm', () => {
		expect(npmEnvironment(UNDER_NPM_TEST)).toEqual({
			PATH: '/usr/bin',
			HOME: '/home/someone',
			npm_config_cache: '/tmp/empty-npm-cache',
			npm_config_registry: 'https://registry.npmjs.org/',
			npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
			npm_config_userconfig: '/home/someone/.npmrc',
			NPM_TOKEN: 'kept-untouched',
			XDG_CACHE_HOME: '/tmp/empty-cache',
		});
	});

	it('puts a folder first on PATH without changing the parent environment', () => {
		const env = npmEnvironment(UNDER_NPM_TEST, { pathFirst: '/cache/node-24/bin' });
		expect(env.PATH).toBe(`/cache/node-24/bin${delimiter}/usr/bin`);
		expect(UNDER_NPM_TEST.PATH).toBe('/usr/bin');
		expect(UNDER_NPM_TEST.npm_config_ignore_scripts).toBe('true');
	});

	it('leaves a real npm with its defaults instead of the parent run\'s settings', () => {
		const home = mkdtempSync(join(tmpdir(), 'npm-env-home-'));
		try {
			const parent = { ...UNDER_NPM_TEST, PATH: process.env.PATH, HOME: home, npm_config_userconfig: join(home, '.npmrc'), npm_config_cache: join(home, 'cache') };
			const ask = (env: NodeJS.ProcessEnv, key: string): string => execFileSync('npm', ['config', 'get', key], { cwd: home, env, encoding: 'utf8' }).trim();
			expect(ask(parent, 'ignore-scripts')).toBe('true');
			expect(ask(parent, 'nodedir')).toBe('/usr');
			expect(ask(npmEnvironment(parent), 'ignore-scripts')).toBe('false');
			expect(ask(npmEnvironment(parent), 'nodedir')).not.toBe('/usr');
			expect(ask(npmEnvironment(parent), 'cache')).toBe(join(home, 'cache'));
		} finally {
			rmSync(home, { recursive: true, force: true });
		}
	});
});
