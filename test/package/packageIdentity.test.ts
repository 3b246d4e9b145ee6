import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const readJson = <T>(...path: string[]): T => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as T;

interface Manifest {
	name: string;
	version: string;
	main?: string;
	homepage: string;
	repository: { type: string; url: string };
	bugs: { url: string };
}

const manifest = readJson<Manifest>('package.json');

/** `n8n-nodes-xiaohongshu` on npm belongs to another author: installing it would install their code. */
describe('the package carries its own name', () => {
	it('is named n8n-nodes-parsebot-xiaohongshu, and the lockfile agrees', () => {
		expect(manifest.name).toBe('n8n-nodes-parsebot-xiaohongshu');
		const lock = readJson<{ name: string; packages: Record<string, { name?: string }> }>('package-lock.json');
		expect([lock.name, lock.packages[''].name]).toEqual([manifest.name, manifest.name]);
	});

	it('points repository, homepage and bugs at one repository', () => {
		const repository = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
		expect(manifest.homepage).toBe(`${repository}#readme`);
		expect(manifest.bugs.url).toBe(`${repository}/issues`);
		expect(repository.endsWith(`/${manifest.name}`)).toBe(true);
	});

	it('names the node types in the codex files and the examples after the package', () => {
		const codexNodes = ['Xiaohongshu.node.json', 'XiaohongshuTrigger.node.json'].map(
			(file) => readJson<{ node: string }>('nodes', 'Xiaohongshu', file).node,
		);
		expect(codexNodes).toEqual([`${manifest.name}.xiaohongshu`, `${manifest.name}.xiaohongshuTrigger`]);

		const ourTypes = readdirSync(join(ROOT, 'examples'))
			.filter((file) => file.endsWith('.json'))
			.flatMap((file) => readJson<{ nodes: Array<{ type: string }> }>('examples', file).nodes.map((node) => node.type))
			.filter((type) => /xiaohongshu/i.test(type));
		expect(ourTypes.length).toBeGreaterThan(0);
		expect(ourTypes.filter((type) => !type.startsWith(`${manifest.name}.`))).toEqual([]);
	});
});

describe('the package is ready to publish', () => {
	it('names no entry point that does not exist (n8n loads the files listed under "n8n")', () => {
		if (manifest.main !== undefined) expect(existsSync(join(ROOT, manifest.main))).toBe(true);
	});

	it('has a CHANGELOG entry for its version, newest first', () => {
		const versions = [...readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8').matchAll(/^## (\d+\.\d+\.\d+)/gm)].map((match) => match[1]);
		expect(versions[0]).toBe(manifest.version);
	});
});
