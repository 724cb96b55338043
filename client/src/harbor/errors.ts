// Harbor's failures as one typed error, with a message that says what to do. Harbor answers errors with
// {"errors":[{"code","message"}]} and replaces every 5xx message with "internal server error".
import * as l10n from '@vscode/l10n';

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
      l10n.t('Harbor did not accept the credentials ({0}). Re-enter the password or robot secret.', text),
      status,
      code,
    );
  if (status === 403) {
    if (/read only mode/i.test(text))
      return new HarborError(
        'forbidden',
        l10n.t('Harbor is in read-only mode: {0} Ask an administrator to turn read-only off.', text),
        status,
        code,
      );
    return new HarborError('forbidden', l10n.t('Not allowed to {0}: {1}', what, text), status, code);
  }
  if (status === 404) return new HarborError('notFound', l10n.t('{0}: not found ({1})', what, text), status, code);
  if (status === 409) return new HarborError('conflict', `${what}: ${text}`, status, code);
  if (status === 412) return new HarborError('noScanner', `${what}: ${text}`, status, code);
  if (status >= 500)
    return new HarborError(
      'server',
      l10n.t('Harbor failed while trying to {0} ({1}). Harbor hides the cause; its core log has it.', what, text),
      status,
      code,
    );
  return new HarborError('invalid', `${what}: ${text}`, status, code);
}

/** Network-level failures of fetch, in words. */
export function errorForFetchFailure(e: unknown, url: string, timedOut: boolean, cancelled: boolean): HarborError {
  if (cancelled) return new HarborError('cancelled', l10n.t('Cancelled.'));
  if (timedOut)
    return new HarborError(
      'timeout',
      l10n.t('Harbor at {0} did not answer in time. Check the URL and your network or proxy.', url),
    );
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const detail = cause?.message ?? (e as Error).message;
  if (/wrong version number|EPROTO/i.test(detail + code)) {
    return Object.assign(
      new HarborError(
        'tls',
        l10n.t(
          '{0} does not speak HTTPS (the server answered in plain HTTP). If this Harbor serves plain HTTP, connect with an http:// URL.',
          url,
        ),
      ),
      { plainHttp: true },
    );
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/i.test(code) || /certificate/i.test(detail)) {
    return new HarborError(
      'tls',
      l10n.t(
        "The TLS certificate of {0} is not trusted ({1}). Add its CA file in the instance's TLS settings (berth.harbor.tls).",
        url,
        detail,
      ),
    );
  }
  return new HarborError(
    'network',
    l10n.t('Cannot reach Harbor at {0}: {1}', url, detail) + (code ? ` (${code})` : ''),
  );
}

/** The project has no scanner, and who can add one (Harbor's 412 on a scan or SBOM request, and the commands). */
export function noScannerText(project: string): string {
  return l10n.t(
    'No scanner is configured for project {0}. A Harbor administrator can add one under Interrogation Services.',
    project,
  );
}

/** A scan or SBOM request's failure, with the no-scanner case worded for `project`. */
export function withNoScannerAdvice(e: unknown, project: string): unknown {
  return e instanceof HarborError && e.kind === 'noScanner'
    ? new HarborError('noScanner', noScannerText(project), e.status, e.code)
    : e;
}
