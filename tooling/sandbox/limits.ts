import { DEFAULT_WINDOW_MS, type PlanSpec } from './plans';

/**
 * Per-key enforcement of a plan: a sliding window of requests on REAL time
 * (callers run at real speed) and a monthly credit balance.
 */
export type LimitVerdict =
	| { ok: true }
	| { ok: false; reason: 'burst'; retryAfterSeconds: number; limit: number; windowMs: number }
	| { ok: false; reason: 'credits'; used: number; credits: number };

export class PlanLimits {
	private windows = new Map<string, number[]>();
	private used = new Map<string, number>();

	constructor(
		private readonly plans: Record<string, PlanSpec>,
		private readonly defaultWindowMs = DEFAULT_WINDOW_MS,
		private readonly realNow: () => number = Date.now,
	) {
		this.reset();
	}

	has(key: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.plans, key);
	}

	plan(key: string): PlanSpec {
		return this.plans[key];
	}

	reset(): void {
		this.windows.clear();
		this.used.clear();
		for (const [key, plan] of Object.entries(this.plans)) this.used.set(key, plan.creditsUsed ?? 0);
	}

	/** Admits the call into the window if the plan allows it. A refused call does not take a slot. */
	admit(key: string): LimitVerdict {
		const plan = this.plans[key];
		const windowMs = plan.windowMs ?? this.defaultWindowMs;
		const now = this.realNow();
		const recent = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
		this.windows.set(key, recent);
		if (recent.length >= plan.requestsPerMinute) {
			const waitMs = recent[0] + windowMs - now;
			return {
				ok: false,
				reason: 'burst',
				retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
				limit: plan.requestsPerMinute,
				windowMs,
			};
		}
		const used = this.used.get(key) ?? 0;
		if (used >= plan.credits) return { ok: false, reason: 'credits', used, credits: plan.credits };
		recent.push(now);
		return { ok: true };
	}

	charge(key: string, credits: number): void {
		this.used.set(key, (this.used.get(key) ?? 0) + credits);
	}

	setUsed(key: string, used: number): void {
		if (!this.has(key)) throw new Error(`unknown key ${key}`);
		this.used.set(key, used);
	}

	balances(): Record<string, { plan: string; credits: number; used: number; remaining: number; requestsPerMinute: number }> {
		const out: ReturnType<PlanLimits['balances']> = {};
		for (const [key, plan] of Object.entries(this.plans)) {
			const used = this.used.get(key) ?? 0;
			out[key] = {
				plan: plan.plan ?? 'custom',
				credits: plan.credits,
				used,
				remaining: Math.max(0, plan.credits - used),
				requestsPerMinute: plan.requestsPerMinute,
			};
		}
		return out;
	}
}
