/**
 * parse.bot stand-in for tests, benchmarks and the demo. See README.md beside this file.
 */
export { startSandbox, type Sandbox, type SandboxOptions, type CountsInput } from './server';
export { DEFAULT_SCRAPER_ID } from './core';
export { SANDBOX_KEYS, DEFAULT_PLANS, DEFAULT_WINDOW_MS, LIMITER_KINDS, type LimiterKind, type PlanSpec } from './plans';
export { SANDBOX_EPOCH_MS } from './clock';
export {
	FIXTURES,
	DEFAULT_CATALOGUE,
	IMAGES_WITH_ORIGINALS,
	initialInteractInfo,
	initialUserCounts,
	type Catalogue,
	type NoteFixture,
	type UserFixture,
	type ShortLinkFixture,
	type MediaOverride,
	type NoteMetric,
	type UserMetric,
	type CountSeed,
	type NoteName,
	type UserName,
} from './fixtures';
export { renderCount } from './displayCount';
export type { FaultSpec, SandboxEndpoint } from './faults';
export type { SandboxStats, CallRecord, ProxyRecord, KeyStats } from './stats';
export type { ParseBotErrorBody, ParseBotErrorFields } from './errors';
export { CONTENT_TYPE, mediaKindFor, type MediaKind } from './media';
