/**
 * A failure to reach an address, in words: what the system's error code (ENOTFOUND,
 * ECONNREFUSED, ETIMEDOUT…) means and what to do about it. The code goes with what to do
 * (`code`), for whoever searches for it, never into the message: n8n replaces a NodeApiError's
 * message that holds such a code with its own generic sentence.
 */

export interface NetworkFailureWords {
	/** What happened, to follow "Could not reach <address>: ". */
	what: string;
	/** What to do. */
	fix: string;
	/** The system's code, e.g. "ENOTFOUND"; null when there was none. */
	code: string | null;
}

const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const REFUSED = new Set(['ECONNREFUSED']);
const TIMED_OUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIME']);
const CUT_OFF = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);

function isCertificateCode(code: string): boolean {
	return code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.includes('CERT') || code.startsWith('ERR_SSL_');
}

/** The host of an address, or the address itself when it is not a URL. */
export function hostOf(address: string): string {
	try {
		return new URL(address).host || address;
	} catch {
		return address;
	}
}

export function explainNetworkFailure(code: string | null | undefined, address: string): NetworkFailureWords {
	const host = hostOf(address);
	const known = typeof code === 'string' && code !== '' && code !== 'no answer' ? code.toUpperCase() : null;
	if (known && NOT_FOUND.has(known)) {
		return {
			what: `no server named ${host} was found`,
			fix: `Check the address for a typo (the credential's Base URL, if Custom Endpoint is on), and that this machine can look up names on the internet (DNS).`,
			code: known,
		};
	}
	if (known && REFUSED.has(known)) {
		return {
			what: `${host} refused the connection`,
			fix: `Nothing accepts connections at that address and port. Check the credential's Base URL (if Custom Endpoint is on), or start the server it points to.`,
			code: known,
		};
	}
	if (known && TIMED_OUT.has(known)) {
		return {
			what: `${host} did not answer in time`,
			fix: `Check this machine's internet access and any firewall or proxy between it and ${host}, then try again.`,
			code: known,
		};
	}
	if (known && CUT_OFF.has(known)) {
		return {
			what: `the connection to ${host} was cut off`,
			fix: `Try again; if it keeps happening, a proxy or firewall may be closing the connection.`,
			code: known,
		};
	}
	if (known && UNREACHABLE.has(known)) {
		return {
			what: `this machine has no network route to ${host}`,
			fix: `Check this machine's internet access (network, VPN or proxy settings).`,
			code: known,
		};
	}
	if (known && isCertificateCode(known)) {
		return {
			what: `${host}'s security certificate was not accepted`,
			fix: `The address answered over HTTPS with a certificate this machine does not trust. Check the credential's Base URL; a company proxy may need its certificate installed in n8n.`,
			code: known,
		};
	}
	return {
		what: `no answer came back`,
		fix: `Check the credential's Base URL (if Custom Endpoint is on) and this machine's network access, then try again.`,
		code: known,
	};
}
