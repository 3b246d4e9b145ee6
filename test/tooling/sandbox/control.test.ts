import { spawn } from 'node:child_process';
import { request } from 'undici';
import { FIXTURES, SANDBOX_EPOCH_MS, SANDBOX_KEYS, startSandbox, type Sandbox } from '../../../tooling/sandbox/index';
import { call, control, noteParams } from '../../../tooling/sandbox/testClient';
import { findRepoRoot } from '../../../tooling/repo-root';

const { notes, users } = FIXTURES;

describe('sandbox control over HTTP (/__sandbox)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('reports health and the catalogue', async () => {
		expect((await control(sandbox, 'GET', 'health')).json).toEqual({ ok: true, url: sandbox.url, proxyUrl: sandbox.proxyUrl, scraperId: sandbox.scraperId });
		const fixtures = (await control(sandbox, 'GET', 'fixtures')).json;
		expect(fixtures.notes.videoSample.noteId).toBe(notes.videoSample.noteId);
		expect(fixtures.shortLinks.aPath.url).toBe(FIXTURES.shortLinks.aPath.url);
	});

	it('moves the clock and counts, and schedules spikes', async () => {
		expect((await control(sandbox, 'POST', 'clock/advance', { ms: 3_600_000 })).json).toEqual({ now: SANDBOX_EPOCH_MS + 3_600_000 });
		expect((await control(sandbox, 'POST', 'clock/set', { ms: SANDBOX_EPOCH_MS })).json.now).toBe(SANDBOX_EPOCH_MS);
		const id = notes.singleImage.noteId;
		expect((await control(sandbox, 'POST', `notes/${id}/counts`, { liked: 12_345, comment: '10+' })).json.interactInfo).toMatchObject({
			liked_count: '1.2万',
			comment_count: '10+',
		});
		await control(sandbox, 'POST', `notes/${id}/growth`, { liked: 0 });
		await control(sandbox, 'POST', `notes/${id}/spike`, { at: SANDBOX_EPOCH_MS + 1000, metric: 'liked', amount: 100_000 });
		await control(sandbox, 'POST', 'clock/advance', { ms: 1000 });
		expect((await control(sandbox, 'GET', `notes/${id}`)).json.interactInfo.liked_count).toBe('11.2万');
		await control(sandbox, 'POST', `users/${users.guoJiaFeng.userId}/counts`, { fans: 7 });
		expect((await call(sandbox, 'get_user_profile', { user_id: users.guoJiaFeng.userId })).json.data.profile.fans).toBe('7');
	});

	it('removes, hides and restores notes and expires tokens', async () => {
		const n = notes.topics;
		await control(sandbox, 'POST', `notes/${n.noteId}/remove`);
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).status).toBe(422);
		await control(sandbox, 'POST', `notes/${n.noteId}/restore`);
		await control(sandbox, 'POST', `notes/${n.noteId}/private`);
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).json.error.message).toContain('无法浏览');
		await control(sandbox, 'POST', `notes/${n.noteId}/restore`);
		const fresh = (await control(sandbox, 'POST', `tokens/${n.noteId}/expire`)).json.xsecToken;
		expect((await call(sandbox, 'get_note_detail', noteParams(n))).status).toBe(422);
		expect((await call(sandbox, 'get_note_detail', { note_id: n.noteId, xsec_token: fresh })).status).toBe(200);
	});

	it('injects, lists and clears faults', async () => {
		expect((await control(sandbox, 'POST', 'faults', { count: 1, status: 503, retryHint: true })).json).toEqual({ ok: true, pending: 1 });
		expect((await call(sandbox, 'get_note_detail', noteParams(notes.singleImage))).json.error.retry_after).toBe(30);
		await control(sandbox, 'POST', 'faults', { count: 3, status: 500 });
		expect((await control(sandbox, 'GET', 'faults')).json).toHaveLength(1);
		await control(sandbox, 'DELETE', 'faults');
		expect((await call(sandbox, 'get_note_detail', noteParams(notes.singleImage))).status).toBe(200);
		expect((await control(sandbox, 'POST', 'faults', { count: 0 })).status).toBe(400);
	});

	it('reports and resets stats and credits', async () => {
		await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: SANDBOX_KEYS.free });
		const stats = (await control(sandbox, 'GET', 'stats')).json;
		expect(stats.byKey[SANDBOX_KEYS.free]).toMatchObject({ calls: 1, creditsSpent: 1 });
		expect(stats.calls).toHaveLength(1);
		await control(sandbox, 'POST', 'stats/reset');
		expect((await control(sandbox, 'GET', 'stats')).json.calls).toHaveLength(0);
		expect((await control(sandbox, 'GET', 'credits')).json[SANDBOX_KEYS.free]).toMatchObject({ used: 1, remaining: 99 });
		expect((await control(sandbox, 'POST', `credits/${SANDBOX_KEYS.free}`, { used: 100 })).json.remaining).toBe(0);
		expect((await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: SANDBOX_KEYS.free })).status).toBe(429);
		await control(sandbox, 'POST', 'reset');
		expect((await call(sandbox, 'get_note_detail', noteParams(notes.singleImage), { key: SANDBOX_KEYS.free })).status).toBe(200);
	});

	it('answers 404 for unknown control routes and 400 for bad input, without touching API stats', async () => {
		expect((await control(sandbox, 'GET', 'nothing-here')).status).toBe(404);
		expect((await control(sandbox, 'POST', 'clock/advance', { ms: 'soon' })).status).toBe(400);
		expect((await control(sandbox, 'POST', 'notes/000000000000000000000000/counts', { liked: 1 })).status).toBe(400);
		expect(sandbox.stats().calls).toHaveLength(0);
	});
});

describe('sandbox CLI', () => {
	it('prints its URL and keys, serves, and stops cleanly on SIGTERM', async () => {
		const root = findRepoRoot();
		// Transpile on the fly so the test needs no build step.
		const loader =
			"const ts=require('typescript'),fs=require('fs');" +
			"require.extensions['.ts']=(m,f)=>m._compile(ts.transpileModule(fs.readFileSync(f,'utf8'),{compilerOptions:{module:ts.ModuleKind.CommonJS,target:ts.ScriptTarget.ES2022,esModuleInterop:true}}).outputText,f);" +
			"process.argv.splice(1,0,'cli.ts');require('./scripts/sandbox/cli.ts')";
		const child = spawn(process.execPath, ['-e', loader, '--', '--port', '0', '--seed', '3'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			let stderr = '';
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
			let timer: NodeJS.Timeout | undefined;
			const output = await new Promise<string>((resolve, reject) => {
				let text = '';
				child.stdout.on('data', (d: Buffer) => {
					text += d.toString();
					if (text.includes('SANDBOX_KEY_EXHAUSTED=')) resolve(text);
				});
				child.on('exit', (code) => reject(new Error(`cli exited early with ${code}: ${stderr}`)));
				timer = setTimeout(() => reject(new Error(`cli printed only: ${text} ${stderr}`)), 15_000);
			}).finally(() => clearTimeout(timer));
			const url = /^SANDBOX_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
			expect(url).toBeDefined();
			expect(output).toContain(`SANDBOX_KEY_FREE=${SANDBOX_KEYS.free}`);
			expect(output).toContain('SANDBOX_SCRAPER_ID=112e2db4-437f-4511-96f5-f0f62d23a010');
			const res = await request(`${url}/scraper/112e2db4-437f-4511-96f5-f0f62d23a010/get_user_profile?user_id=${users.guoJiaFeng.userId}`, {
				headers: { 'x-api-key': SANDBOX_KEYS.fast },
			});
			expect(res.statusCode).toBe(200);
			await res.body.dump();
			const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
