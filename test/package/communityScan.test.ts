import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { packPackage } from '../../tooling/n8n/community-package';

/**
 * n8n's own scanner (`@n8n/scan-community-package`), run offline through its exported
 * `analyzePackage` on the packed tarball and on the source files, as n8n runs it before
 * verifying a package. Needs `npm run build` first (`npm test` builds before this config).
 */
const REPO_ROOT = resolve(__dirname, '..', '..');
const SCAN = join(REPO_ROOT, 'scripts', 'scan', 'scan-package.mjs');
const SCAN_TIMEOUT = 180_000;

interface ScanResult {
	passed: boolean;
	message: string | null;
	details: string | null;
}

/** As n8n runs it: not under jest's NODE_ENV=test, which switches some of its rules to test fixtures. */
function scannerEnvironment(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	delete env.NODE_ENV;
	return env;
}

async function scan(folder: string, leg: 'source' | 'tarball'): Promise<ScanResult> {
	return await new Promise((done, fail) => {
		execFile(process.execPath, [SCAN, folder, leg], { cwd: REPO_ROOT, env: scannerEnvironment(), timeout: SCAN_TIMEOUT }, (error, stdout, stderr) => {
			const line = stdout.trim().split('\n').pop() ?? '';
			if (!line.startsWith('{')) {
				fail(new Error(`scanner printed no result (${error?.message ?? 'no error'}):\n${stderr}`));
				return;
			}
			done(JSON.parse(line) as ScanResult);
		});
	});
}

let workDir: string;

beforeAll(() => {
	workDir = mkdtempSync(join(tmpdir(), 'xhs-scan-'));
});

afterAll(() => {
	rmSync(workDir, { recursive: true, force: true });
});

describe("n8n's community package scanner", () => {
	it(
		'passes the packed tarball',
		async () => {
			const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
			const unbuilt = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((entry) => !existsSync(join(REPO_ROOT, entry)));
			if (unbuilt.length > 0) throw new Error(`Built files missing (run \`npm run build\` first): ${unbuilt.join(', ')}`);
			const tarball = packPackage(REPO_ROOT, join(workDir, 'pack'));
			const unpacked = join(workDir, 'unpacked');
			mkdirSync(unpacked);
			execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
			expect(existsSync(join(unpacked, manifest.n8n.nodes[0]))).toBe(true);

			expect(await scan(unpacked, 'tarball')).toEqual({ passed: true, message: null, details: null });
		},
		SCAN_TIMEOUT,
	);

	it(
		'passes the source files (nodes/, credentials/, package.json)',
		async () => {
			expect(await scan(REPO_ROOT, 'source')).toEqual({ passed: true, message: null, details: null });
		},
		SCAN_TIMEOUT,
	);

	it(
		'fails a package that breaks its rules, eslint-disable comments or not',
		async () => {
			const bad = join(workDir, 'bad');
			mkdirSync(join(bad, 'nodes', 'Bad'), { recursive: true });
			mkdirSync(join(bad, 'dist', 'nodes', 'Bad'), { recursive: true });
			writeFileSync(join(bad, 'package.json'), readFileSync(join(REPO_ROOT, 'package.json')));
			writeFileSync(join(bad, 'nodes', 'Bad', 'Bad.node.ts'), '// eslint-disable-next-line\nexport const home = process.env.HOME;\n');
			writeFileSync(join(bad, 'dist', 'nodes', 'Bad', 'Bad.node.js'), '"use strict";\nconsole.log("polled");\n');

			const source = await scan(bad, 'source');
			expect(source.passed).toBe(false);
			expect(source.details).toMatch(/Bad\.node\.ts[\s\S]*restricted global 'process'/);

			const tarball = await scan(bad, 'tarball');
			expect(tarball.passed).toBe(false);
			expect(tarball.details).toMatch(/Bad\.node\.js[\s\S]*no-console/);
		},
		SCAN_TIMEOUT,
	);
});
