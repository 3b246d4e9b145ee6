#!/usr/bin/env node
'use strict';
/*
 * `npm run repository:sync [-- --check]`
 *
 * package.json's `repository.url` is the one place that says where the source lives. This
 * writes what follows from it wherever it is repeated: package.json's `homepage` and `bugs`,
 * the credential's `documentationUrl` and the codex files' documentation links
 * (nodes/**\/*.node.json), keeping each link's README section (#credentials, #trigger …).
 * Those stay literals in the source: n8n's lint wants the credential's link written out, and
 * nothing in credentials/ or nodes/ may read a file at run time.
 *
 * `--check` changes nothing and exits 1 naming what disagrees (test/package runs it).
 * Plain JavaScript without dependencies; `--root DIR` works on another copy (tests).
 */
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const CREDENTIAL = join('credentials', 'ParseXhsApi.credentials.ts');

/** `git+https://github.com/o/r.git` → `https://github.com/o/r`. */
function webUrl(repositoryUrl) {
	return repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '').replace(/^git:\/\//, 'https://');
}

/** The same README section under the new address: `<old>#trigger` → `<web>#trigger`. */
function rebase(url, web) {
	const hash = url.indexOf('#');
	return hash === -1 ? web : `${web}${url.slice(hash)}`;
}

function codexFiles(root, dir = 'nodes') {
	return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return codexFiles(root, path);
		return entry.name.endsWith('.node.json') ? [path] : [];
	});
}

/** Every place that repeats the repository's address: file, what it is, its text now, its text as it should be. */
function plan(root) {
	const changes = [];
	const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
	const manifest = JSON.parse(manifestText);
	const web = webUrl(manifest.repository.url);

	const wanted = { ...manifest, homepage: `${web}#readme`, bugs: { ...manifest.bugs, url: `${web}/issues` } };
	changes.push({ file: 'package.json', what: 'homepage and bugs', before: manifestText, after: `${JSON.stringify(wanted, null, 2)}\n` });

	const credentialText = readFileSync(join(root, CREDENTIAL), 'utf8');
	const link = /(documentationUrl = ')([^']*)(')/;
	const found = link.exec(credentialText);
	if (!found) throw new Error(`${CREDENTIAL}: no documentationUrl = '…' to update`);
	changes.push({ file: CREDENTIAL, what: 'documentationUrl', before: credentialText, after: credentialText.replace(link, (_, open, url, close) => `${open}${rebase(url, web)}${close}`) });

	for (const file of codexFiles(root)) {
		const text = readFileSync(join(root, file), 'utf8');
		const resources = JSON.parse(text).resources ?? {};
		let after = text;
		for (const entry of [...(resources.credentialDocumentation ?? []), ...(resources.primaryDocumentation ?? [])]) {
			after = after.split(JSON.stringify(entry.url)).join(JSON.stringify(rebase(entry.url, web)));
		}
		changes.push({ file, what: 'documentation links', before: text, after });
	}
	return { web, stale: changes.filter((change) => change.before !== change.after) };
}

function main(argv) {
	const check = argv.includes('--check');
	const rootAt = argv.indexOf('--root');
	const root = rootAt === -1 ? join(__dirname, '..', '..') : argv[rootAt + 1];
	const { web, stale } = plan(root);
	if (stale.length === 0) {
		process.stdout.write(`Every link follows package.json's repository (${web}).\n`);
		return 0;
	}
	const list = stale.map((change) => `  ${change.file}: ${change.what}`).join('\n');
	if (check) {
		process.stderr.write(`Not yet following package.json's repository (${web}):\n${list}\nRun: npm run repository:sync\n`);
		return 1;
	}
	for (const change of stale) writeFileSync(join(root, change.file), change.after);
	process.stdout.write(`Pointed at ${web}:\n${list}\n`);
	return 0;
}

process.exit(main(process.argv.slice(2)));
