/**
 * End-to-end tests: a real n8n with the packed package installed. Separate from the unit
 * config because the first run installs n8n (minutes) and each file starts an n8n.
 * Run with `npx jest -c test/e2e/jest.config.js` after `npm run build`.
 */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	// The benchmark's CI smoke run needs the same cached n8n, so it runs here too.
	roots: ['<rootDir>/test/e2e', '<rootDir>/test/tooling/bench'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.tools.json' }],
	},
	globals: { __N8N_E2E__: true },
	// Each file owns an n8n (about 1 GB of memory); the machine has 2 cores.
	maxWorkers: 1,
	testTimeout: 5 * 60_000,
	slowTestThreshold: 120,
};
