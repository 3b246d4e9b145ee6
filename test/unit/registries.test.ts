/**
 * The registries: what the compiler does not prove about them (it proves every RuleKind has
 * a rule entry and every Metric a label; these check what is generated from them).
 */
import type { INode, INodeProperties } from 'n8n-workflow';

import { allOperations, findOperation, NODE_HINTS, NODE_PROPERTIES, NODE_SUBTITLE, RESOURCES } from '../../nodes/Xiaohongshu/actions/operations';
import { CREATOR_METRICS, NOTE_METRICS } from '../../nodes/Xiaohongshu/domain/watch/engagementMetrics';
import { CREATOR_METRIC_OPTIONS, NOTE_METRIC_OPTIONS } from '../../nodes/Xiaohongshu/trigger/metricOptions';
import { FIRE_WHEN_OPTIONS, readRules, RULE_KINDS, RULE_PARAMETERS } from '../../nodes/Xiaohongshu/trigger/rules';

/** n8n's expression for the subtitle, evaluated on plain parameters. */
function subtitleFor(parameters: Record<string, string>): unknown {
	const body = NODE_SUBTITLE.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$parameter', `return (${body});`)(parameters);
}

const byName = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('the operation registry', () => {
	it('names every registered operation in the subtitle as its entry says', () => {
		const operations = allOperations();
		expect(operations.map(({ resource, operation }) => `${resource}/${operation}`)).toEqual(['note/get', 'note/parseLink', 'user/get']);
		for (const { resource, operation, entry } of operations) expect(subtitleFor({ resource, operation })).toBe(entry.subtitle);
	});

	it('lists each resource and its operations, and shows their parameters only while selected', () => {
		const resource = NODE_PROPERTIES.find((p) => p.name === 'resource');
		expect(resource?.options?.map((o) => ('value' in o ? o.value : ''))).toEqual(Object.keys(RESOURCES));
		for (const { resource: r, operation, entry } of allOperations()) {
			const list = NODE_PROPERTIES.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === r);
			expect(list?.options?.some((o) => 'value' in o && o.value === operation)).toBe(true);
			for (const parameter of entry.parameters as INodeProperties[]) {
				expect(parameter.displayOptions?.show?.resource).toEqual([r]);
				expect(parameter.displayOptions?.show?.operation).toEqual([operation]);
			}
		}
	});

	it('shows each cost hint only for its operation', () => {
		const withHint = allOperations().filter(({ entry }) => entry.costHint !== undefined);
		expect(NODE_HINTS.map((h) => h.message)).toEqual(withHint.map(({ entry }) => entry.costHint));
		NODE_HINTS.forEach((hint, i) =>
			expect(hint.displayCondition).toBe(`={{ $parameter["resource"] === "${withHint[i].resource}" && $parameter["operation"] === "${withHint[i].operation}" }}`),
		);
	});

	it('finds registered operations only, not what every object has', () => {
		expect(findOperation('note', 'get')).toBe(RESOURCES.note.operations.get);
		expect(findOperation('user', 'parseLink')).toBeUndefined();
		expect(findOperation('note', 'constructor')).toBeUndefined();
		expect(findOperation('__proto__', 'get')).toBeUndefined();
		expect(findOperation('toString', 'get')).toBeUndefined();
	});
});

describe('the trigger rule registry', () => {
	const node = { name: 'Xiaohongshu Trigger' } as INode;

	it('offers every rule under Fire When, alphabetically, and shows each parameter only for its rule', () => {
		expect(FIRE_WHEN_OPTIONS.map((o) => o.value).sort()).toEqual([...RULE_KINDS].sort());
		const names = FIRE_WHEN_OPTIONS.map((o) => o.name);
		expect(names).toEqual(byName(names));
		for (const parameter of RULE_PARAMETERS) expect(RULE_KINDS).toContain(parameter.displayOptions?.show?.fireWhen?.[0]);
		expect(RULE_PARAMETERS.map((p) => p.name)).toEqual(['increaseBy', 'increasePercent', 'milestones', 'spikeFactor', 'spikeMinIncrease']);
	});

	it('reads each selected rule with its settings, in registry order, and ignores unknown ones', () => {
		const values: Record<string, unknown> = { increaseBy: 5, increasePercent: 2.5, milestones: '1万, 500', spikeFactor: 0.5, spikeMinIncrease: 'x' };
		const rules = readRules(['spike', 'toString', ...RULE_KINDS].reverse(), (name, fallback) => values[name] ?? fallback, node);
		expect(rules).toEqual([
			{ kind: 'change' },
			{ kind: 'increase', atLeast: 5 },
			{ kind: 'percentIncrease', atLeastPercent: 2.5 },
			{ kind: 'milestone', milestones: [500, 10_000] },
			{ kind: 'spike', factor: 1, minIncrease: 50 },
		]);
	});

	it('refuses milestones it cannot read before anything is fetched', () => {
		expect(() => readRules(['milestone'], () => 'lots', node)).toThrow('Milestones holds something that is not a count: "lots"');
		expect(() => readRules(['milestone'], () => '', node)).toThrow('No milestone is set');
	});
});

describe('the Metrics options', () => {
	it.each([
		['notes', NOTE_METRIC_OPTIONS, NOTE_METRICS],
		['creators', CREATOR_METRIC_OPTIONS, CREATOR_METRICS],
	])('offer exactly the metrics the engine follows for %s, alphabetically', (_kind, options, metrics) => {
		expect(options.map((o) => o.value).sort()).toEqual([...metrics].sort());
		const names = options.map((o) => o.name);
		expect(names).toEqual(byName(names));
	});
});
