/**
 * One-time, process-wide engine start-up, done the way n8n's `BaseCommand.init`
 * does it (packages/cli/src/commands/base-command.ts): expression engine from
 * `GlobalConfig.expressionEngine`, binary data service in the configured mode.
 */
import { harnessUserFolder, ownsUserFolder } from './env';

import { rmSync } from 'node:fs';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import { Expression, LoggerProxy } from 'n8n-workflow';
import { expressionSandboxHooks } from 'n8n-workflow/dist/cjs/expression-sandboxing.js';

/**
 * n8n-core 2.40.3 carries its own @n8n/config (2.38), newer than the one hoisted to
 * the root; take GlobalConfig from n8n-core's copy so we read the settings it reads.
 */
function coreGlobalConfig(): { expressionEngine: ExpressionEngineSettings } {
	const configPath = require.resolve('@n8n/config', { paths: [require.resolve('n8n-core')] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { GlobalConfig } = require(configPath) as { GlobalConfig: new () => unknown };
	return Container.get(GlobalConfig) as { expressionEngine: ExpressionEngineSettings };
}

interface ExpressionEngineSettings {
	engine: 'legacy' | 'vm' | 'quickjs';
	poolSize: number;
	maxCodeCacheSize: number;
	bridgeTimeout: number;
	bridgeMemoryLimit: number;
}

let started: Promise<void> | undefined;

/**
 * `Expression.initExpressionEngine` loads @n8n/expression-runtime (and it loads
 * quickjs-emscripten) with a dynamic `import()`, which jest's module sandbox rejects
 * without --experimental-vm-modules. So the same evaluator is built here, with the
 * runtime loaded by Node's own `require` (outside jest's registry, where `import()`
 * works), and installed where initExpressionEngine would put it. Options mirror
 * n8n-workflow 2.40.1's initExpressionEngine.
 */
async function initIsolateEngine(settings: ExpressionEngineSettings): Promise<void> {
	// jest replaces `module.createRequire` with its own; getBuiltinModule gives Node's.
	const nodeModule = process.getBuiltinModule('node:module') as typeof import('node:module');
	const nativeRequire = nodeModule.createRequire(require.resolve('n8n-workflow'));
	const runtime = nativeRequire('@n8n/expression-runtime') as ExpressionRuntime;
	const bridgeOptions = {
		timeout: settings.bridgeTimeout,
		memoryLimit: settings.bridgeMemoryLimit,
		logger: LoggerProxy,
	};
	const evaluator = new runtime.ExpressionEvaluator({
		createBridge: () =>
			settings.engine === 'quickjs'
				? new runtime.QuickJsBridge(bridgeOptions)
				: new runtime.IsolatedVmBridge(bridgeOptions),
		maxCodeCacheSize: settings.maxCodeCacheSize,
		poolSize: settings.poolSize,
		hooks: expressionSandboxHooks,
		logger: LoggerProxy,
	});
	await evaluator.initialize();
	const target = Expression as unknown as { vmEvaluator?: unknown };
	target.vmEvaluator = evaluator;
	Expression.setExpressionEngine(settings.engine);
}

interface ExpressionRuntime {
	ExpressionEvaluator: new (options: object) => { initialize(): Promise<void> };
	QuickJsBridge: new (options: object) => unknown;
	IsolatedVmBridge: new (options: object) => unknown;
}

async function start(): Promise<void> {
	const settings = coreGlobalConfig().expressionEngine;
	if (settings.engine === 'legacy') Expression.setExpressionEngine('legacy');
	else await initIsolateEngine(settings);
	await Container.get(BinaryDataService).init();
}

/** Starts the engine once per test process; every harness entry point awaits it. */
export async function ensureEngine(): Promise<void> {
	started ??= start();
	await started;
}

/** The expression engine actually in use ('quickjs', 'vm' or 'legacy'). */
export function activeExpressionEngine(): string {
	return Expression.getActiveImplementation();
}

/**
 * Releases the expression isolates so jest can exit, and deletes the temporary n8n
 * folder (binary data) the harness made. Call from afterAll in engine tests.
 */
export async function stopEngine(): Promise<void> {
	if (!started) return;
	await started.catch(() => undefined);
	started = undefined;
	await Expression.disposeExpressionEngine();
	if (ownsUserFolder) rmSync(harnessUserFolder, { recursive: true, force: true });
}
