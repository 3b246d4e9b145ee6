import { DEFAULT_WINDOW_MS, type LimiterKind, type PlanSpec } from './plans';

/**
 * Per-key enforcement of a plan: a limiter on REAL time (callers run at real speed), of the
 * key's kind (sliding window, fixed window or a token bucket of one: see `LimiterKind`), and a
 * monthly credit balance.
 */
export type LimitVerdict =
	| { ok: true }
	| { ok: false; reason: 'burst'; retryAfterSeconds: number; limit: number; windowMs: number; limiter: LimiterKind }
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

	/** Admits the call if the plan's limiter allows it. A refused call does not take a slot. */
	admit(key: string): LimitVerdict {
		const plan = this.plans[key];
		const windowMs = plan.windowMs ?? this.defaultWindowMs;
		const limiter = plan.limiter ?? 'sliding';
		const now = this.realNow();
		const waitMs = this.waitBeforeNext(key, plan, windowMs, now);
		if (waitMs > 0) {
			return {
				ok: false,
				reason: 'burst',
				retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
				limit: plan.requestsPerMinute,
				windowMs,
				limiter,
			};
		}
		const used = this.used.get(key) ?? 0;
		if (used >= plan.credits) return { ok: false, reason: 'credits', used, credits: plan.credits };
		const recent = this.windows.get(key) ?? [];
		recent.push(now);
		this.windows.set(key, recent);
		return { ok: true };
	}

	/** How long a call must wait before this key's limiter lets it through: 0 if it may go now. */
	private waitBeforeNext(key: string, plan: PlanSpec, windowMs: number, now: number): number {
		const limit = plan.requestsPerMinute;
		const all = this.windows.get(key) ?? [];
		switch (plan.limiter ?? 'sliding') {
			case 'tokenBucket': {
				const last = all.length > 0 ? all[all.length - 1] : null;
				const interval = windowMs / limit;
				this.windows.set(key, last === null ? [] : [last]);
				return last === null ? 0 : Math.max(0, last + interval - now);
			}
			case 'fixed': {
				const windowStart = Math.floor(now / windowMs) * windowMs;
				const inWindow = all.filter((t) => t >= windowStart);
				this.windows.set(key, inWindow);
				return inWindow.length >= limit ? windowStart + windowMs - now : 0;
			}
			default: {
				const recent = all.filter((t) => t > now - windowMs);
				this.windows.set(key, recent);
				return recent.length >= limit ? recent[recent.length - limit] + windowMs - now : 0;
			}
		}
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
