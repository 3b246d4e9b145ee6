import { changeDetectionParameters, ROW_FIRE_WHEN_OPTIONS } from '../../../../nodes/Xiaohongshu/actions/common/changeDetection';
import { NODE_OUTPUTS, NODE_PROPERTIES } from '../../../../nodes/Xiaohongshu/actions/operations';
import { FIRE_WHEN_OPTIONS, RULE_PARAMETERS } from '../../../../nodes/Xiaohongshu/trigger/rules';

describe('Detect Changes parameters', () => {
	it("are the trigger's rules and rule parameters, worded for a row (no alert or poll memory)", () => {
		expect(ROW_FIRE_WHEN_OPTIONS.map((o) => [o.name, o.value])).toEqual(FIRE_WHEN_OPTIONS.map((o) => [o.name, o.value]));
		const params = changeDetectionParameters('note');
		const ruleParams = params.filter((p) => RULE_PARAMETERS.some((r) => r.name === p.name));
		expect(ruleParams.map((p) => [p.name, p.type, p.default, p.typeOptions])).toEqual(RULE_PARAMETERS.map((p) => [p.name, p.type, p.default, p.typeOptions]));
		for (const text of [...ROW_FIRE_WHEN_OPTIONS.map((o) => o.description), ...ruleParams.map((p) => p.description)]) {
			expect(text).not.toMatch(/last alert|last poll/);
		}
	});

	it('show only under Note → Get and User → Get, off by default', () => {
		const detect = NODE_PROPERTIES.filter((p) => p.name === 'detectChanges');
		expect(detect.map((p) => [p.default, p.displayOptions?.show?.resource, p.displayOptions?.show?.operation])).toEqual([
			[false, ['note'], ['get']],
			[false, ['user'], ['get']],
		]);
		// Not offered when the node is an AI Agent's tool (n8n names the tool variant "…Tool").
		expect(detect.map((p) => p.displayOptions?.hide)).toEqual([{ '@tool': [true] }, { '@tool': [true] }]);
	});

	it('the outputs expression names one output unless detectChanges is true', () => {
		const evaluate = (parameter: Record<string, unknown>) =>
			// The expression body, evaluated as n8n does with $parameter in scope.
			new Function('$parameter', `return (${NODE_OUTPUTS.slice(3, -2)});`)(parameter) as unknown[];
		expect(evaluate({})).toEqual(['main']);
		expect(evaluate({ detectChanges: false })).toEqual(['main']);
		expect(evaluate({ detectChanges: true })).toEqual([
			{ type: 'main', displayName: 'All' },
			{ type: 'main', displayName: 'Changed' },
		]);
	});
});
