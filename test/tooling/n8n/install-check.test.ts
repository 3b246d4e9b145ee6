import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { cachedInstallState, isComplete } from '../../../tooling/n8n/install';
import { describeNativeFailures, nativeModuleFailures } from '../../../tooling/n8n/native-modules';
import { n8nInstallDir, nodeBinary } from '../../../tooling/n8n/paths';
import type { N8nProfile } from '../../../tooling/n8n/versions';

/**
 * A cache laid out as the installer leaves it, with stand-ins for the native modules: one that
 * loads and one that fails the way an unbuilt sqlite3 does (its binding file is missing). The
 * profile's "Node" is this process's Node, linked where the installer puts it.
 */
const PROFILE: N8nProfile = {
	id: 'v2',
	n8nVersion: '0.0.0-test',
	nodeVersion: '0.0.0-test',
	nativeModules: ['built-addon', 'unbuilt-addon'],
	overrides: {},
	webhookUrlVariable: 'N8N_WEBHOOK_URL',
	env: {},
};

let cache: string;
const savedCacheHome = process.env.XDG_CACHE_HOME;

function writeModule(dir: string, name: string, source: string): void {
	mkdirSync(join(dir, 'node_modules', name), { recursive: true });
	writeFileSync(join(dir, 'node_modules', name, 'index.js'), source);
}

beforeEach(() => {
	cache = mkdtempSync(join(tmpdir(), 'install-check-'));
	process.env.XDG_CACHE_HOME = cache;
	mkdirSync(dirname(nodeBinary(PROFILE.nodeVersion)), { recursive: true });
	symlinkSync(process.execPath, nodeBinary(PROFILE.nodeVersion));
	const dir = n8nInstallDir(PROFILE);
	mkdirSync(join(dir, 'node_modules', 'n8n'), { recursive: true });
	writeModule(dir, 'built-addon', 'module.exports = 1;');
	writeModule(dir, 'unbuilt-addon', "require('./build/Release/node_sqlite3.node');");
});

afterEach(() => {
	rmSync(cache, { recursive: true, force: true });
	if (savedCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
	else process.env.XDG_CACHE_HOME = savedCacheHome;
});

function markComplete(): void {
	writeFileSync(join(n8nInstallDir(PROFILE), '.install-complete.json'), '{}');
}

describe('cached n8n install check', () => {
	it('counts a folder without the completion marker as missing, without loading anything', async () => {
		expect(await cachedInstallState(PROFILE, n8nInstallDir(PROFILE))).toEqual({ kind: 'missing' });
	});

	it('finds a completed install whose native module does not load, and names the module', async () => {
		markComplete();
		const state = await cachedInstallState(PROFILE, n8nInstallDir(PROFILE));
		expect(state.kind).toBe('broken');
		if (state.kind !== 'broken') return;
		expect(state.failures.map((failure) => failure.module)).toEqual(['unbuilt-addon']);
		expect(state.failures[0].error).toMatch(/Cannot find module '\.\/build\/Release\/node_sqlite3\.node'/);
		expect(describeNativeFailures(state.failures)).toMatch(/^unbuilt-addon \(Cannot find module/);
	});

	it('counts a completed install as usable once every native module loads', async () => {
		writeModule(n8nInstallDir(PROFILE), 'unbuilt-addon', 'module.exports = 2;');
		markComplete();
		expect(isComplete(n8nInstallDir(PROFILE))).toBe(true);
		expect(await cachedInstallState(PROFILE, n8nInstallDir(PROFILE))).toEqual({ kind: 'usable' });
	});

	it('loads with the given Node from where n8n resolves, not from the caller', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'install-check-elsewhere-'));
		try {
			expect(await nativeModuleFailures(process.execPath, elsewhere, ['built-addon'])).toEqual([
				{ module: 'built-addon', error: expect.stringMatching(/Cannot find module 'built-addon'/) },
			]);
		} finally {
			rmSync(elsewhere, { recursive: true, force: true });
		}
	});

	it('reports every module when the Node binary cannot run at all', async () => {
		const failures = await nativeModuleFailures(join(cache, 'no-such-node'), n8nInstallDir(PROFILE), ['built-addon', 'unbuilt-addon']);
		expect(failures.map((failure) => failure.module)).toEqual(['built-addon', 'unbuilt-addon']);
		expect(failures[0].error).toMatch(/ENOENT/);
	});
});
