/**
 * Section 2, credits: what each kind of row costs. Small sheets on a fast plan (no limit in
 * play), one API key per case and contender, calls and credits read from the sandbox.
 * Running first, they also warm n8n up (node types loaded, task runner started) before
 * anything is timed.
 */
import type { PlanSpec } from '../sandbox';
import type { Sheet, SheetRow } from './dataset';
import type { BenchSession } from './n8n-session';
import type { CreditCase, CreditsResult, PacingResult } from './results';
import { httpWorkflow, nodeWorkflow } from './workflows';

const FAST_RATE = 6_000;

interface CaseSpec {
	id: string;
	label: string;
	rows: SheetRow[];
	necessaryCalls: number;
}

function caseSpecs(sheet: Sheet): CaseSpec[] {
	const note = sheet.notes[0];
	const token = note.xsecToken;
	const explore = `https://www.xiaohongshu.com/explore/${note.noteId}?xsec_token=${token}&xsec_source=pc_feed`;
	const invalidRows = sheet.rows.filter((_, i) => sheet.kinds[i] === 'invalid');
	return [
		{ id: 'single', label: 'one row, one note', rows: [{ link: explore }], necessaryCalls: 1 },
		{
			id: 'duplicates',
			label: 'one note in five rows (three link forms, one pasted twice more)',
			rows: [
				{ link: explore },
				{ link: `https://www.xiaohongshu.com/discovery/item/${note.noteId}?xsec_token=${token}&xsec_source=pc_share` },
				{ link: `${note.title} https://www.xiaohongshu.com/discovery/item/${note.noteId}?xsec_token=${token}&xsec_source=app_share 复制后打开【小红书】查看笔记！` },
				{ link: explore },
				{ link: explore },
			],
			necessaryCalls: 1,
		},
		{ id: 'invalid', label: `${invalidRows.length} cells that are not usable note links`, rows: invalidRows, necessaryCalls: 0 },
	];
}

export function creditKeys(): Record<string, PlanSpec> {
	const keys: Record<string, PlanSpec> = {};
	for (const id of ['single', 'duplicates', 'invalid']) {
		for (const who of ['node', 'http']) keys[keyOf(id, who)] = { plan: 'custom', requestsPerMinute: FAST_RATE, credits: 1_000_000 };
	}
	return keys;
}

function keyOf(caseId: string, who: string): string {
	return `bench-credits-${caseId}-${who}`;
}

export async function runCredits(session: BenchSession, sheet: Sheet, log: (line: string) => void): Promise<CreditsResult> {
	const cases: CreditCase[] = [];
	for (const spec of caseSpecs(sheet)) {
		const nodeKey = keyOf(spec.id, 'node');
		const httpKey = keyOf(spec.id, 'http');
		await session.run(nodeWorkflow(session.packageName, spec.rows, await session.parseBotCredential(nodeKey, FAST_RATE)), 120_000);
		await session.run(httpWorkflow(spec.rows, session.noteEndpoint, await session.headerAuthCredential(httpKey), null), 120_000);
		const byKey = session.sandbox.stats().byKey;
		const of = (key: string) => ({
			calls: byKey[key]?.calls ?? 0,
			credits: byKey[key]?.creditsSpent ?? 0,
			byStatus: byKey[key]?.byStatus ?? {},
		});
		const result: CreditCase = { label: spec.label, rows: spec.rows.length, necessaryCalls: spec.necessaryCalls, node: of(nodeKey), http: of(httpKey) };
		log(`credits: ${spec.label}: node ${result.node.calls} calls, HTTP Request ${result.http.calls} calls`);
		cases.push(result);
	}
	const duplicates = cases.find((c) => c.label.startsWith('one note in'))!;
	const invalid = cases[cases.length - 1];
	const extraPerRow = (calls: number) => (calls - duplicates.necessaryCalls) / (duplicates.rows - 1);
	return {
		cases,
		perRow: {
			duplicate: { node: extraPerRow(duplicates.node.calls), http: extraPerRow(duplicates.http.calls) },
			invalid: { node: invalid.node.calls / invalid.rows, http: invalid.http.calls / invalid.rows },
		},
		sheet: [],
	};
}

/** Adds the whole-sheet view from the pacing run. */
export function withSheetTotals(credits: CreditsResult, pacing: PacingResult | null): CreditsResult {
	if (!pacing) return credits;
	return {
		...credits,
		sheet: pacing.variants.map((v) => ({
			label: v.label,
			calls: v.calls,
			credits: v.creditsSpent,
			uniqueValid: pacing.setup.uniqueValid,
			rows: pacing.setup.rows,
		})),
	};
}
