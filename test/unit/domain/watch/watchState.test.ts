import {
	decideFailureReport,
	emptyWatchState,
	pruneWatchState,
	TRANSIENT_REPORT_AFTER,
} from '../../../../nodes/Xiaohongshu/domain/watch/watchState';
import type { FailureMemo } from '../../../../nodes/Xiaohongshu/domain/watch/watchState';
import { decodeWatchState, encodeWatchState } from '../../../../nodes/Xiaohongshu/domain/watch/watchStateCodec';

describe('decodeWatchState', () => {
	it('starts fresh from nothing, another version or damage', () => {
		expect(decodeWatchState(undefined)).toEqual(emptyWatchState());
		expect(decodeWatchState({ version: 99, entries: {} })).toEqual(emptyWatchState());
		expect(decodeWatchState({ version: 1, entries: 'x' })).toEqual(emptyWatchState());
	});

	it('keeps what this version saved', () => {
		const saved = { ...emptyWatchState(), invalidReported: ['a'], shortLinks: { s: 't' } };
		expect(decodeWatchState(JSON.parse(JSON.stringify(encodeWatchState(saved))))).toEqual(saved);
	});
});

describe('pruneWatchState', () => {
	it('forgets entries, reports and short links the list no longer holds', () => {
		const state = {
			...emptyWatchState(),
			entries: { 'note:a': { last: null, baselines: {}, history: [] }, 'note:b': { last: null, baselines: {}, history: [] } },
			invalidReported: ['x', 'y'],
			shortLinks: { 'http://xhslink.com/a': 'l1', 'http://xhslink.com/b': 'l2' },
		};
		const pruned = pruneWatchState(state, {
			entryKeys: ['note:b'],
			invalidFingerprints: ['y'],
			shortLinks: ['http://xhslink.com/a'],
		});
		expect(Object.keys(pruned.entries)).toEqual(['note:b']);
		expect(pruned.invalidReported).toEqual(['y']);
		expect(pruned.shortLinks).toEqual({ 'http://xhslink.com/a': 'l1' });
		expect(Object.keys(state.entries)).toHaveLength(2);
	});
});

describe('decideFailureReport', () => {
	function run(fingerprints: string[], transient: boolean): boolean[] {
		let memo: FailureMemo | undefined;
		return fingerprints.map((f) => {
			const d = decideFailureReport(memo, f, transient);
			memo = d.memo;
			return d.report;
		});
	}

	it('reports a failure that needs the user at once, then never again', () => {
		expect(run(['a', 'a', 'a'], false)).toEqual([true, false, false]);
	});

	it('reports a new fingerprint (a replaced link that fails too)', () => {
		expect(run(['a', 'a', 'b'], false)).toEqual([true, false, true]);
	});

	it('reports a passing failure only once it persists', () => {
		const reports = run(Array(TRANSIENT_REPORT_AFTER + 2).fill('t'), true);
		expect(reports.indexOf(true)).toBe(TRANSIENT_REPORT_AFTER - 1);
		expect(reports.filter(Boolean)).toHaveLength(1);
	});
});
