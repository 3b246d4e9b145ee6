/**
 * True when jest runs with test/e2e/jest.config.js. The unit config also matches these files;
 * under it they are skipped so a unit run never installs and starts n8n.
 */
export const inE2eRun = (globalThis as { __N8N_E2E__?: boolean }).__N8N_E2E__ === true;

export const describeE2e = inE2eRun ? describe : describe.skip;
