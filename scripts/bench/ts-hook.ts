/**
 * Lets this compiled script `require` TypeScript, the way jest's ts-jest does for tests.
 * Needed for one thing: the engine harness (test/harness) loads the package's nodes from
 * their .ts sources with n8n-core's own loader, and the trigger section runs through it.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';

import ts from 'typescript';

type ResolveFn = (request: string, ...rest: unknown[]) => string;
type CompileFn = (this: NodeModule, content: string, filename: string) => void;
type Loader = (module: NodeModule & { _compile: CompileFn }, filename: string) => void;

export function registerTypeScript(): void {
	const internals = Module as unknown as { _extensions: Record<string, Loader>; _resolveFilename: ResolveFn };
	const extensions = internals._extensions;
	if (extensions['.ts']) return;
	// jest's resolver adds `.js` to a deep import such as 'n8n-workflow/dist/cjs/x' that a
	// package's `exports` map passes through verbatim; Node's does not. Do as jest does.
	const resolve = internals._resolveFilename;
	internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
		try {
			return resolve.call(this, request, ...rest);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !/^[@a-z].*\/dist\//.test(request)) throw error;
			return resolve.call(this, `${request}.js`, ...rest);
		}
	};
	extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				resolveJsonModule: true,
				inlineSourceMap: true,
			},
		});
		module._compile(outputText, filename);
	};
}
