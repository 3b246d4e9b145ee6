/**
 * Process environment for the engine, set before any n8n module is loaded: n8n's
 * config classes read `process.env` when the DI container first builds them.
 * Import this module first (index.ts does).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function setDefault(name: string, value: string) {
	if (process.env[name] === undefined) process.env[name] = value;
}

/**
 * A fresh temporary n8n folder per test file unless the caller chose one
 * (N8N_USER_FOLDER set by someone other than an earlier harness import).
 */
const inherited = process.env.N8N_USER_FOLDER;
export const ownsUserFolder =
	inherited === undefined || inherited === process.env.XHS_HARNESS_USER_FOLDER;
if (ownsUserFolder) {
	const folder = mkdtempSync(path.join(tmpdir(), 'xhs-harness-'));
	process.env.N8N_USER_FOLDER = folder;
	process.env.XHS_HARNESS_USER_FOLDER = folder;
	process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(folder, 'binaryData');
}
export const harnessUserFolder = process.env.N8N_USER_FOLDER as string;

setDefault('N8N_BINARY_DATA_STORAGE_PATH', path.join(harnessUserFolder, 'binaryData'));
setDefault('N8N_DEFAULT_BINARY_DATA_MODE', 'filesystem');
setDefault('N8N_LOG_LEVEL', 'silent');
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
// n8n 2.x defaults to `vm` (isolated-vm), whose native addon does not build on Node 20.
// `quickjs` is the same isolate bridge design compiled to WebAssembly, so it keeps the
// "acquire an isolate before evaluating" rule that `vm` enforces; `legacy` does not
// (faster, for benchmarks: N8N_EXPRESSION_ENGINE=legacy).
setDefault('N8N_EXPRESSION_ENGINE', 'quickjs');
