#!/usr/bin/env node
'use strict';
/*
 * Refuses `npm publish` outside a release (the publish workflow's `npm run release`), before
 * npm packs or uploads anything. A version published from a laptop carries no provenance
 * statement, so n8n can never verify it, and npm versions cannot be re-published.
 *
 * It runs as `prepublishOnly` and as `prepack`. The repository's .npmrc sets
 * ignore-scripts=true (installs must not run dependencies' scripts), which skips both under a
 * plain `npm publish`; package.json's publishConfig sets ignore-scripts=false for publishing
 * only, and npm applies publishConfig before it packs, so `prepack` runs on every publish
 * (prepublishOnly still reads the .npmrc value). `npm pack` keeps .npmrc's setting; when it
 * does run scripts, this file lets it through: only a publish is refused.
 *
 * Plain JavaScript without dependencies: it has to work on a fresh clone, before any build.
 */
const command = process.env.npm_command;
if (command !== 'publish') process.exit(0);
if (process.env.RELEASE_MODE === 'true') process.exit(0);

process.stderr.write(
	[
		'',
		'npm publish refused: this package is published only by its GitHub Actions workflow',
		'(.github/workflows/publish.yml), with an npm provenance statement. n8n verifies only',
		'versions that carry one, and a version published from here could never be verified',
		'nor published again.',
		'',
		'To release: set the version and its CHANGELOG entry, merge to main, then run',
		'  npm run release',
		'which checks the release and tags it; pushing the tag starts the publish workflow.',
		'See README → Releasing.',
		'',
		'To see what would be published: npm pack --dry-run',
		'',
	].join('\n'),
);
process.exit(1);
