import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SYNC = join(ROOT, 'scripts', 'release', 'sync-repository.cjs');
const FILES = ['package.json', 'credentials/ParseXhsApi.credentials.ts', 'nodes/Xiaohongshu/Xiaohongshu.node.json', 'nodes/Xiaohongshu/XiaohongshuTrigger.node.json'];

function sync(root: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
	const run = spawnSync(process.execPath, [SYNC, '--root', root, ...args], { encoding: 'utf8' });
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const read = (root: string, file: string): string => readFileSync(join(root, file), 'utf8');
const repositoryOf = (root: string): string => (JSON.parse(read(root, 'package.json')) as { repository: { url: string } }).repository.url;

describe('package.json\'s repository is the one place that says where the source lives', () => {
	it('homepage, bugs, the credential\'s documentation link and the codex links all follow it', () => {
		expect(sync(ROOT, '--check')).toMatchObject({ status: 0 });
		const web = repositoryOf(ROOT).replace(/^git\+/, '').replace(/\.git$/, '');
		expect(read(ROOT, 'credentials/ParseXhsApi.credentials.ts')).toContain(`documentationUrl = '${web}#credentials'`);
	});

	describe('when the repository moves', () => {
		let copy: string;
		const OLD = 'https://github.com/n8n-nodes-parsebot-xiaohongshu/n8n-nodes-parsebot-xiaohongshu';
		const NEW = 'https://github.com/rednote-tools/n8n-nodes-parsebot-xiaohongshu';

		beforeAll(() => {
			copy = mkdtempSync(join(tmpdir(), 'repo-move-'));
			for (const file of FILES) {
				mkdirSync(join(copy, file, '..'), { recursive: true });
				cpSync(join(ROOT, file), join(copy, file));
			}
			const manifest = JSON.parse(read(copy, 'package.json')) as { repository: { url: string } };
			expect(manifest.repository.url).toBe(`git+${OLD}.git`);
			manifest.repository.url = `git+${NEW}.git`;
			writeFileSync(join(copy, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
		});
		afterAll(() => rmSync(copy, { recursive: true, force: true }));

		it('--check names every file still pointing at the old address and says what to run', () => {
			const result = sync(copy, '--check');
			expect(result.status).toBe(1);
			for (const file of FILES) expect(result.stderr).toContain(`  ${file}: `);
			expect(result.stderr).toContain('Run: npm run repository:sync');
		});

		it('one command moves them all, each link keeping its README section', () => {
			expect(sync(copy)).toMatchObject({ status: 0 });
			expect(sync(copy, '--check')).toMatchObject({ status: 0 });
			for (const file of FILES.slice(1)) expect([file, read(copy, file).includes(OLD)]).toEqual([file, false]);
			const manifest = JSON.parse(read(copy, 'package.json')) as { homepage: string; bugs: { url: string } };
			expect([manifest.homepage, manifest.bugs.url]).toEqual([`${NEW}#readme`, `${NEW}/issues`]);
			expect(read(copy, 'credentials/ParseXhsApi.credentials.ts')).toContain(`documentationUrl = '${NEW}#credentials'`);
			const links = (file: string) => {
				const { resources } = JSON.parse(read(copy, file)) as { resources: Record<string, Array<{ url: string }>> };
				return Object.values(resources).flat().map((entry) => entry.url);
			};
			expect(links('nodes/Xiaohongshu/Xiaohongshu.node.json')).toEqual([`${NEW}#credentials`, `${NEW}#operations`]);
			expect(links('nodes/Xiaohongshu/XiaohongshuTrigger.node.json')).toEqual([`${NEW}#credentials`, `${NEW}#trigger`]);
			// Everything else in the files is left as it was.
			expect(read(copy, 'credentials/ParseXhsApi.credentials.ts').split(NEW).join(OLD)).toBe(read(ROOT, 'credentials/ParseXhsApi.credentials.ts'));
		});
	});
});
