#!/usr/bin/env node
/**
 * Runs n8n's community-package scanner (`@n8n/scan-community-package`, the check n8n runs
 * before it verifies a package) on a local folder, with no registry: its exported
 * `analyzePackage` lints the folder with the scanner's own ESLint config, inline
 * eslint-disable comments ignored.
 *
 *   node scripts/scan/scan-package.mjs <folder> source|tarball
 *
 * `source` lints what `n8n-node lint` covers (the scanner's SOURCE_FILE_PATTERNS); `tarball`
 * lints an unpacked tarball the way the scanner lints the published artifact (compiled .js
 * and package.json). Prints the scanner's result as JSON; exit code 1 when it did not pass.
 */
import { resolve } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const PATTERNS = { source: SOURCE_FILE_PATTERNS, tarball: ['**/*.js', 'package.json'] };

// eslint-plugin-n8n-nodes-base switches some rules to its own test fixtures under NODE_ENV=test
// (what jest sets): the scan would then judge file names and the package name wrongly.
if (process.env.NODE_ENV === 'test') {
	process.stderr.write('NODE_ENV=test changes the scanner\'s rules: run it without NODE_ENV=test\n');
	process.exit(2);
}

const [folder, leg] = process.argv.slice(2);
if (!folder || !PATTERNS[leg]) {
	process.stderr.write('usage: node scripts/scan/scan-package.mjs <folder> source|tarball\n');
	process.exit(2);
}
const result = await analyzePackage(resolve(folder), PATTERNS[leg]);
process.stdout.write(`${JSON.stringify({ passed: result.passed, message: result.message ?? null, details: result.details ?? null })}\n`);
process.exitCode = result.passed ? 0 : 1;
