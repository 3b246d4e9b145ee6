/**
 * Section 3, overhead: the node's own CPU per item — read the link, validate parse.bot's
 * answer, map it to the simplified item (counts included) — run in this process on the
 * compiled package (dist/), against the round trip of one call to the sandbox.
 */
import { join } from 'node:path';

import type * as CountsModule from '../../nodes/Xiaohongshu/domain/payload/counts';
import type * as NoteInputModule from '../../nodes/Xiaohongshu/domain/links/noteInput';
import type * as MapperModule from '../../nodes/Xiaohongshu/domain/payload/noteMapper';
import type * as SchemasModule from '../../nodes/Xiaohongshu/transport/schemas';
import { FIXTURES, SANDBOX_KEYS, startSandbox, type Sandbox } from '../sandbox';
import type { SheetRow } from './dataset';
import type { OverheadResult } from './results';
import { median, nowMs } from './timing';

interface DistModules {
	noteInput: typeof NoteInputModule;
	mapper: typeof MapperModule;
	schemas: typeof SchemasModule;
	counts: typeof CountsModule;
}

function loadDist(repoRoot: string): DistModules {
	const from = (path: string) => require(join(repoRoot, 'dist', 'nodes', 'Xiaohongshu', path)) as unknown;
	return {
		noteInput: from('domain/links/noteInput.js') as typeof NoteInputModule,
		mapper: from('domain/payload/noteMapper.js') as typeof MapperModule,
		schemas: from('transport/schemas.js') as typeof SchemasModule,
		counts: from('domain/payload/counts.js') as typeof CountsModule,
	};
}

const SAMPLE_NOTES = [FIXTURES.notes.topics, FIXTURES.notes.videoSample, FIXTURES.notes.manyImages, FIXTURES.notes.countsWan, FIXTURES.notes.countsFloor];

function noteUrl(sandbox: Sandbox, note: { noteId: string; xsecToken: string }): string {
	return `${sandbox.url}/scraper/${sandbox.scraperId}/get_note_detail?note_id=${note.noteId}&xsec_token=${encodeURIComponent(note.xsecToken)}`;
}

async function getJson(url: string, retried = false): Promise<unknown> {
	let response: Response;
	try {
		response = await fetch(url, { headers: { 'X-API-Key': SANDBOX_KEYS.fast } });
	} catch (error) {
		// A kept-alive socket the server closed while idle fails once; a fresh one is what any client would use next.
		if (retried) throw error;
		return await getJson(url, true);
	}
	if (!response.ok) throw new Error(`sandbox answered ${response.status} for ${url}`);
	return await response.json();
}

/** Median round trip of sequential GETs of one note (answer read and parsed, as a client does). */
async function roundTripMs(sandbox: Sandbox, samples: number): Promise<number> {
	const url = noteUrl(sandbox, FIXTURES.notes.topics);
	await getJson(url);
	const times: number[] = [];
	for (let i = 0; i < samples; i++) {
		const t0 = nowMs();
		await getJson(url);
		times.push(nowMs() - t0);
	}
	return median(times);
}

/** Median over rounds of the mean time per call of `fn` (µs), after a warm-up round. */
function microsPerCall(iterations: number, rounds: number, fn: (i: number) => unknown): number {
	let sink = 0;
	const perRound: number[] = [];
	for (let round = -1; round < rounds; round++) {
		const t0 = nowMs();
		for (let i = 0; i < iterations; i++) if (fn(i)) sink++;
		if (round >= 0) perRound.push(((nowMs() - t0) * 1000) / iterations);
	}
	if (sink < 0) throw new Error('unreachable: keeps the loop from being optimised away');
	return median(perRound);
}

export async function runOverhead(options: {
	repoRoot: string;
	rows: SheetRow[];
	iterations: number;
	rounds: number;
	rttSamples: number;
	injectedLatencyMs: number;
}): Promise<OverheadResult> {
	const dist = loadDist(options.repoRoot);
	const loopback = await startSandbox({});
	const delayed = await startSandbox({ latencyMs: options.injectedLatencyMs });
	try {
		// Round trips first: the CPU loops below would leave kept-alive sockets idle past the server's timeout.
		const loopbackMedianMs = await roundTripMs(loopback, options.rttSamples);
		const injectedMedianMs = await roundTripMs(delayed, Math.max(5, Math.round(options.rttSamples / 5)));
		const answers = await Promise.all(SAMPLE_NOTES.map((note) => getJson(noteUrl(loopback, note))));
		const links = options.rows.map((row) => row.link).filter((link) => dist.noteInput.parseNoteInput(link).type === 'note');
		const countTexts = ['3.5万', '1108', '10万+', '1.2亿', '2.3w', '', '1,234'];

		const item = (i: number) => {
			const parsed = dist.noteInput.parseNoteInput(links[i % links.length]);
			const validated = dist.schemas.validateNoteDetail(answers[i % answers.length]);
			if (parsed.type !== 'note' || !validated.ok) throw new Error('benchmark input did not parse');
			return dist.mapper.simplifyNote(validated.payload, { noteId: parsed.ref.noteId, xsecToken: parsed.ref.xsecToken, xsecSource: parsed.ref.xsecSource });
		};
		const { iterations, rounds } = options;
		const perItemUs = microsPerCall(iterations, rounds, item);
		const parseLinkUs = microsPerCall(iterations, rounds, (i) => dist.noteInput.parseNoteInput(links[i % links.length]));
		const validateUs = microsPerCall(iterations, rounds, (i) => dist.schemas.validateNoteDetail(answers[i % answers.length]));
		const payloads = answers.map((a) => {
			const v = dist.schemas.validateNoteDetail(a);
			if (!v.ok) throw new Error(v.problem);
			return v.payload;
		});
		const mapUs = microsPerCall(iterations, rounds, (i) => dist.mapper.simplifyNote(payloads[i % payloads.length], { noteId: FIXTURES.notes.topics.noteId }));
		const parseCountUs = microsPerCall(iterations, rounds, (i) => dist.counts.parseCount(countTexts[i % countTexts.length]));
		return {
			iterations,
			perItemUs,
			itemsPerSecond: 1e6 / perItemUs,
			parts: { parseLinkUs, validateUs, mapUs, parseCountUs },
			roundTrip: { loopbackMedianMs, injectedLatencyMs: options.injectedLatencyMs, injectedMedianMs },
			fractionOfLoopbackCall: perItemUs / 1000 / loopbackMedianMs,
			fractionOfInjectedCall: perItemUs / 1000 / injectedMedianMs,
		};
	} finally {
		await Promise.all([loopback.close(), delayed.close()]);
	}
}
