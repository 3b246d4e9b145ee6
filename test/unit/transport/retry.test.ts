import { localFailure, type ParseBotFailure } from '../../../nodes/Xiaohongshu/transport/failure';
import { backoffDelayMs, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../../nodes/Xiaohongshu/transport/retry';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function failure(kind: ParseBotFailure['kind'], extra: Partial<ParseBotFailure> = {}): ParseBotFailure {
	return { ...localFailure(kind), httpStatus: 500, ...extra };
}

describe('parseRetryAfter', () => {
	it.each([
		['120', 120_000],
		['1.5', 1_500],
		[' 3 ', 3_000],
		[7, 7_000],
		[['2'], 2_000],
		[new Date(NOW + 30_000).toUTCString(), 30_000],
		[new Date(NOW - 30_000).toUTCString(), 0],
	])('%p -> %p ms', (value, ms) => expect(parseRetryAfter(value, NOW)).toBe(ms));

	it.each([[undefined], [''], ['soon'], [-1], [null]])('%p -> null', (value) => expect(parseRetryAfter(value, NOW)).toBeNull());
});

describe('backoffDelayMs', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 8_000 };

	it('doubles each retry, with half of each step random', () => {
		expect([0, 1, 2, 3].map((r) => backoffDelayMs(r, policy, () => 0))).toEqual([250, 500, 1_000, 2_000]);
		expect([0, 1, 2, 3].map((r) => backoffDelayMs(r, policy, () => 1))).toEqual([500, 1_000, 2_000, 4_000]);
	});

	it('never exceeds the ceiling', () => {
		expect(backoffDelayMs(20, policy, () => 1)).toBe(8_000);
		expect(backoffDelayMs(20, policy, () => 0)).toBe(4_000);
	});
});

describe('decideRetry', () => {
	const policy = DEFAULT_RETRY_POLICY;
	const half = () => 0.5;

	it('retries a crashed scraper until the budget is spent', () => {
		expect(decideRetry(failure('scraperCrashed'), 0, policy, half)).toEqual({ retry: true, delayMs: 375 });
		expect(decideRetry(failure('scraperCrashed'), 2, policy, half)).toEqual({ retry: true, delayMs: 1_500 });
		expect(decideRetry(failure('scraperCrashed'), policy.maxRetries, policy, half)).toEqual({ retry: false });
	});

	it('waits exactly the Retry-After of a rate limit, and gives up on one too long to sit out', () => {
		expect(decideRetry(failure('rateLimited', { httpStatus: 429, retryAfterMs: 2_000, retryHinted: true }), 0, policy)).toEqual({ retry: true, delayMs: 2_000 });
		expect(decideRetry(failure('rateLimited', { httpStatus: 429, retryAfterMs: policy.maxRetryAfterMs + 1 }), 0, policy)).toEqual({ retry: false });
	});

	it('retries a block only with a retry hint', () => {
		expect(decideRetry(failure('blocked', { httpStatus: 503 }), 0, policy)).toEqual({ retry: false });
		expect(decideRetry(failure('blocked', { httpStatus: 503, retryAfterMs: 5_000, retryHinted: true }), 0, policy, half)).toEqual({ retry: true, delayMs: 5_000 });
		expect(decideRetry(failure('blocked', { httpStatus: 503, retryAfterMs: null, retryHinted: true }), 0, policy, half)).toEqual({ retry: true, delayMs: 375 });
	});

	it.each(['badRequest', 'badKey', 'unknownScraper', 'staleInput', 'unavailable', 'upstreamError', 'creditsExhausted', 'network', 'invalidResponse', 'creditCap', 'pastDeadline'] as const)(
		'never retries %s',
		(kind) => {
			expect(decideRetry(failure(kind, { retryAfterMs: 1_000, retryHinted: true }), 0, policy)).toEqual({ retry: false });
		},
	);
});
