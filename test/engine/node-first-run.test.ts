/**
 * What a new user meets on a first run, through real workflows: a sheet with one bad link
 * says how to let the others through, long links do not run out of the error title, the
 * media-expiry hint comes only with results, Parse Link runs without any credential, and the
 * version 1.1 node (link mode "link", token only in ID mode) fetches like version 1.
 */
import type { IRunData } from 'n8n-workflow';

import { ON_ERROR_CONTINUE_HINT } from '../../nodes/Xiaohongshu/actions/router';
import { FIXTURES, SANDBOX_KEYS, type Sandbox } from '../../tooling/sandbox';
import { callsWith, credentialsFor, noteGet, noteParseLink, runNode, sandboxForThisFile } from './node-support';

const { notes, shortLinks } = FIXTURES;
const continueOnFail = { onError: 'continueRegularOutput' };
const EXPIRY = /URLs are signed and expire within hours/;

let sandbox: Sandbox;
sandboxForThisFile((started) => (sandbox = started));

const good = (n: { noteId: string; xsecToken: string }) =>
	`https://www.xiaohongshu.com/explore/${n.noteId}?xsec_token=${encodeURIComponent(n.xsecToken)}&xsec_source=pc_feed`;
/** A real-looking share link that lost its token: long, and refused before any call. */
const tokenless = `https://www.xiaohongshu.com/discovery/item/${notes.topics.noteId}?app_platform=ios&app_version=8.86&share_from_user_hidden=true&type=normal&author_share=1&shareRedId=ODs5Q0g7Sjo2NzUyOTgwNjY0OTc5Sz5O&apptime=1755216000`;

type Shown = { message: string; description?: string };
const hintsOf = (runData: IRunData) => (runData.Xiaohongshu?.[0]?.hints ?? []).map((h) => h.message);

describe('one bad link in a sheet', () => {
	it("stops the run (n8n's default) and says how to let the other links through", async () => {
		const run = await runNode([{ link: good(notes.videoSample) }, { link: tokenless }, { link: good(notes.singleImage) }], noteGet(), {
			credentials: credentialsFor(sandbox),
		});
		const error = run.error as unknown as Shown;
		expect(error.description?.endsWith(ON_ERROR_CONTINUE_HINT)).toBe(true);
		expect(ON_ERROR_CONTINUE_HINT).toBe("To process the other links anyway, set this node's Settings → On Error to Continue");
	});

	it('with a single item there are no other links to mention', async () => {
		const run = await runNode([{ link: tokenless }], noteGet(), { credentials: credentialsFor(sandbox) });
		expect((run.error as unknown as Shown).description).not.toContain(ON_ERROR_CONTINUE_HINT);
	});

	it('shortens a long link in the error title and keeps it whole in the description', async () => {
		const run = await runNode([{ link: tokenless }, { link: good(notes.singleImage) }], noteGet(), {
			credentials: credentialsFor(sandbox),
		});
		const error = run.error as unknown as Shown;
		expect(tokenless.length).toBeGreaterThan(200);
		expect(error.message).not.toContain(tokenless);
		expect(error.message).toMatch(new RegExp(`^The link xiaohongshu\\.com/…/${notes.topics.noteId}\\?… has no xsec token`));
		expect(error.description).toContain(tokenless);
		// The other way to give a note, for whoever holds its id and token rather than a link.
		expect(error.description).toMatch(/choose By ID and give the note ID with its Xsec Token/);
	});

	it('with On Error → Continue the other links come through and the bad one says what is wrong', async () => {
		const run = await runNode([{ link: good(notes.videoSample) }, { link: tokenless }, { link: good(notes.singleImage) }], noteGet(), {
			credentials: credentialsFor(sandbox),
			nodeSettings: continueOnFail,
		});
		expect(run.error).toBeUndefined();
		expect(run.json.map((j) => j.noteId ?? null)).toEqual([notes.videoSample.noteId, null, notes.singleImage.noteId]);
		expect(String(run.json[1].error)).not.toContain(tokenless);
		expect(String(run.json[1].error).length).toBeLessThan(140);
		expect(run.json[1].description).toContain(tokenless);
		expect(run.json[1].description).not.toContain(ON_ERROR_CONTINUE_HINT);
		expect(callsWith(sandbox, SANDBOX_KEYS.fast)).toHaveLength(2);
	});
});

describe('the media-expiry hint', () => {
	it('comes with fetched notes', async () => {
		const run = await runNode([{ link: good(notes.videoSample) }], noteGet(), { credentials: credentialsFor(sandbox) });
		expect(hintsOf(run.result.runData).some((m) => EXPIRY.test(m))).toBe(true);
	});

	it('is not there when the run stopped on an error, nor when every item failed', async () => {
		const stopped = await runNode([{ link: tokenless }], noteGet(), { credentials: credentialsFor(sandbox) });
		expect(hintsOf(stopped.result.runData).some((m) => EXPIRY.test(m))).toBe(false);
		const allFailed = await runNode([{ link: tokenless }], noteGet(), {
			credentials: credentialsFor(sandbox),
			nodeSettings: continueOnFail,
		});
		expect(allFailed.json[0].error).toBeDefined();
		expect(hintsOf(allFailed.result.runData).some((m) => EXPIRY.test(m))).toBe(false);
	});
});

describe('Parse Link without a credential', () => {
	it('reads links, share text and short links with no parse.bot key at all', async () => {
		const shareText = `【秋天的第一杯奶茶】 ${shortLinks.aPath.url} 复制本条信息，打开【小红书】App查看精彩内容！`;
		const run = await runNode([{ link: good(notes.topics) }, { link: shareText }], noteParseLink(), { nodeSettings: { typeVersion: 1.1 } });
		expect(run.error).toBeUndefined();
		expect(run.json.map((j) => j.noteId)).toEqual([notes.topics.noteId, notes.videoSample.noteId]);
		expect(run.json.every((j) => j.readyToFetch === true)).toBe(true);
		expect(sandbox.stats().totals.calls).toBe(0);
	});
});

describe('version 1.1', () => {
	it('fetches from the "link" mode and from ID mode with its token', async () => {
		const v11 = { nodeSettings: { typeVersion: 1.1 }, credentials: credentialsFor(sandbox) };
		const byLink = await runNode([{ link: good(notes.singleImage) }], { resource: 'note', operation: 'get', note: { __rl: true, mode: 'link', value: '={{ $json.link }}' } }, v11);
		expect(byLink.json[0]).toMatchObject({ noteId: notes.singleImage.noteId });
		const byId = await runNode(
			[{}],
			{ resource: 'note', operation: 'get', note: { __rl: true, mode: 'id', value: notes.videoSample.noteId }, xsec: notes.videoSample.xsecToken },
			v11,
		);
		expect(byId.json[0]).toMatchObject({ noteId: notes.videoSample.noteId });
	});
});
