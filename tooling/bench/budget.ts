/**
 * `--only budget`: a simulated month of a marketer's watch list (tooling/sandbox/campaignMonth.ts:
 * 30 notes, 10 of them published during the month and added to the list then, and 5 creators),
 * polled hourly by two Triggers with the same rules: one without a budget (every entry every
 * hour) and one with a credit budget. Runs through the engine harness's poll runner (n8n-core's
 * poll executor, n8n's static-data rules; a list edit re-activates the workflow from its stored
 * state) against an in-process sandbox whose virtual clock is also the trigger's clock.
 *
 * Alerts are matched per entry, rule and metric: an hourly alert is caught when the budgeted
 * trigger fires the same milestone, or (Increase of at Least) an alert that reaches at least
 * the same count, at the same time or later; its delay is the difference of the two `to` times.
 */

import type * as HarnessModule from '../harness';
import { startSandbox } from '../sandbox';
import {
	CAMPAIGN_MONTH_HOURS,
	campaignMonthCatalogue,
	campaignMonthCreators,
	campaignMonthNotes,
} from '../sandbox/campaignMonth';

const HOUR = 3_600_000;
const KEY = 'bench-budget-key';
const RATE = 1_000_000;
const TRIGGER = 'Xiaohongshu Trigger';

export interface Alert {
	entry: string;
	event: string;
	metric: string;
	currentValue: number;
	milestone?: number;
	to: number;
}

export interface RunResult {
	label: string;
	credits: number;
	alerts: Alert[];
	wallMs: number;
}

export interface BudgetComparison {
	label: string;
	notesBudget: number;
	creatorsBudget: number;
	credits: number;
	alerts: number;
	creditShare: number;
	caught: number;
	caughtShare: number;
	medianDelayHours: number | null;
	p90DelayHours: number | null;
	byKind: Array<{ kind: string; hourlyAlerts: number; caught: number; medianDelayHours: number | null }>;
	targets: { credits: boolean; alerts: boolean; delay: boolean };
}

export interface BudgetBenchResult {
	hours: number;
	entries: { notes: number; creators: number };
	rules: { notes: string; creators: string };
	hourly: { credits: number; alerts: number };
	budgeted: BudgetComparison[];
	wallMs: number;
}

export interface BudgetConfig {
	label: string;
	notes: number;
	creators: number;
}

const NOTE_RULES = { noteMetrics: ['likes'], fireWhen: ['increase', 'milestone'], increaseBy: 500, milestones: '1000, 5000, 1万, 5万, 10万' };
const CREATOR_RULES = { creatorMetrics: ['followers'], fireWhen: ['increase', 'milestone'], increaseBy: 1000, milestones: '1万, 5万, 10万, 50万' };

async function runMonth(
	harness: typeof HarnessModule,
	start: number,
	budgets: { notes: number; creators: number } | null,
	label: string,
): Promise<RunResult> {
	const sandbox = await startSandbox({
		fixtures: campaignMonthCatalogue(start),
		clockStartMs: start,
		keys: { [KEY]: { plan: 'custom', requestsPerMinute: RATE, credits: 100_000_000 } },
	});
	const realNow = Date.now.bind(Date);
	let offset = start - realNow();
	const savedNow = Date.now;
	Date.now = () => realNow() + offset;
	const credentials = {
		parseXhsApi: { apiKey: KEY, baseUrl: sandbox.url, scraperId: sandbox.scraperId, plan: 'custom', requestsPerMinute: RATE },
	};
	const workflow = (parameters: Record<string, unknown>, staticData?: HarnessModule.WorkflowJson['staticData']) =>
		harness.createPollRunner(
			{
				nodes: [harness.node(TRIGGER, harness.XHS_TRIGGER_NODE_TYPE, { pollTimes: { item: [{ mode: 'everyHour' }] }, ...parameters })],
				connections: {},
				staticData,
			},
			{ credentials, triggerNodeName: TRIGGER },
		);
	const notes = campaignMonthNotes(start);
	const creators = campaignMonthCreators(start);
	const noteLines = (now: number) =>
		notes
			.filter((w) => w.listedAt <= now)
			.map((w) => `https://www.xiaohongshu.com/explore/${w.note.noteId}?xsec_token=${w.note.xsecToken}&xsec_source=pc_share`);
	const noteParameters = (lines: string[]) => ({
		watch: 'notes',
		notes: lines.join('\n'),
		...NOTE_RULES,
		...(budgets ? { creditBudget: budgets.notes } : {}),
	});
	const creatorTrigger = workflow({
		watch: 'creators',
		creators: creators.map((u) => `https://www.xiaohongshu.com/user/profile/${u.userId}`).join('\n'),
		...CREATOR_RULES,
		...(budgets ? { creditBudget: budgets.creators } : {}),
	});
	let lines = noteLines(start);
	let noteTrigger = workflow(noteParameters(lines));
	const alerts: Alert[] = [];
	const collect = (out: Awaited<ReturnType<HarnessModule.PollRunner['poll']>>) => {
		for (const item of out?.[0] ?? []) {
			const j = item.json as Record<string, unknown>;
			if (j.event !== 'increase' && j.event !== 'milestone') continue;
			alerts.push({
				entry: String(j.title),
				event: String(j.event),
				metric: String(j.metric),
				currentValue: Number(j.currentValue),
				milestone: typeof j.milestone === 'number' ? j.milestone : undefined,
				to: Date.parse(String(j.to)) - start,
			});
		}
	};
	const t0 = realNow();
	try {
		for (let hour = 0; hour < CAMPAIGN_MONTH_HOURS; hour++) {
			const now = noteLines(Date.now());
			if (now.length !== lines.length) {
				lines = now;
				noteTrigger = workflow(noteParameters(lines), noteTrigger.storedWorkflowStaticData());
			}
			collect(await noteTrigger.poll());
			collect(await creatorTrigger.poll());
			sandbox.clock.advance(HOUR);
			offset += HOUR;
		}
		return { label, credits: sandbox.stats().totals.creditsSpent, alerts, wallMs: realNow() - t0 };
	} finally {
		Date.now = savedNow;
		await sandbox.close();
	}
}

function quantile(sorted: number[], q: number): number | null {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function catches(hourly: Alert, budgeted: Alert): boolean {
	if (hourly.entry !== budgeted.entry || hourly.event !== budgeted.event || hourly.metric !== budgeted.metric) return false;
	if (budgeted.to < hourly.to) return false;
	return hourly.event === 'milestone' ? budgeted.milestone === hourly.milestone : budgeted.currentValue >= hourly.currentValue;
}

function compare(config: BudgetConfig, hourly: RunResult, budgeted: RunResult): BudgetComparison {
	const delays: number[] = [];
	const kindOf = (entry: string) =>
		entry.includes('campaign') ? 'campaign notes' : entry.includes('viral') ? 'viral notes' : entry.includes('old') ? 'old notes' : 'creators';
	const perKind = new Map<string, { hourlyAlerts: number; delays: number[] }>();
	for (const a of hourly.alerts) {
		const k = perKind.get(kindOf(a.entry)) ?? { hourlyAlerts: 0, delays: [] };
		perKind.set(kindOf(a.entry), k);
		k.hourlyAlerts++;
		const match = budgeted.alerts.find((b) => catches(a, b));
		if (!match) continue;
		const delay = (match.to - a.to) / HOUR;
		delays.push(delay);
		k.delays.push(delay);
	}
	delays.sort((x, y) => x - y);
	const creditShare = budgeted.credits / hourly.credits;
	const caughtShare = hourly.alerts.length === 0 ? 1 : delays.length / hourly.alerts.length;
	const median = quantile(delays, 0.5);
	return {
		label: config.label,
		notesBudget: config.notes,
		creatorsBudget: config.creators,
		credits: budgeted.credits,
		alerts: budgeted.alerts.length,
		creditShare,
		caught: delays.length,
		caughtShare,
		medianDelayHours: median,
		p90DelayHours: quantile(delays, 0.9),
		byKind: [...perKind.entries()].map(([kind, v]) => ({
			kind,
			hourlyAlerts: v.hourlyAlerts,
			caught: v.delays.length,
			medianDelayHours: quantile([...v.delays].sort((x, y) => x - y), 0.5),
		})),
		targets: { credits: creditShare <= 0.2, alerts: caughtShare >= 0.9, delay: median !== null && median < 2 },
	};
}

export async function runBudget(options: {
	repoRoot: string;
	configs: BudgetConfig[];
	log: (line: string) => void;
}): Promise<BudgetBenchResult> {
	process.env.N8N_EXPRESSION_ENGINE ??= 'legacy';
	const harness: typeof HarnessModule = await import('../harness');
	const t0 = Date.now();
	try {
		// The process clock only moves forward: each month starts two months after the previous one.
		let start = Date.UTC(2027, 2, 1);
		const nextStart = () => {
			const s = start;
			const d = new Date(start);
			start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 1);
			return s;
		};
		const runs: RunResult[] = [];
		for (const config of options.configs) {
			const run = await runMonth(harness, nextStart(), { notes: config.notes, creators: config.creators }, config.label);
			options.log(`budget: ${config.label}: ${run.credits} credits, ${run.alerts.length} alerts (${(run.wallMs / 1000).toFixed(1)} s)`);
			runs.push(run);
		}
		const hourly = await runMonth(harness, nextStart(), null, 'hourly');
		options.log(`budget: hourly: ${hourly.credits} credits, ${hourly.alerts.length} alerts (${(hourly.wallMs / 1000).toFixed(1)} s)`);
		return {
			hours: CAMPAIGN_MONTH_HOURS,
			entries: { notes: campaignMonthNotes().length, creators: campaignMonthCreators().length },
			rules: {
				notes: `likes: Increase of at Least ${NOTE_RULES.increaseBy}, Milestones ${NOTE_RULES.milestones}`,
				creators: `followers: Increase of at Least ${CREATOR_RULES.increaseBy}, Milestones ${CREATOR_RULES.milestones}`,
			},
			hourly: { credits: hourly.credits, alerts: hourly.alerts.length },
			budgeted: options.configs.map((config, i) => compare(config, hourly, runs[i])),
			wallMs: Date.now() - t0,
		};
	} finally {
		await harness.stopEngine();
	}
}

export function renderBudget(r: BudgetBenchResult): string {
	const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
	const h = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} h`);
	const ok = (b: boolean) => (b ? 'met' : '**missed**');
	const head = r.budgeted.map((b) => `${b.label}: ${b.notesBudget.toLocaleString('en-US')} + ${b.creatorsBudget.toLocaleString('en-US')} credits/month`);
	const row = (name: string, hourly: string, cells: string[]) => `| ${name} | ${hourly} | ${cells.join(' | ')} |`;
	const lines = [
		row('', 'hourly, no budget', head),
		`|---|---|${r.budgeted.map(() => '---|').join('')}`,
		row(`credits spent in ${r.hours / 24} days`, r.hourly.credits.toLocaleString('en-US'), r.budgeted.map((b) => `${b.credits.toLocaleString('en-US')} (${pct(b.creditShare)}; ≤ 20 %: ${ok(b.targets.credits)})`)),
		row('alerts fired', String(r.hourly.alerts), r.budgeted.map((b) => String(b.alerts))),
		row('hourly alerts also fired', '', r.budgeted.map((b) => `${b.caught} of ${r.hourly.alerts} (${pct(b.caughtShare)}; ≥ 90 %: ${ok(b.targets.alerts)})`)),
		row('delay, median (p90)', '', r.budgeted.map((b) => `${h(b.medianDelayHours)} (${h(b.p90DelayHours)}; median < 2 h: ${ok(b.targets.delay)})`)),
	];
	for (const b of r.budgeted) {
		lines.push('', `${b.label}, by kind of entry:`, '', '| entries | hourly alerts | also fired | median delay |', '|---|---|---|---|');
		for (const k of b.byKind) lines.push(`| ${k.kind} | ${k.hourlyAlerts} | ${k.caught} | ${h(k.medianDelayHours)} |`);
	}
	return lines.join('\n');
}

/** The BENCHMARKS.md section: how it was measured, the table, and each target met or why not. */
export function budgetSection(r: BudgetBenchResult, table: string): string {
	const why = r.budgeted
		.map((b) => {
			const missed = [
				!b.targets.credits && 'credits',
				!b.targets.alerts && 'alerts caught',
				!b.targets.delay && 'median delay',
			].filter(Boolean);
			if (missed.length === 0) return `- ${b.label}: all three targets met.`;
			return `- ${b.label}: missed (${missed.join(', ')}). ${b.notesBudget + b.creatorsBudget} credits a month are ${(b.creditShare * 100).toFixed(1)} % of the hourly poller's; at ${r.entries.notes + r.entries.creators} entries a daily check of each already takes most of them (the Longest Gap of 24 h), so a note that starts moving between two checks waits for the next one.`;
		})
		.join('\n');
	return [
		'## 7. Trigger credit budget: a simulated month',
		'',
		`\`node build/scripts/bench/cli.js --only budget --markdown BENCHMARKS.md\`. A month (${r.hours} hourly polls) of the sandbox's campaign-month fixture (\`tooling/sandbox/campaignMonth.ts\`): ${r.entries.notes} notes — 10 published during the month, each added to the list when published (a list edit: n8n re-activates the workflow from its stored state), growing fast for a day or two and then flattening; 18 old notes that barely move; 2 old notes that go viral late — and ${r.entries.creators} creators. One Trigger watches the notes (${r.rules.notes}), another the creators (${r.rules.creators}); both poll every hour, through the engine harness's poll runner (n8n-core's poll executor, n8n's rules for saving static data), with the sandbox's virtual clock as the trigger's clock. The same month is run by Triggers without a budget (every entry every hour) and with each budget (split between the two Triggers).`,
		'',
		'An hourly alert counts as also fired when the budgeted Trigger fired the same milestone, or an Increase of at Least alert reaching at least the same count, for the same entry, at the same time or later; the delay is the difference of the two alerts\' `to` times.',
		'',
		table,
		'',
		'Targets (at most 20 % of the hourly credits, at least 90 % of its alerts, median delay under 2 h):',
		'',
		why,
	].join('\n');
}
