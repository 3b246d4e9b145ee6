import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
/** @action-validator/cli: GitHub's workflow schema, compiled to WebAssembly inside the npm package (no download). */
const VALIDATOR = join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

function validate(file: string): { status: number | null; output: string } {
	const run = spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	strategy?: { matrix?: { node?: number[] } };
	container?: { image: string };
	steps: Step[];
}
interface Workflow {
	on: Record<string, { tags?: string[]; branches?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const readWorkflow = (name: string): Workflow => parse(readFileSync(join(WORKFLOWS, name), 'utf8')) as Workflow;
const runLines = (job: Job): string[] => job.steps.flatMap((step) => (step.run ?? '').split('\n').map((line) => line.trim()).filter(Boolean));

describe('GitHub workflows', () => {
	it.each(['ci.yml', 'publish.yml'])('%s follows GitHub\'s workflow schema', (name) => {
		expect(validate(join(WORKFLOWS, name))).toEqual({ status: 0, output: '' });
	});

	it('the validator refuses a workflow GitHub would refuse (a misspelt permission)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'workflow-check-'));
		try {
			const broken = join(dir, 'publish.yml');
			writeFileSync(broken, readFileSync(join(WORKFLOWS, 'publish.yml'), 'utf8').replace(/^(\s+id-token: )write$/m, '$1writ'));
			const result = validate(broken);
			expect(result.status).toBe(1);
			expect(result.output).toContain('/jobs/publish/permissions/id-token');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('publish.yml', () => {
	const workflow = readWorkflow('publish.yml');
	const job = workflow.jobs.publish;

	it('runs on version tags and on nothing else', () => {
		expect(workflow.on).toEqual({ push: { tags: ['*.*.*'] } });
	});

	it('may mint an OIDC token (provenance, Trusted Publishing) and only read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(workflow.permissions).toBeUndefined();
	});

	it('installs the lockfile with npm ci, then publishes through npm run release, on a Node whose npm does OIDC', () => {
		const lines = runLines(job);
		expect(lines).toContain('npm ci');
		expect(lines.indexOf('npm run release')).toBeGreaterThan(lines.indexOf('npm ci'));
		expect(lines.some((line) => /npm publish/.test(line))).toBe(false);
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(Number(setupNode?.with?.['node-version'])).toBeGreaterThanOrEqual(24);
	});

	it('uses NPM_TOKEN only when the secret is set (Trusted Publishing otherwise)', () => {
		const release = job.steps.find((step) => step.run?.includes('npm run release'));
		expect(release?.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		expect(release?.run).toMatch(/^if \[ -n "\$NPM_TOKEN" \]; then\n(\s+\S.*\n)*\s+npm config set "[^"]*:_authToken" "\$NPM_TOKEN"\n\s*fi\nnpm run release\n?$/);
	});
});

describe('ci.yml', () => {
	const workflow = readWorkflow('ci.yml');
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

	it('runs on pushes and pull requests', () => {
		expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
	});

	it('runs every part of `npm test`, each after a clean `npm ci`', () => {
		const parts = manifest.scripts.test.split('&&').map((part) => part.trim());
		expect(parts.length).toBeGreaterThan(1);
		const jobsRunning = (part: string) => Object.keys(workflow.jobs).filter((name) => runLines(workflow.jobs[name]).includes(part));
		expect(parts.filter((part) => jobsRunning(part).length === 0)).toEqual([]);
		for (const job of Object.values(workflow.jobs)) {
			const lines = runLines(job);
			expect(lines[0]).toBe('npm ci');
			expect(job.steps[0].uses).toMatch(/^actions\/checkout@/);
		}
	});

	it('tests on the oldest Node line package.json supports and on Node 24 (n8n 2.x)', () => {
		const oldest = Number(/>=\s*(\d+)/.exec(manifest.engines.node)?.[1]);
		const versions = workflow.jobs.unit.strategy?.matrix?.node ?? [];
		expect(versions).toEqual(expect.arrayContaining([oldest, 24]));
		expect(workflow.jobs.unit.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('${{ matrix.node }}');
		expect(workflow.jobs.e2e.container?.image).toBe(`node:${oldest}-bookworm`);
	});

	it('installs Chromium for the editor checks the way .ci/run does', () => {
		const ciRun = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
		const install = 'bash test/e2e/browser/ensure-chromium.sh';
		expect(ciRun).toContain(install);
		expect(runLines(workflow.jobs.e2e)).toContain(install);
		expect(execFileSync('git', ['ls-files', '--error-unmatch', 'test/e2e/browser/ensure-chromium.sh'], { cwd: ROOT, encoding: 'utf8' }).trim()).toBe('test/e2e/browser/ensure-chromium.sh');
	});
});
