/**
 * No regular expression in the package may backtrack super-linearly (issue 16): link and
 * count text comes from users' items, sheets and webhooks, and a regex runs synchronously,
 * so one slow match stalls the whole n8n process.
 *
 * Every regex literal under nodes/ and credentials/ is found with the TypeScript parser and
 * judged by recheck (automata theory where it applies, fuzzing with a fixed seed where it
 * does not). A pattern built at run time (`new RegExp`) would escape that, so there is none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { check } from 'recheck';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['nodes', 'credentials'];

interface FoundRegex {
	where: string;
	source: string;
	flags: string;
}

function typescriptFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return typescriptFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

function inventory(): { literals: FoundRegex[]; constructed: string[] } {
	const literals: FoundRegex[] = [];
	const constructed: string[] = [];
	for (const file of SOURCE_DIRS.flatMap((dir) => typescriptFiles(join(ROOT, dir)))) {
		const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		const where = (node: ts.Node) =>
			`${relative(ROOT, file)}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
		const visit = (node: ts.Node): void => {
			if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
				const text = node.getText();
				const end = text.lastIndexOf('/');
				literals.push({ where: where(node), source: text.slice(1, end), flags: text.slice(end + 1) });
			}
			if (
				(ts.isNewExpression(node) || ts.isCallExpression(node)) &&
				ts.isIdentifier(node.expression) &&
				node.expression.text === 'RegExp'
			) {
				constructed.push(where(node));
			}
			ts.forEachChild(node, visit);
		};
		visit(sourceFile);
	}
	return { literals, constructed };
}

const { literals, constructed } = inventory();

describe('regular expressions under nodes/ and credentials/', () => {
	it('are all literals, so that the check below sees every one of them', () => {
		expect(constructed).toEqual([]);
		// The scan itself works: the package has dozens of patterns.
		expect(literals.length).toBeGreaterThan(30);
	});

	test.each(literals.map((r) => [`${r.where} /${r.source}/${r.flags}`, r] as const))(
		'%s runs in linear time',
		async (_label, regex) => {
			const diagnostics = await check(regex.source, regex.flags, { randomSeed: 16, timeout: 60_000 });
			const detail =
				diagnostics.status === 'vulnerable'
					? `${diagnostics.complexity.summary}; attack: ${diagnostics.attack.pattern}`
					: diagnostics.status === 'unknown'
						? `unknown: ${diagnostics.error.kind}`
						: 'safe';
			expect(detail).toBe('safe');
		},
		120_000,
	);
});
