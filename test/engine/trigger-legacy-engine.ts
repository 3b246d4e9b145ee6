/**
 * Imported first by tests that poll thousands of times: n8n's `legacy` expression engine
 * evaluates the credential's expressions without creating an isolate per poll (8 ms a poll
 * instead of ~450 ms with `quickjs`). Those tests are about the trigger's state, not about
 * expression isolation, which the other engine tests keep covering with `quickjs`.
 */
process.env.N8N_EXPRESSION_ENGINE ??= 'legacy';
