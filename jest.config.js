/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	// Package tests (test/unit, test/engine, test/package) and tooling tests (test/tooling).
	// End-to-end tests and the benchmark smoke run need a real n8n: they have their own config (npm run test:e2e).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/tooling/bench/'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.tools.json' }],
	},
	testTimeout: 60000,
	// Engine tests share process-wide state (DI container, pacing buckets): one worker per file is enough on 2 cores.
	maxWorkers: 2,
};
