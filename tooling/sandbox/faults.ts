/**
 * Faults queued by tests: the next N matching calls fail the way a flaky
 * service fails. The first queued fault that matches a call is used and its
 * count goes down by one.
 */
export type SandboxEndpoint = 'get_note_detail' | 'get_user_profile';

export interface FaultSpec {
	/** How many matching calls this fault affects. */
	count: number;
	/** HTTP status to answer with (default: 500, or 502 for an HTML body, or 200 for truncated JSON). */
	status?: number;
	/** 'parsebot' (default): parse.bot's error body; 'html': a gateway HTML page; 'truncated': the real answer cut mid-JSON. */
	body?: 'html' | 'truncated' | 'parsebot';
	/** Wait this long before answering (or before dropping). A delay alone still serves the real answer. */
	delayMs?: number;
	/** Close the connection without any answer. */
	drop?: boolean;
	/** Value for a Retry-After header (seconds or an HTTP date). */
	retryAfter?: string | number;
	/** On 503: add the retry hint (`error.retry_after` seconds and a Retry-After header). */
	retryHint?: boolean;
	/** Only calls to this endpoint. */
	endpoint?: SandboxEndpoint;
	/** Only calls with this API key. */
	key?: string;
}

export class Faults {
	private queue: FaultSpec[] = [];

	inject(fault: FaultSpec): void {
		if (!Number.isInteger(fault.count) || fault.count < 1) throw new RangeError('a fault needs count >= 1');
		this.queue.push({ ...fault });
	}

	clear(): void {
		this.queue = [];
	}

	pending(): FaultSpec[] {
		return this.queue.map((f) => ({ ...f }));
	}

	/** The fault for this call, if any, consuming one of its count. */
	take(endpoint: string, key: string | undefined): FaultSpec | undefined {
		const index = this.queue.findIndex(
			(f) => (!f.endpoint || f.endpoint === endpoint) && (!f.key || f.key === key),
		);
		if (index < 0) return undefined;
		const fault = this.queue[index];
		fault.count -= 1;
		if (fault.count <= 0) this.queue.splice(index, 1);
		return fault;
	}
}

/** The status a fault answers with when the test did not give one. */
export function faultStatus(fault: FaultSpec): number | undefined {
	if (fault.status !== undefined) return fault.status;
	if (fault.body === 'html') return 502;
	if (fault.body === 'truncated') return 200;
	if (fault.body === 'parsebot') return 500;
	if (fault.retryHint) return 503;
	// A drop answers nothing; a delay alone serves the real answer late.
	if (fault.drop || fault.delayMs !== undefined) return undefined;
	return 500;
}
