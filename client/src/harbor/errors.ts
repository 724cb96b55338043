// Harbor's failures as one typed error, with a message that says what to do. Harbor answers errors with
// {"errors":[{"code","message"}]} and replaces every 5xx message with "internal server error".

export type HarborErrorKind =
  | 'unauthorized' // 401: wrong or expired credentials
  | 'forbidden' // 403: no right, admin-only, CSRF, read-only
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'noScanner' // 412 on scan
  | 'server' // 5xx
  | 'redirect'
  | 'tls'
  | 'network'
  | 'timeout'
  | 'cancelled';

export class HarborError extends Error {
  /** For kind 'tls': the server answered plain HTTP to an https:// URL. */
  plainHttp = false;
  /** For kind 'redirect': the origin Harbor sends the client to. */
  redirectOrigin?: string;

  constructor(
    readonly kind: HarborErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HarborError';
  }
}

/** The messages inside Harbor's error body, joined; undefined when the body is not Harbor's shape. */
export function harborErrorText(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ code?: string; message?: string }> };
    const msgs = (parsed.errors ?? []).map((e) => e.message || e.code).filter(Boolean);
    return msgs.length ? msgs.join('; ') : undefined;
  } catch {
    return undefined;
  }
}

export function harborErrorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { errors?: Array<{ code?: string }> }).errors?.[0]?.code;
  } catch {
    return undefined;
  }
}

export function errorForStatus(status: number, body: string, what: string): HarborError {
  const text = harborErrorText(body) ?? (body.trim().slice(0, 200) || `HTTP ${status}`);
  const code = harborErrorCode(body);
  if (status === 401)
    return new HarborError(
      'unauthorized',
      `Harbor did not accept the credentials (${text}). Re-enter the password or robot secret.`,
      status,
      code,
    );
  if (status === 403) {
    if (/read only mode/i.test(text))
      return new HarborError(
        'forbidden',
        `Harbor is in read-only mode: ${text} Ask an administrator to turn read-only off.`,
        status,
        code,
      );
    return new HarborError('forbidden', `Not allowed to ${what}: ${text}`, status, code);
  }
  if (status === 404) return new HarborError('notFound', `${what}: not found (${text})`, status, code);
  if (status === 409) return new HarborError('conflict', `${what}: ${text}`, status, code);
  if (status === 412) return new HarborError('noScanner', `${what}: ${text}`, status, code);
  if (status >= 500)
    return new HarborError(
      'server',
      `Harbor failed while trying to ${what} (${text}). Harbor hides the cause; its core log has it.`,
      status,
      code,
    );
  return new HarborError('invalid', `${what}: ${text}`, status, code);
}

/** Network-level failures of fetch, in words. */
export function errorForFetchFailure(e: unknown, url: string, timedOut: boolean, cancelled: boolean): HarborError {
  if (cancelled) return new HarborError('cancelled', 'Cancelled.');
  if (timedOut)
    return new HarborError(
      'timeout',
      `Harbor at ${url} did not answer in time. Check the URL and your network or proxy.`,
    );
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const detail = cause?.message ?? (e as Error).message;
  if (/wrong version number|EPROTO/i.test(detail + code)) {
    return Object.assign(
      new HarborError(
        'tls',
        `${url} does not speak HTTPS (the server answered in plain HTTP). If this Harbor serves plain HTTP, connect with an http:// URL.`,
      ),
      { plainHttp: true },
    );
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/i.test(code) || /certificate/i.test(detail)) {
    return new HarborError(
      'tls',
      `The TLS certificate of ${url} is not trusted (${detail}). Add its CA file in the instance's TLS settings (berth.harbor.tls).`,
    );
  }
  return new HarborError('network', `Cannot reach Harbor at ${url}: ${detail}${code ? ` (${code})` : ''}`);
}
