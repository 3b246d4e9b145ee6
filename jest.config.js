/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.tools.json' }],
	},
	testTimeout: 60000,
	// Engine tests share process-wide state (DI container, pacing buckets): one worker per file is enough on 2 cores.
	maxWorkers: 2,
};
