/**
 * BENCHMARKS.md from a run's results. Every number printed comes from `BenchResults`;
 * the prose around it only explains how it was measured and what a miss is caused by.
 */
import type { BenchResults, CreditCase, PacingVariantResult } from './results';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const pct = (x: number) => `${(x * 100).toFixed(x < 0.001 ? 4 : 2)}%`;
const statuses = (byStatus: Record<string, number>) =>
	Object.entries(byStatus)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([status, n]) => `${n}× ${status}`)
		.join(', ') || 'none';

function table(header: string[], rows: Array<Array<string | number>>): string {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export interface RenderContext {
	/** The node's spacing between calls at the plan rate, from the compiled pacing module. */
	nodeSpacingMs: number | null;
	itemsInFlight: number | null;
}

function machineSection(r: BenchResults): string {
	const m = r.machine;
	return [
		'## Machine and versions',
		'',
		table(
			['', ''],
			[
				['Date', m.date],
				['Mode', `${m.mode} (\`${m.command}\`)`],
				['CPU', `${m.cpus} × ${m.cpuModel} (\`nproc\` = ${m.cpus}; shared with other work while measured)`],
				['Memory', `${m.memoryGiB} GiB`],
				['OS', m.platform],
				['Node (benchmark, sandbox, in-process parts)', m.node],
				['n8n', m.n8n ? `${m.n8n} on Node ${m.n8nNode}` : 'not started'],
				['Package', `n8n-nodes-parsebot-xiaohongshu ${m.packageVersion}${m.gitCommit ? ` at ${m.gitCommit}` : ''}`],
			],
		),
	].join('\n');
}

function targetsSection(r: BenchResults): string {
	const mark = (met: boolean | null) => (met === null ? '— not measured' : met ? '✅ met' : '❌ missed');
	return ['## Targets', '', table(['Target', 'Measured', ''], r.targets.map((t) => [t.target, t.measured, mark(t.met)]))].join('\n');
}

function pacingRow(v: PacingVariantResult): Array<string | number> {
	return [
		`**${v.label}**`,
		v.settings,
		s(v.wallMs),
		`${v.ratioToIdeal.toFixed(3)}×`,
		v.calls,
		v.status429,
		`${v.itemsFailed} (${v.itemsFailedBeyondInvalid} beyond the bad cells)`,
		v.creditsSpent,
	];
}

function pacingSection(r: BenchResults, ctx: RenderContext): string {
	if (!r.pacing) return '## 1. Pacing\n\nNot measured in this run (see Errors).';
	const p = r.pacing.setup;
	const lines = [
		'## 1. Pacing',
		'',
		`A sheet of **${p.rows} rows**: ${p.uniqueValid} distinct notes, ${p.duplicates} rows repeating one of them (often in another link form), and ${p.invalid} cells that name no usable note (empty, a link without its token, a creator profile, free text, a cut-off id). ` +
			`Each contender reads it in a real n8n against the sandbox on a **custom plan of ${p.requestsPerMinute} requests/minute**, which the sandbox enforces as **${p.limitPerWindow} calls per sliding ${p.windowMs} ms** (the same rate with a shorter window, so a burst meets the limit within a run of a few hundred rows, as it would on a real plan's minute with a longer sheet). ` +
			`The sandbox adds **${p.latencyMs} ms** to every answer (an assumed round trip; parse.bot publishes none). Each contender has its own API key; all continue on error (node setting *On Error → Continue*) so every row's outcome can be counted — with n8n's default (*Stop Workflow*) the first refused row would fail the whole run.`,
		'',
		`**Floor** = the earliest time the sliding window lets every distinct note through, plus one answer: ⌈${p.uniqueValid} ÷ ${p.limitPerWindow}⌉ − 1 windows of ${p.windowMs} ms + ${p.latencyMs} ms = **${s(p.idealMs)}** (the node's credential names the same window). Wall time is n8n's own timing of the node (\`executionTime\` in the execution data). Section 1b sweeps sheet sizes, plans and limiter kinds.`,
		'',
		table(['Contender', 'Settings', 'Wall time', 'vs floor', 'Calls', '429s', 'Items failed', 'Credits'], r.pacing.variants.map(pacingRow)),
		'',
	];
	if (ctx.nodeSpacingMs !== null && ctx.itemsInFlight) {
		lines.push(
			`The node keeps at most ${ctx.itemsInFlight} calls in flight, so its pace is also capped at ${ctx.itemsInFlight} ÷ round trip: at this rate, answers slower than ${((ctx.itemsInFlight * ctx.nodeSpacingMs) / 1000).toFixed(2)} s would hold it below the plan.`,
			'',
		);
	}
	const http = r.pacing.variants.filter((v) => v.kind === 'http');
	const batched = http.filter((v) => !v.settings.startsWith('no batching'));
	const defaults = http.find((v) => v.settings.startsWith('no batching'));
	lines.push(
		`The HTTP Request node calls once per row, so it makes ${p.rows} calls where ${p.uniqueValid} are needed: repeats are paid for again and bad cells are sent anyway. ` +
			batched.map((v) => `${v.label}: ${v.status429} × 429, ${v.ratioToIdeal.toFixed(2)}× the floor`).join('; ') +
			'. Batching sends a batch at once and then waits the interval, with no margin: whether jitter at the window\'s edge turns into 429s depends on the run. ' +
			(defaults ? `At its defaults it sends every row at once: ${defaults.status429} of ${defaults.calls} calls were refused (429) and ${defaults.itemsFailedBeyondInvalid} rows failed that had a good link.` : ''),
		'',
	);
	return lines.join('\n');
}

function planTable(ctx: RenderContext, spacingFor: ((rpm: number) => number) | null): string {
	if (!spacingFor) return '';
	const plans: Array<[string, number]> = [
		['Free', 5],
		['Hobby', 20],
		['Developer', 250],
		['Custom 600/min (this run)', 600],
	];
	return [
		'Predicted pace of the node on a key that refuses bursts (even spacing, from the compiled `spacingMsFor`; no calls made):',
		'',
		table(
			['Plan', 'Even spacing', "Node's spacing", 'Wall time vs N ÷ rate'],
			plans.map(([name, rpm]) => [name, `${(60_000 / rpm).toFixed(0)} ms`, `${spacingFor(rpm)} ms`, `${(spacingFor(rpm) / (60_000 / rpm)).toFixed(3)}×`]),
		),
		'',
	].join('\n');
}

function creditRow(c: CreditCase): Array<string | number> {
	return [c.label, c.rows, c.necessaryCalls, `${c.node.calls} (${c.node.credits} credits)`, `${c.http.calls} (${c.http.credits} credits; ${statuses(c.http.byStatus)})`];
}

function creditsSection(r: BenchResults): string {
	if (!r.credits) return '## 2. Credits\n\nNot measured in this run (see Errors).';
	const c = r.credits;
	return [
		'## 2. Credits',
		'',
		'Small sheets on a fast plan (no limit in play), each on its own key; calls and credits as the sandbox counted them. The sandbox charges one credit per 2xx answer and none for errors (parse.bot does not publish whether failed calls are billed), so *calls* is the number to read if they are.',
		'',
		table(['Rows', 'Count', 'Calls needed', 'Xiaohongshu node', 'HTTP Request'], c.cases.map(creditRow)),
		'',
		table(
			['Calls per row', 'Xiaohongshu node', 'HTTP Request'],
			[
				['each repeat of a note already fetched', c.perRow.duplicate.node.toFixed(2), c.perRow.duplicate.http.toFixed(2)],
				['each cell that is not a usable note link', c.perRow.invalid.node.toFixed(2), c.perRow.invalid.http.toFixed(2)],
			],
		),
		'',
		...(c.sheet.length
			? [
					'Over the whole pacing sheet:',
					'',
					table(
						['Contender', 'Calls', 'Credits', 'Distinct notes', 'Rows'],
						c.sheet.map((v) => [v.label, v.calls, v.credits, v.uniqueValid, v.rows]),
					),
					'',
				]
			: []),
	].join('\n');
}

function overheadSection(r: BenchResults): string {
	const o = r.overhead;
	return [
		'## 3. Overhead',
		'',
		`The node's own work per item, run in-process on the compiled package (\`dist/\`): read the link (\`parseNoteInput\`), validate parse.bot's answer (\`validateNoteDetail\`, zod) and map it to the simplified item (\`simplifyNote\`, which parses every count). Median of rounds of ${o.iterations.toLocaleString('en-US')} items over real sheet links and sandbox answers.`,
		'',
		table(
			['Measure', 'Value'],
			[
				['Per item (link + validate + map)', `${o.perItemUs.toFixed(1)} µs → ${Math.round(o.itemsPerSecond).toLocaleString('en-US')} items/s on one core`],
				['— read the link', `${o.parts.parseLinkUs.toFixed(2)} µs`],
				['— validate the answer', `${o.parts.validateUs.toFixed(2)} µs`],
				['— map the note (counts included)', `${o.parts.mapUs.toFixed(2)} µs`],
				['— one count (`parseCount`)', `${o.parts.parseCountUs.toFixed(3)} µs`],
				['Sandbox round trip, nothing added (loopback floor)', `${o.roundTrip.loopbackMedianMs.toFixed(2)} ms → node CPU = ${pct(o.fractionOfLoopbackCall)} of it`],
				[`Sandbox round trip with ${o.roundTrip.injectedLatencyMs} ms added (the pacing run's assumption)`, `${o.roundTrip.injectedMedianMs.toFixed(1)} ms → node CPU = ${pct(o.fractionOfInjectedCall)} of it`],
			],
		),
		'',
		"n8n's own per-item work (parameter and expression resolution, building the request) is not included: any node pays it, the HTTP Request node too.",
		'',
	].join('\n');
}

function footprintSection(r: BenchResults): string {
	const f = r.footprint;
	return [
		'## 4. Footprint',
		'',
		table(
			['Measure', 'Value'],
			[
				['`npm pack` tarball', `${kB(f.tarballBytes)} (${f.tarballFiles} files, ${kB(f.unpackedBytes)} unpacked)`],
				['Runtime dependencies (`dependencies`, `optionalDependencies`, bundled)', f.runtimeDependencies.length ? f.runtimeDependencies.join(', ') : '**none**'],
				...f.coldLoad.map((l) => [
					`Cold load on ${l.runtime} (median of ${l.repeats} fresh processes)`,
					`node + trigger + credential files: **${l.nodeFilesMedianMs.toFixed(1)} ms** (p90 ${l.nodeFilesP90Ms.toFixed(1)} ms); from an empty process, loading n8n-workflow and zod included: ${l.withDependenciesMedianMs.toFixed(0)} ms`,
				]),
			],
		),
		'',
		'Cold load is timed inside a fresh `node -e` process that first requires n8n-workflow and zod (n8n has both loaded before it loads any community package), then the files listed in package.json `n8n.nodes` and `n8n.credentials`.',
		'',
	].join('\n');
}

function triggerSection(r: BenchResults): string {
	const t = r.trigger;
	if (!t.available) {
		return `## 5. Trigger\n\n**Not measured: ${t.reason ?? 'unavailable'}.** The section runs by itself once the trigger exists.\n`;
	}
	const lines = ['## 5. Trigger', '', "Run through the engine harness's poll runner (n8n-core's `PollContext` with n8n's rules for saving static data) against an in-process sandbox; each poll is one hour later for the sandbox's counts and for the trigger's clock.", ''];
	if (t.callsPerPoll) {
		const c = t.callsPerPoll;
		lines.push(
			`**Calls per poll:** a watch list of ${c.lines} lines — ${c.uniqueValid} distinct notes, ${c.duplicates} of them listed again (another form), ${c.invalid} lines that name no usable note — made **${c.callsPerPoll.toFixed(2)} calls per poll** (${c.calls} over ${c.polls} polls; ${c.uniqueValid} needed).`,
			'',
		);
	}
	if (t.states?.length) {
		lines.push(
			table(
				['Settings', 'Entries', 'Polls', 'Events emitted', 'Static data', 'Per entry', 'Per entry at checkpoints'],
				t.states.map((st) => [
					st.config,
					st.entries,
					st.polls,
					st.eventsEmitted,
					kB(st.liveBytes),
					`**${kB(st.bytesPerEntry)}**`,
					st.growth.map((g) => `${g.polls}: ${kB(g.bytesPerEntry)}`).join(', '),
				]),
			),
			'',
			'Static data is measured as the JSON n8n would store (`JSON.stringify` of the node\'s static data, UTF-8 bytes), whole, divided by the entries watched. It stops growing once each entry\'s history is full (36 points at least 10 minutes apart, 3 days at most); the history is most of it, one `{"at":…,"values":{…}}` object per point.',
			'',
		);
	}
	return lines.join('\n');
}

function queueSection(r: BenchResults): string {
	const q = r.queue;
	if (!q) return '## 6. Queue mode\n\nNot measured in this run: `node build/scripts/bench/cli.js --only queue` measures it alone and adds it to this report.\n';
	if (!q.available || !q.setup || !q.runs) return `## 6. Queue mode\n\n**Not measured: ${q.reason ?? 'unavailable'}.**\n`;
	const s = q.setup;
	const lines = [
		'## 6. Queue mode',
		'',
		`n8n ${s.n8n} in queue mode as \`tooling/n8n/queue-mode.ts\` starts it: Postgres and Redis on loopback, main and workers each with the packed package in its own user folder, every worker running ${s.workerConcurrency} executions at once. Each run starts **${s.executions} executions of ${s.notesPerExecution} distinct notes** (each sheet names one of them twice, and neighbouring sheets share half their notes) at once, on one key whose plan of **${s.requestsPerMinute} requests/minute** the sandbox enforces over a sliding minute (a run with another *Plan* and *Load* in the table: that plan, three minutes of it too), with ${s.latencyMs} ms added to every answer. Every run has a key of its own. *Field* is the credential's "n8n Processes Sharing This Key". **Ideal** = credits ÷ plan rate; wall time runs from the first execution started to the last finished (queueing on the workers included). Measured ${q.measuredAt ?? r.machine.date}.`,
		'',
		table(
			['Workers', 'Field', 'Plan', 'Load', 'Calls', '429s', 'Failed items', 'Credits (expected)', 'Busiest minute', 'Wall time', 'Ideal', 'vs ideal', 'Executions per worker'],
			q.runs.map((run) => [
				run.workers,
				run.field,
				`${run.requestsPerMinute ?? s.requestsPerMinute}/min`,
				`${s.executions} × ${run.notesPerExecution ?? s.notesPerExecution}`,
				run.calls,
				run.status429,
				run.failedItems + (run.failedExecutions ? ` (+${run.failedExecutions} executions failed)` : ''),
				`${run.credits} (${run.expectedCredits})`,
				run.busiestMinute,
				`${(run.wallMs / 1000).toFixed(1)} s`,
				`${(run.idealMs / 1000).toFixed(1)} s`,
				`${(run.wallMs / run.idealMs).toFixed(3)}×`,
				run.executionsPerWorker.join(' / '),
			]),
		),
		'',
		'*Busiest minute*: the most calls, refused ones included, that reached the sandbox within any 60 s (the plan admits at most its rate).',
		'',
	];
	const rec = q.recovery;
	if (rec) {
		lines.push(
			`**Recovery.** A ${rec.longNotes}-note and a ${rec.shortNotes}-note execution start together on one key at the default setting (workers ${rec.workers.map((w) => (w === null ? '?' : w + 1)).join(' and ')}). When the short one's last call is made, the long one's worker is alone on the key: ` +
				(rec.recoveredAfterMs === null
					? `its calls never reached 0.9 of the plan in a trailing 15 s during the ${(rec.aloneForMs / 1000).toFixed(0)} s it ran alone.`
					: `its calls in a trailing 15 s reached 0.9 of the plan **${(rec.recoveredAfterMs / 1000).toFixed(1)} s** later (it ran alone for ${(rec.aloneForMs / 1000).toFixed(0)} s).`) +
				` ${rec.calls} calls, ${rec.status429} × 429.`,
			'',
		);
	}
	return lines.join('\n');
}

export function renderMarkdown(r: BenchResults, ctx: RenderContext, spacingFor: ((rpm: number) => number) | null): string {
	return [
		'# Benchmarks',
		'',
		`Written by \`${r.machine.command}\` from its own measurements (JSON beside it: \`scripts/bench/results.json\`). Rerun it rather than edit this file: \`npm run build && node build/scripts/bench/cli.js\` (about 8 minutes; it installs n8n into its cache on first use, and \`--quick\` is a one-minute smoke run). Numbers vary with the machine and its load; the counts (calls, 429s, credits, bytes) do not.`,
		'',
		machineSection(r),
		'',
		targetsSection(r),
		'',
		pacingSection(r, ctx),
		planTable(ctx, spacingFor),
		creditsSection(r),
		overheadSection(r),
		footprintSection(r),
		triggerSection(r),
		queueSection(r),
		...(r.errors.length ? ['## Errors in this run', '', ...r.errors.map((e) => `- **${e.section}:** ${e.message.split('\n')[0]}`), ''] : []),
	].join('\n');
}
