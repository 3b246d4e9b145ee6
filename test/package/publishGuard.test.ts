import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { npmEnvironment } from '../../tooling/n8n/npm-env';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };

/**
 * npm as a maintainer's shell runs it in the repository (its .npmrc, ignore-scripts=true,
 * applies), not with the settings the parent `npm test` exports. `--offline`: a dry-run
 * publish still asks the registry for the published versions; offline it skips that.
 */
function npm(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
	const base = npmEnvironment(process.env);
	for (const name of ['RELEASE_MODE', 'GITHUB_ACTIONS', 'GITHUB_REF', 'GITHUB_REF_NAME', 'GITHUB_REF_TYPE']) delete base[name];
	const run = spawnSync('npm', [...args, '--offline'], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8' });
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface Contents {
	files: Array<{ path: string }>;
}

/** `npm pack --json` prints an array; `npm publish --json` the contents themselves (npm 10) or keyed by name (npm 11). */
const filesOf = (json: string): string[] => {
	const parsed = JSON.parse(json) as Contents[] | Contents | Record<string, Contents>;
	const entry = Array.isArray(parsed) ? parsed[0] : 'files' in parsed ? (parsed as Contents) : (parsed as Record<string, Contents>)[manifest.name];
	return entry.files.map((file) => file.path).sort();
};

describe('npm publish outside a release', () => {
	it('is refused before anything is packed, saying what to run instead', () => {
		const result = npm(['publish', '--dry-run']);
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain('npm publish refused');
		expect(result.stderr).toContain('npm run release');
		expect(result.stderr).toContain('README → Releasing');
		expect(`${result.stdout}${result.stderr}`).not.toMatch(/Publishing to/);
	});

	it('is refused with lifecycle scripts on as well (prepublishOnly)', () => {
		const result = npm(['publish', '--dry-run', '--ignore-scripts=false']);
		expect(result.status).not.toBe(0);
		expect(result.stdout).toMatch(/> n8n-nodes-parsebot-xiaohongshu@[\d.]+ prepublishOnly/);
		expect(result.stderr).toContain('npm publish refused');
	});

	it('is refused in GitHub Actions too, unless the release script runs it (RELEASE_MODE)', () => {
		const result = npm(['publish', '--dry-run'], { GITHUB_ACTIONS: 'true' });
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain('npm publish refused');
	});
});

describe('npm pack', () => {
	it('still works, with lifecycle scripts on or off (the guard refuses only a publish)', () => {
		for (const args of [['pack', '--dry-run', '--json'], ['pack', '--dry-run', '--json', '--ignore-scripts=false']]) {
			const result = npm(args);
			expect([args.join(' '), result.status]).toEqual([args.join(' '), 0]);
			expect(result.stderr).not.toContain('refused');
		}
	});
});

describe('npm publish in release mode', () => {
	it('publishes exactly the files npm pack lists, the ones n8n loads among them', () => {
		const published = npm(['publish', '--dry-run', '--json'], { RELEASE_MODE: 'true' });
		expect(published.stderr).not.toContain('refused');
		expect(published.status).toBe(0);
		expect(published.stderr).toMatch(/Publishing to \S+ with tag latest and public access \(dry-run\)/);
		const packed = npm(['pack', '--dry-run', '--json']);
		expect(filesOf(published.stdout)).toEqual(filesOf(packed.stdout));
		expect(filesOf(published.stdout)).toEqual(expect.arrayContaining([...manifest.n8n.nodes, ...manifest.n8n.credentials, 'package.json']));
	});
});

describe('npm run release in GitHub Actions', () => {
	it('refuses a tag that is not package.json\'s version, before building or publishing', () => {
		const result = npm(['run', 'release'], { GITHUB_ACTIONS: 'true', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: '999.0.0' });
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/release refused:\n {2}the workflow runs for tag 999\.0\.0, but package\.json says [\d.]+\./);
		expect(result.stdout).not.toContain('n8n-node release');
	});
});
