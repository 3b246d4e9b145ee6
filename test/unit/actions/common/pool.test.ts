import { forEachInPool } from '../../../../nodes/Xiaohongshu/actions/common/pool';

/** A task that finishes when the test says so. */
function gate() {
	let open!: () => void;
	const done = new Promise<void>((resolve) => (open = resolve));
	return { done, open };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('forEachInPool', () => {
	it('runs every index, never more than the limit at once, starting them in order', async () => {
		const gates = Array.from({ length: 7 }, gate);
		const started: number[] = [];
		let running = 0;
		let most = 0;
		const pool = forEachInPool(7, 3, async (i) => {
			started.push(i);
			running++;
			most = Math.max(most, running);
			await gates[i].done;
			running--;
		});
		await tick();
		expect(started).toEqual([0, 1, 2]);
		gates[1].open();
		await tick();
		expect(started).toEqual([0, 1, 2, 3]);
		for (const g of gates) g.open();
		await pool;
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(most).toBe(3);
	});

	it('starts nothing once stopped, and finishes what is in flight', async () => {
		const started: number[] = [];
		let stop = false;
		await forEachInPool(10, 2, async (i) => {
			started.push(i);
			if (i === 2) stop = true;
			await tick();
		}, () => stop);
		// 0 and 1 run together; 0 ends and 2 starts, stopping the pool; 1 ends and nothing starts.
		expect(started).toEqual([0, 1, 2]);
	});

	it('rethrows the first error once the calls in flight have ended, starting nothing more', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		const slow = gate();
		const pool = forEachInPool(10, 2, async (i) => {
			started.push(i);
			if (i === 0) await slow.done;
			if (i === 1) throw new Error('first');
			if (i === 0) throw new Error('second');
			finished.push(i);
		});
		let settled = false;
		void pool.catch(() => undefined).then(() => (settled = true));
		await tick();
		expect(settled).toBe(false);
		slow.open();
		await expect(pool).rejects.toThrow('first');
		expect(started).toEqual([0, 1]);
		expect(finished).toEqual([]);
	});

	it('does nothing for no indexes', async () => {
		const work = jest.fn(async () => undefined);
		await forEachInPool(0, 4, work);
		expect(work).not.toHaveBeenCalled();
	});
});
