/**
 * No module of the package imports itself through others (issue 13): a cycle makes load order
 * decide which side sees the other half-initialised, and it says two modules are one module
 * split in the wrong place. Type-only imports count too: the layering they show is the same.
 *
 * The imports are read with the TypeScript parser, every relative import resolved to its file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['nodes', 'credentials'];

function typescriptFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return typescriptFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** The files a module imports (relative imports only: packages cannot import us back). */
function importsOf(file: string): string[] {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
	const targets: string[] = [];
	for (const statement of source.statements) {
		const specifier =
			(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
				? (statement.moduleSpecifier as ts.StringLiteral).text
				: null;
		if (specifier === null || !specifier.startsWith('.')) continue;
		const base = resolve(dirname(file), specifier);
		const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
		if (target === undefined) throw new Error(`${relative(ROOT, file)} imports ${specifier}, which is no file`);
		targets.push(target);
	}
	return targets;
}

/** Every cycle's path, found by depth-first search (each reported from where it was first entered). */
export function findCycles(graph: Map<string, string[]>): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (node: string): void => {
		state.set(node, 'open');
		path.push(node);
		for (const next of graph.get(node) ?? []) {
			if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
			else if (state.get(next) === undefined) visit(next);
		}
		path.pop();
		state.set(node, 'done');
	};
	for (const node of graph.keys()) if (!state.has(node)) visit(node);
	return cycles;
}

describe('import cycles', () => {
	it('finds a cycle when there is one (the check itself)', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a']],
			['d', ['a']],
		]);
		expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
		expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
	});

	it('no module under nodes/ or credentials/ imports itself through others', () => {
		const files = SOURCE_DIRS.flatMap((dir) => typescriptFiles(join(ROOT, dir)));
		const graph = new Map(files.map((file) => [file, importsOf(file)]));
		expect(graph.size).toBeGreaterThan(50);
		const readable = findCycles(graph).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' -> '));
		expect(readable).toEqual([]);
	});
});

/** Every relative specifier a file names: static imports and exports, `import(…)`, `require(…)`, `jest.mock(…)`. */
function relativeSpecifiers(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:\bfrom|\bimport|\brequire|jest\.mock)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g)].map((match) => match[1]);
}

/** The top-level folders (tooling, scripts, test, nodes, …) that files under `dir` import from. */
function foldersImportedFrom(dir: string): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const file of typescriptFiles(join(ROOT, dir))) {
		for (const specifier of relativeSpecifiers(file)) {
			const top = relative(ROOT, resolve(dirname(file), specifier)).split(/[\\/]/)[0];
			if (top === dir) continue;
			found.set(top, [...(found.get(top) ?? []), `${relative(ROOT, file)} -> ${specifier}`]);
		}
	}
	return found;
}

describe('tooling apart from tests (issue 23)', () => {
	it('the check sees static, dynamic and required imports', () => {
		expect(relativeSpecifiers(__filename).length).toBe(0);
		const sample = join(ROOT, 'tooling', 'bench', 'trigger.ts');
		expect(relativeSpecifiers(sample)).toContain('../harness');
	});

	it('tooling/ imports nothing from test/ or scripts/', () => {
		const from = foldersImportedFrom('tooling');
		expect(from.get('test') ?? []).toEqual([]);
		expect(from.get('scripts') ?? []).toEqual([]);
	});

	it('scripts/ imports nothing from test/, and test/ nothing from scripts/', () => {
		expect(foldersImportedFrom('scripts').get('test') ?? []).toEqual([]);
		expect(foldersImportedFrom('test').get('scripts') ?? []).toEqual([]);
	});
});

/** The wing of domain/ a module lives in (`links`, `payload`, `watch`), or null outside the wings. */
function wingOf(file: string): string | null {
	const parts = relative(join(ROOT, 'nodes', 'Xiaohongshu', 'domain'), file).split(/[\\/]/);
	return parts.length > 1 && !parts[0].startsWith('..') ? parts[0] : null;
}

/** For each wing, the other wings its modules import. */
function wingImports(): Map<string, Set<string>> {
	const found = new Map<string, Set<string>>();
	for (const file of typescriptFiles(join(ROOT, 'nodes', 'Xiaohongshu', 'domain'))) {
		const wing = wingOf(file);
		if (wing === null) continue;
		for (const target of importsOf(file)) {
			const other = wingOf(target);
			if (other !== null && other !== wing) found.set(wing, new Set([...(found.get(wing) ?? []), other]));
		}
	}
	return found;
}

describe('domain/ wings stack (issue 23)', () => {
	it('links/ imports no other wing, payload/ only links/, watch/ both, and nothing in domain/ imports n8n', () => {
		const imports = wingImports();
		expect([...(imports.get('links') ?? [])]).toEqual([]);
		expect([...(imports.get('payload') ?? [])]).toEqual(['links']);
		expect([...(imports.get('watch') ?? [])].sort()).toEqual(['links', 'payload']);
		const n8nImports = typescriptFiles(join(ROOT, 'nodes', 'Xiaohongshu', 'domain')).filter((file) =>
			/from ['"]n8n-(workflow|core)['"]/.test(readFileSync(file, 'utf8')),
		);
		expect(n8nImports.map((file) => relative(ROOT, file))).toEqual([]);
	});
});
