/**
 * The shape of the benchmark's machine-readable output (bench-results.json). BENCHMARKS.md
 * is rendered from exactly this, so every number in it can be traced to a field here.
 */
export interface MachineInfo {
	date: string;
	cpus: number;
	cpuModel: string;
	memoryGiB: number;
	platform: string;
	node: string;
	n8nNode: string | null;
	n8n: string | null;
	packageVersion: string;
	gitCommit: string | null;
	mode: 'full' | 'quick';
	command: string;
}

export interface PacingSetup {
	rows: number;
	uniqueValid: number;
	duplicates: number;
	invalid: number;
	/** The custom plan the sandbox enforces: `limitPerWindow` calls per sliding `windowMs`. */
	limitPerWindow: number;
	windowMs: number;
	requestsPerMinute: number;
	latencyMs: number;
	/** unique valid notes ÷ rate. */
	idealMs: number;
}

export interface PacingVariantResult {
	label: string;
	kind: 'node' | 'http';
	settings: string;
	apiKey: string;
	executionStatus: string;
	/** n8n's timing of the node. */
	wallMs: number;
	ratioToIdeal: number;
	/** First to last call as the sandbox saw them arrive. */
	callSpanMs: number;
	calls: number;
	status429: number;
	creditsSpent: number;
	byStatus: Record<string, number>;
	itemsIn: number;
	itemsOut: number;
	itemsFailed: number;
	/** Failures beyond the rows that are not note links (those fail in every variant). */
	itemsFailedBeyondInvalid: number;
}

export interface PacingResult {
	setup: PacingSetup;
	variants: PacingVariantResult[];
}

export interface CreditCase {
	label: string;
	rows: number;
	/** What an ideal client calls for these rows. */
	necessaryCalls: number;
	node: { calls: number; credits: number; byStatus: Record<string, number> };
	http: { calls: number; credits: number; byStatus: Record<string, number> };
}

export interface CreditsResult {
	cases: CreditCase[];
	/** Calls per row of each kind, derived from the cases. */
	perRow: { duplicate: { node: number; http: number }; invalid: { node: number; http: number } };
	/** From the pacing run: calls and credits over the whole sheet, for each variant. */
	sheet: Array<{ label: string; calls: number; credits: number; uniqueValid: number; rows: number }>;
}

export interface OverheadResult {
	iterations: number;
	/** Per item: parse the link, validate the answer, map it (counts included). */
	perItemUs: number;
	itemsPerSecond: number;
	parts: { parseLinkUs: number; validateUs: number; mapUs: number; parseCountUs: number };
	roundTrip: {
		/** Measured GET round trip to the sandbox with no latency added: the floor of any call. */
		loopbackMedianMs: number;
		/** Measured with the latency the pacing run injects. */
		injectedLatencyMs: number;
		injectedMedianMs: number;
	};
	fractionOfLoopbackCall: number;
	fractionOfInjectedCall: number;
}

export interface FootprintResult {
	tarballBytes: number;
	tarballFiles: number;
	unpackedBytes: number;
	runtimeDependencies: string[];
	coldLoad: Array<{
		runtime: string;
		repeats: number;
		/** Requiring the node and credential files with n8n-workflow and zod already loaded, as inside n8n. */
		nodeFilesMedianMs: number;
		nodeFilesP90Ms: number;
		/** The same from an empty process, n8n-workflow and zod included. */
		withDependenciesMedianMs: number;
	}>;
}

export interface TriggerResult {
	available: boolean;
	reason?: string;
	callsPerPoll?: {
		lines: number;
		uniqueValid: number;
		duplicates: number;
		invalid: number;
		polls: number;
		calls: number;
		callsPerPoll: number;
	};
	states?: TriggerStateResult[];
}

export interface TriggerStateResult {
	config: string;
	entries: number;
	polls: number;
	virtualHoursPerPoll: number;
	eventsEmitted: number;
	liveBytes: number;
	storedBytes: number;
	bytesPerEntry: number;
	/** Bytes per entry at checkpoints, to show whether state keeps growing. */
	growth: Array<{ polls: number; bytesPerEntry: number }>;
	wallMs: number;
}

export interface QueueRunResult {
	workers: number;
	/** The credential's "n8n Processes Sharing This Key". */
	field: number;
	/** The key's plan and each execution's distinct notes in this run (absent in results saved before they varied). */
	requestsPerMinute?: number;
	notesPerExecution?: number;
	calls: number;
	status429: number;
	failedItems: number;
	failedExecutions: number;
	credits: number;
	/** Distinct notes per execution, summed. */
	expectedCredits: number;
	/** From the first run started to the last one finished. */
	wallMs: number;
	/** expectedCredits at the plan's rate. */
	idealMs: number;
	/** The most calls (refused ones included) that reached the sandbox within any 60 s. */
	busiestMinute: number;
	executionsPerWorker: number[];
}

export interface QueueRecoveryResult {
	longNotes: number;
	shortNotes: number;
	calls: number;
	status429: number;
	/** From the short execution's last call until the long one's calls in a trailing 15 s reach 0.9 of the plan; null if never. */
	recoveredAfterMs: number | null;
	/** How long the long execution ran alone. */
	aloneForMs: number;
	/** The worker (index) that ran the long and the short execution. */
	workers: Array<number | null>;
}

export interface QueueBenchResult {
	available: boolean;
	reason?: string;
	/** When this section was measured (it can be rerun alone: `--only queue`). */
	measuredAt?: string;
	setup?: {
		executions: number;
		notesPerExecution: number;
		requestsPerMinute: number;
		latencyMs: number;
		workerConcurrency: number;
		n8n: string;
	};
	runs?: QueueRunResult[];
	recovery?: QueueRecoveryResult | null;
}

export interface BenchResults {
	machine: MachineInfo;
	pacing: PacingResult | null;
	credits: CreditsResult | null;
	overhead: OverheadResult;
	footprint: FootprintResult;
	trigger: TriggerResult;
	queue?: QueueBenchResult | null;
	targets: TargetCheck[];
	errors: Array<{ section: string; message: string }>;
}

export interface TargetCheck {
	target: string;
	measured: string;
	met: boolean | null;
}
