/**
 * n8n processes sharing one parse.bot key, on a virtual clock: each process has its own
 * CallSchedule (as each real process has its own module state) and a few callers that fetch
 * one note after another; parse.bot is the sandbox's own sliding-window limiter, driven by
 * the same clock. What a real queue-mode run does in minutes, this does in milliseconds.
 */
import { CallSchedule } from '../../../nodes/Xiaohongshu/transport/pacing';
import { DEFAULT_RETRY_POLICY, backoffDelayMs } from '../../../nodes/Xiaohongshu/transport/retry';
import { PlanLimits } from '../../../tooling/sandbox/limits';

export interface SimulatedProcess {
	/** The credential's "n8n Processes Sharing This Key" as this process reads it. */
	processes: number;
	/** When its callers start, and when they stop taking new work (ms from the start). */
	startAt?: number;
	stopAt?: number;
	/** Callers sharing this process's schedule (items in flight across its executions). */
	callers?: number;
}

export interface SimulationOptions {
	requestsPerMinute: number;
	processes: SimulatedProcess[];
	durationMs: number;
	/** Round trip of a call; it reaches the limiter halfway. */
	latencyMs?: number;
	/** The limiter's window (real parse.bot: a minute). */
	windowMs?: number;
	/**
	 * Whether a 429 says when to come back (the sandbox does, exactly). Without it the client
	 * backs off as retry.ts says, and an item whose retries run out fails.
	 */
	retryAfter?: boolean;
}

export interface CallTrace {
	process: number;
	sentAt: number;
	arrivedAt: number;
	status: 200 | 429;
}

export interface SimulationResult {
	calls: CallTrace[];
	/** Items whose every attempt met a 429 (retries used up). */
	failedItems: number;
	schedules: CallSchedule[];
	/** Each process's own rate (requests per minute) sampled every second. */
	rates: Array<Array<{ at: number; requestsPerMinute: number }>>;
}

const KEY = 'simulated-key';

export function simulate(options: SimulationOptions): SimulationResult {
	const latency = options.latencyMs ?? 250;
	let now = 0;
	const limits = new PlanLimits(
		{ [KEY]: { requestsPerMinute: options.requestsPerMinute, credits: Number.MAX_SAFE_INTEGER, windowMs: options.windowMs ?? 60_000 } },
		undefined,
		() => now,
	);
	const events: Array<{ at: number; seq: number; run: () => void }> = [];
	let seq = 0;
	const at = (time: number, run: () => void): void => {
		const event = { at: time, seq: seq++, run };
		let i = events.length;
		while (i > 0 && (events[i - 1].at > time || (events[i - 1].at === time && events[i - 1].seq > event.seq))) i--;
		events.splice(i, 0, event);
	};

	const calls: CallTrace[] = [];
	let failedItems = 0;
	// A fixed sequence instead of Math.random: the same run every time.
	let seed = 1;
	const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
	const schedules = options.processes.map(
		(p) => new CallSchedule({ requestsPerMinute: options.requestsPerMinute, processes: p.processes }),
	);
	const rates: SimulationResult['rates'] = options.processes.map(() => []);

	options.processes.forEach((p, index) => {
		const schedule = schedules[index];
		const stopAt = p.stopAt ?? Infinity;
		// waitForSlot's loop: take a slot, sleep to it, and take a fresh one if a hold began meanwhile.
		const takeSlot = (retriesDone = 0): void => {
			if (now >= stopAt && retriesDone === 0) return;
			const reserved = schedule.reserveCall(now);
			const wake = (): void => {
				// Behind a probe a caller looks again often: its answer may let it go at once.
				if (now < reserved.slot) {
					if (!schedule.probing && schedule.bursts !== 'allowed') return at(reserved.slot, wake);
					if (schedule.bursts === 'allowed') {
						schedule.release(reserved.slot, reserved.probe);
						return takeSlot(retriesDone);
					}
					return at(Math.min(reserved.slot, now + 20), wake);
				}
				const blockedUntil = schedule.blockedUntil(now);
				if (blockedUntil > now) {
					if (schedule.heldUntil > now) {
						schedule.release(reserved.slot, reserved.probe);
						return takeSlot(retriesDone);
					}
					reserved.slot = schedule.postpone(reserved.slot, blockedUntil);
					return at(reserved.slot, wake);
				}
				schedule.release(reserved.slot);
				send(retriesDone, schedule.callStarted(now, reserved.probe).probe);
			};
			at(schedule.probing && !reserved.probe ? Math.min(reserved.slot, now + 20) : reserved.slot, wake);
		};
		const send = (retriesDone: number, probe: boolean): void => {
			const sentAt = now;
			at(sentAt + latency / 2, () => {
				const verdict = limits.admit(KEY);
				const trace: CallTrace = { process: index, sentAt, arrivedAt: now, status: verdict.ok ? 200 : 429 };
				calls.push(trace);
				at(sentAt + latency, () => {
					if (verdict.ok) {
						schedule.answered(now, probe);
						return takeSlot();
					}
					schedule.rateLimited(sentAt, now, probe);
					if (retriesDone >= DEFAULT_RETRY_POLICY.maxRetries) {
						failedItems++;
						return takeSlot();
					}
					if (options.retryAfter !== false && verdict.reason === 'burst') {
						schedule.holdUntil(now + verdict.retryAfterSeconds * 1000);
						return takeSlot(retriesDone + 1);
					}
					at(now + backoffDelayMs(retriesDone, DEFAULT_RETRY_POLICY, random), () => takeSlot(retriesDone + 1));
				});
			});
		};
		for (let c = 0; c < (p.callers ?? 4); c++) at(p.startAt ?? 0, takeSlot);
	});
	for (let t = 0; t <= options.durationMs; t += 1_000) {
		at(t, () => schedules.forEach((s, i) => rates[i].push({ at: now, requestsPerMinute: s.rate.requestsPerMinute })));
	}

	while (events.length > 0 && events[0].at <= options.durationMs) {
		const event = events.shift()!;
		now = event.at;
		event.run();
	}
	return { calls, failedItems, schedules, rates };
}
