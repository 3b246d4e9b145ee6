/**
 * Merges two sweep runs into one record: the node's cells from one, the HTTP Request node's from
 * the other (the HTTP Request node does not run this package's code, so a run on an earlier commit
 * measures it as well). Usage: node build/scripts/bench/merge-sweep.js NODE.json HTTP.json OUT.json
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { SweepRecord } from '../../tooling/bench/pacingSweep';

const [nodeFile, httpFile, outFile] = process.argv.slice(2);
if (!nodeFile || !httpFile || !outFile) throw new Error('usage: merge-sweep NODE.json HTTP.json OUT.json');
const node = JSON.parse(readFileSync(nodeFile, 'utf8')) as SweepRecord;
const http = JSON.parse(readFileSync(httpFile, 'utf8')) as SweepRecord;
const key = (c: SweepRecord['cells'][number]) => `${c.plan}|${c.limiter}|${c.notes}`;
const order = [...new Set([...node.cells, ...http.cells].map(key))];
const cells = order.flatMap((k) => [
	...node.cells.filter((c) => key(c) === k && c.contender === 'Xiaohongshu node'),
	...http.cells.filter((c) => key(c) === k && c.contender !== 'Xiaohongshu node'),
]);
const merged: SweepRecord = {
	...node,
	cells,
	skipped: [...new Set([...node.skipped, ...http.skipped])],
	note: `The node's cells were measured ${node.measured}${node.commit ? ` at ${node.commit}` : ''}; the HTTP Request node's ${http.measured}${http.commit ? ` at ${http.commit}` : ''}, in a run of their own.`,
};
writeFileSync(outFile, `${JSON.stringify(merged, null, '\t')}\n`);
