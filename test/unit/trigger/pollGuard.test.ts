import { onePollAtATime } from '../../../nodes/Xiaohongshu/trigger/pollGuard';

describe('one poll of a node at a time', () => {
	it('a poll started while the last one of the same node runs returns at once; another node is not held; the next one after it runs', async () => {
		let finish: (value: string) => void = () => undefined;
		const first = onePollAtATime('wf:node', async () => await new Promise<string>((resolve) => (finish = resolve)), 'busy');
		let secondRan = false;
		const second = await onePollAtATime('wf:node', async () => {
			secondRan = true;
			return 'second';
		}, 'busy');
		expect(second).toBe('busy');
		expect(secondRan).toBe(false);
		expect(await onePollAtATime('wf:other', async () => 'other', 'busy')).toBe('other');
		finish('first');
		expect(await first).toBe('first');
		expect(await onePollAtATime('wf:node', async () => 'third', 'busy')).toBe('third');
	});

	it('a poll that throws frees the node for the next one', async () => {
		await expect(onePollAtATime('wf:fails', async () => Promise.reject(new Error('bad key')), 'busy')).rejects.toThrow('bad key');
		expect(await onePollAtATime('wf:fails', async () => 'next', 'busy')).toBe('next');
	});
});
