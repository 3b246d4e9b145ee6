import { delimiter, dirname } from 'node:path';

import type { InstalledN8n } from './install';
import { npmEnvironment } from './npm-env';

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	brokerPort: number;
	extra?: Record<string, string>;
}

/**
 * Settings that keep a test or demo n8n on loopback and silent towards n8n's own servers
 * (telemetry, version checks, templates, banners, the vetted-packages list, licence renewal).
 * Anything inherited that configures n8n or its database is dropped so the caller's shell
 * cannot point the instance at another folder or port, and so is the npm run (`npm start`,
 * `npm test`) that started us: n8n runs npm for community packages.
 */
const QUIET_AND_LOCAL: Record<string, string> = {
	NODE_ENV: 'production',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	N8N_PROTOCOL: 'http',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_SECURE_COOKIE: 'false',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
	N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
};

export function n8nEnvironment(installed: InstalledN8n, options: N8nEnvOptions): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(
		Object.entries(npmEnvironment(process.env)).filter(([name]) => !/^(N8N_|DB_|QUEUE_|EXECUTIONS_|OFFLOAD_|NODE_OPTIONS$|NODE_ENV$|WEBHOOK_URL$)/.test(name)),
	);
	const baseUrl = `http://127.0.0.1:${options.port}/`;
	return {
		...inherited,
		// The profile's Node first: n8n runs npm for community packages and spawns its task runner with it.
		PATH: `${dirname(installed.nodeBinary)}${delimiter}${process.env.PATH ?? ''}`,
		...QUIET_AND_LOCAL,
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port),
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_EDITOR_BASE_URL: baseUrl,
		[installed.profile.webhookUrlVariable]: baseUrl,
		...installed.profile.env,
		...options.extra,
	};
}
