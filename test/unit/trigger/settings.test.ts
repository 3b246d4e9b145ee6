import { parseMilestones } from '../../../nodes/Xiaohongshu/trigger/settings';

describe('parseMilestones', () => {
	it('reads numbers and site units, sorted and once each', () => {
		expect(parseMilestones('10w, 1000，1万 5000; 10000')).toEqual({ milestones: [1000, 5000, 10_000, 100_000], unreadable: [] });
	});

	it('names what it cannot read', () => {
		expect(parseMilestones('1000, lots, 0').unreadable).toEqual(['lots', '0']);
	});
});
