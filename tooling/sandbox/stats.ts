/**
 * What the sandbox saw: every API call and every proxy hit, for tests that must
 * prove a call was (or was not) made, and for benchmarks that count credits.
 */
export interface CallRecord {
	/** The X-API-Key sent ('' when none). */
	key: string;
	endpoint: string;
	method: string;
	/** HTTP status answered; 0 when the connection was dropped on purpose. */
	status: number;
	noteId?: string;
	userId?: string;
	/** Real time (ms since epoch) the call arrived. */
	at: number;
	/** Virtual clock at that moment. */
	virtualAt: number;
	/** Credits this call cost. */
	credits: number;
	/** Set when an injected fault shaped the answer. */
	fault?: string;
}

export interface ProxyRecord {
	method: string;
	url: string;
	host: string;
	status: number;
	/** 'shortLink' | 'media' | 'refused' (a host the sandbox does not play) */
	kind: 'shortLink' | 'media' | 'refused';
	bytes: number;
	at: number;
	/** Names (lower case) of the request headers the client sent, to prove what it did not send. */
	headerNames?: string[];
}

export interface KeyStats {
	calls: number;
	creditsSpent: number;
	status429: number;
	byStatus: Record<string, number>;
}

export interface SandboxStats {
	calls: CallRecord[];
	byKey: Record<string, KeyStats>;
	byEndpoint: Record<string, { calls: number; byStatus: Record<string, number> }>;
	totals: { calls: number; creditsSpent: number; status429: number };
	proxy: { hits: ProxyRecord[]; byHost: Record<string, number>; refused: ProxyRecord[] };
}

export class StatsRecorder {
	private calls: CallRecord[] = [];
	private proxyHits: ProxyRecord[] = [];

	recordCall(call: CallRecord): void {
		this.calls.push(call);
	}

	recordProxy(hit: ProxyRecord): void {
		this.proxyHits.push(hit);
	}

	reset(): void {
		this.calls = [];
		this.proxyHits = [];
	}

	snapshot(): SandboxStats {
		const byKey: SandboxStats['byKey'] = {};
		const byEndpoint: SandboxStats['byEndpoint'] = {};
		const totals = { calls: 0, creditsSpent: 0, status429: 0 };
		for (const c of this.calls) {
			const k = (byKey[c.key] ??= { calls: 0, creditsSpent: 0, status429: 0, byStatus: {} });
			k.calls += 1;
			k.creditsSpent += c.credits;
			if (c.status === 429) k.status429 += 1;
			k.byStatus[c.status] = (k.byStatus[c.status] ?? 0) + 1;
			const e = (byEndpoint[c.endpoint] ??= { calls: 0, byStatus: {} });
			e.calls += 1;
			e.byStatus[c.status] = (e.byStatus[c.status] ?? 0) + 1;
			totals.calls += 1;
			totals.creditsSpent += c.credits;
			if (c.status === 429) totals.status429 += 1;
		}
		const byHost: Record<string, number> = {};
		for (const h of this.proxyHits) byHost[h.host] = (byHost[h.host] ?? 0) + 1;
		return {
			calls: this.calls.map((c) => ({ ...c })),
			byKey,
			byEndpoint,
			totals,
			proxy: {
				hits: this.proxyHits.map((h) => ({ ...h })),
				byHost,
				refused: this.proxyHits.filter((h) => h.kind === 'refused').map((h) => ({ ...h })),
			},
		};
	}
}
