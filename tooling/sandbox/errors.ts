/**
 * parse.bot's error body: `{"error": {status, message, upstream_status_code, snippet, url}, "status_code"}`.
 * Fields the service would not know (an upstream status on a 401) are left out, as they are there.
 */
export interface ParseBotErrorFields {
	status?: string;
	message: string;
	upstream_status_code?: number;
	snippet?: string;
	url?: string;
	/** Only on 503 blocked with a retry hint: seconds to wait (the sandbox's documented hint form). */
	retry_after?: number;
}

export interface ParseBotErrorBody {
	error: ParseBotErrorFields;
	status_code: number;
}

export function errorBody(statusCode: number, fields: ParseBotErrorFields): ParseBotErrorBody {
	return { error: fields, status_code: statusCode };
}

/** `error.status` per HTTP status, where parse.bot documents one. */
const STATUS_NAME: Record<number, string> = {
	422: 'stale_input',
	500: 'error',
	502: 'upstream_error',
	503: 'blocked',
};

/** Upstream's own refusals, as Xiaohongshu's web API words them. */
export const UPSTREAM_SNIPPETS = {
	noteUnavailable: '{"code":-510001,"success":false,"msg":"当前笔记暂时无法浏览","data":{}}',
	noteMissing: '{"code":-510000,"success":false,"msg":"笔记不存在","data":{}}',
	userMissing: '{"code":-510002,"success":false,"msg":"用户不存在","data":{}}',
	captcha: '<html><head><title>安全验证</title></head><body><div id="captcha">请完成安全验证</div></body></html>',
	badGateway: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
} as const;

/** A canned error for a status, used by faults and by the server's own refusals. */
export function genericError(statusCode: number, url?: string, retryAfter?: number): ParseBotErrorBody {
	const status = STATUS_NAME[statusCode];
	switch (statusCode) {
		case 400:
			return errorBody(400, { message: 'Bad request' });
		case 401:
			return errorBody(401, { message: 'Invalid or missing API key' });
		case 404:
			return errorBody(404, { message: 'Scraper not found' });
		case 422:
			return errorBody(422, {
				status,
				message: 'The input is stale or no longer valid upstream: 当前笔记暂时无法浏览',
				upstream_status_code: 200,
				snippet: UPSTREAM_SNIPPETS.noteUnavailable,
				url,
			});
		case 429:
			return errorBody(429, { message: 'Too many requests. Slow down and retry shortly.' });
		case 500:
			return errorBody(500, { status, message: 'The scraper failed while running: TypeError: Cannot read properties of undefined', url });
		case 502:
			return errorBody(502, {
				status,
				message: 'Upstream answered HTTP 502',
				upstream_status_code: 502,
				snippet: UPSTREAM_SNIPPETS.badGateway,
				url,
			});
		case 503:
			return errorBody(503, {
				status,
				message:
					retryAfter === undefined
						? 'Blocked by anti-bot protection on every proxy'
						: `Blocked by anti-bot protection on every proxy; retry after ${retryAfter} seconds`,
				upstream_status_code: 461,
				snippet: UPSTREAM_SNIPPETS.captcha,
				url,
				...(retryAfter === undefined ? {} : { retry_after: retryAfter }),
			});
		default:
			return errorBody(statusCode, { ...(status ? { status } : {}), message: `HTTP ${statusCode}` });
	}
}
