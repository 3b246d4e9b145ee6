/**
 * Download Media as a user meets it: the choices from nothing to everything with "None" (the
 * default) first, and its options group named the same in the editor and in the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { mediaParameters } from '../../nodes/Xiaohongshu/actions/note/get/mediaParameters';
import { findRepoRoot } from '../../tooling/repo-root';

const byName = (name: string) => mediaParameters.find((p) => p.name === name);

describe('Download Media', () => {
	it('lists "None", the default, first, then from the least to the most', () => {
		const download = byName('downloadMedia');
		const values = (download?.options ?? []).map((o) => ('value' in o ? o.value : undefined));
		expect(download?.default).toBe('none');
		expect(values).toEqual(['none', 'cover', 'images', 'video', 'all', 'selected']);
	});

	it("names its options group in the README as the editor does", () => {
		const group = byName('mediaOptions')?.displayName as string;
		const readme = readFileSync(join(findRepoRoot(), 'README.md'), 'utf8');
		expect(group).toBe('Download Options');
		expect(readme).toContain(`${group} →`);
		expect(readme).not.toContain('Media Options');
	});
});
