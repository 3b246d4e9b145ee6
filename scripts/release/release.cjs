#!/usr/bin/env node
'use strict';
/*
 * `npm run release`.
 *
 * In GitHub Actions (the publish workflow, on a version tag): checks that the tag is the
 * version in package.json and that CHANGELOG.md has its entry, then hands over to
 * `n8n-node release` from @n8n/node-cli, which runs lint and build and then `npm publish`
 * with RELEASE_MODE=true (what publish-guard.cjs lets through) and NPM_CONFIG_PROVENANCE=true.
 *
 * On a maintainer's machine: the same checks plus a clean, pushed work tree, then an annotated
 * tag for the version. Pushing that tag is what publishes. Nothing is published from here:
 * `n8n-node release` would run release-it locally, which bumps the version and rewrites the
 * changelog; this package keeps a hand-written CHANGELOG.md whose newest entry is checked.
 *
 * Plain JavaScript without dependencies, like publish-guard.cjs.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function fail(lines) {
	process.stderr.write(`\nrelease refused:\n${lines.map((line) => `  ${line}`).join('\n')}\n\nSee README → Releasing.\n`);
	process.exit(1);
}

function changelogProblem() {
	const newest = /^## (\S+)/m.exec(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'));
	return newest?.[1] === version ? null : `CHANGELOG.md's newest entry is ${newest?.[1] ?? 'missing'}, not ${version}: write the entry for ${version} first.`;
}

function git(...args) {
	return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

if (process.env.GITHUB_ACTIONS === 'true') {
	const tag = process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : undefined;
	if (tag !== version) {
		fail([`the workflow runs for ${tag ? `tag ${tag}` : `${process.env.GITHUB_REF ?? 'no ref'} (not a tag)`}, but package.json says ${version}.`, `Publish by pushing the tag ${version} on the commit that carries that version.`]);
	}
	const problem = changelogProblem();
	if (problem) fail([problem]);
	const run = spawnSync('n8n-node', ['release'], { cwd: root, stdio: 'inherit' });
	process.exit(run.status ?? 1);
}

const problems = [changelogProblem()];
if (git('status', '--porcelain') !== '') problems.push('the work tree has uncommitted changes: commit or stash them.');
if (git('tag', '--list', version) !== '') problems.push(`tag ${version} exists already: raise the version in package.json (npm version <next> --no-git-tag-version).`);
const upstream = spawnSync('git', ['rev-parse', '--abbrev-ref', '@{upstream}'], { cwd: root, encoding: 'utf8' });
if (upstream.status !== 0) problems.push('this branch has no upstream: release from main as it is on GitHub.');
else if (git('rev-parse', 'HEAD') !== git('rev-parse', '@{upstream}')) problems.push(`HEAD is not what ${upstream.stdout.trim()} holds: push (or pull) first, so the tag names a commit GitHub has.`);
const found = problems.filter(Boolean);
if (found.length > 0) fail(found);

git('tag', '--annotate', version, '--message', `${version}`);
process.stdout.write(
	[
		`Tagged ${version} on ${git('rev-parse', '--short', 'HEAD')}. To publish it (the publish workflow runs on the tag):`,
		`  git push origin ${version}`,
		'Then watch the run under Actions → Publish; the page of the version on npm then shows its provenance.',
		'',
	].join('\n'),
);
