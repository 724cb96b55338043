// Every failure that reaches the user from the engine layer is an EngineError: a kind the UI can branch on and a
// message that says what happened and what to do. dockerode/Node errors are translated here and nowhere else.
import * as l10n from '@vscode/l10n';

export type EngineFailureKind =
  | 'socket-missing'
  | 'permission-denied'
  | 'connection-refused'
  | 'tls'
  | 'timeout'
  | 'host-unknown'
  | 'api'
  | 'cancelled'
  | 'unknown';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly kind: EngineFailureKind,
    message: string,
    /** The engine endpoint in user terms (context name, host or socket path). */
    readonly endpoint: string,
    /** HTTP status for kind 'api'. */
    readonly statusCode?: number,
    readonly cause?: unknown,
  ) {
    super(message);
  }

  /** True when the engine could not be reached at all (as opposed to an engine answering with an error). */
  get unreachable(): boolean {
    return ['socket-missing', 'permission-denied', 'connection-refused', 'tls', 'timeout', 'host-unknown'].includes(
      this.kind,
    );
  }
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|ERR_OSSL_|EPROTO$)/;

interface NodeLikeError {
  port?: number;
  code?: string;
  errno?: number;
  syscall?: string;
  address?: string;
  statusCode?: number;
  json?: unknown;
  reason?: string;
  message?: string;
  name?: string;
}

/** The engine's own message inside a dockerode API error (`{"message": "..."}` body), if any. */
function engineMessage(e: NodeLikeError): string | undefined {
  const j = e.json as { message?: unknown } | string | null | undefined;
  if (j && typeof j === 'object' && typeof j.message === 'string') return j.message;
  if (typeof j === 'string' && j.trim()) return j.trim();
  // dockerode formats "(HTTP code 404) no such container - <engine message> " when it has one.
  const m = /\(HTTP code \d+\)[^-]*- (.+)$/s.exec(e.message ?? '');
  return m?.[1]?.trim();
}

/** Translates anything thrown while talking to the engine at `endpoint` into an EngineError. */
export function toEngineError(err: unknown, endpoint: string): EngineError {
  if (err instanceof EngineError) return err;
  const e = (err ?? {}) as NodeLikeError;
  const code = e.code ?? '';
  const where = e.address ? (e.port ? `${e.address}:${e.port}` : e.address) : endpoint;
  if (e.name === 'AbortError' || code === 'ABORT_ERR')
    return new EngineError('cancelled', l10n.t('Cancelled.'), endpoint, undefined, err);
  if (typeof e.statusCode === 'number') {
    const msg = engineMessage(e) ?? e.reason ?? `HTTP ${e.statusCode}`;
    return new EngineError('api', l10n.t('The engine answered: {0}', msg), endpoint, e.statusCode, err);
  }
  switch (code) {
    case 'ENOENT':
      return new EngineError(
        'socket-missing',
        l10n.t(
          'No engine socket at {0}. Start Docker or Podman, or choose another engine (setting berth.engine.host).',
          where,
        ),
        endpoint,
        undefined,
        err,
      );
    case 'EACCES':
    case 'EPERM':
      return new EngineError(
        'permission-denied',
        l10n.t(
          'Permission denied on {0}: add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or use the rootless socket ($XDG_RUNTIME_DIR/docker.sock).',
          where,
        ),
        endpoint,
        undefined,
        err,
      );
    case 'ECONNREFUSED':
      return new EngineError(
        'connection-refused',
        l10n.t('Connection refused by {0}: no engine is listening there. Start it, or choose another engine.', where),
        endpoint,
        undefined,
        err,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new EngineError(
        'host-unknown',
        l10n.t('Host not found for {0}. Check the engine address.', endpoint),
        endpoint,
        undefined,
        err,
      );
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'ECONNRESET':
      return new EngineError(
        'timeout',
        l10n.t('The engine at {0} did not answer ({1}).', endpoint, code),
        endpoint,
        undefined,
        err,
      );
  }
  if (TLS_CODES.test(code) || /certificate|ssl|tls handshake|wrong version number/i.test(e.message ?? '')) {
    return new EngineError(
      'tls',
      l10n.t(
        "TLS failure talking to {0}: {1}. Check DOCKER_CERT_PATH / the context's certificates, or whether the engine expects TLS at all.",
        endpoint,
        e.message ?? code,
      ),
      endpoint,
      undefined,
      err,
    );
  }
  if (/timeout/i.test(e.message ?? ''))
    return new EngineError(
      'timeout',
      l10n.t('The engine at {0} did not answer in time.', endpoint),
      endpoint,
      undefined,
      err,
    );
  return new EngineError(
    'unknown',
    l10n.t('Engine error ({0}): {1}', endpoint, e.message ?? String(err)),
    endpoint,
    undefined,
    err,
  );
}
