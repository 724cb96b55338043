// The texts a push can end with (Harbor's and the Docker daemon's), recognised and turned into a typed failure
// that says what to do. Pure, and generic (daemon.json, registries.conf): the engine's push
// uses it, and the Harbor push commands read its verdicts.
import * as l10n from '@vscode/l10n';

export type PushFailureKind =
  | 'projectNotFound' // Harbor never creates projects on push
  | 'unauthorized' // wrong credentials, or no push right on the project
  | 'httpsToHttp' // the registry speaks plain HTTP but the daemon wants HTTPS
  | 'readOnly'
  | 'immutableTag'
  | 'cancelled'
  | 'other';

export interface PushFailure {
  kind: PushFailureKind;
  /** What happened, in words. */
  message: string;
  /** What to do about it. */
  advice: string;
  /** The daemon's own text, unchanged (never contains credentials: the daemon does not echo them). */
  raw: string;
  /** For projectNotFound: the project to create. */
  project?: string;
  /** For httpsToHttp: the configuration snippet to copy, and the file it goes in. */
  snippet?: string;
  snippetFile?: 'daemon.json' | 'registries.conf';
  /** For unauthorized: Harbor's REST API confirmed the stored secret itself is rejected (→ re-enter it). */
  credentialsRejected?: boolean;
  /** The local tag the push made (registry/repository:tag), and whether the failed push removed it again;
   *  `kept` says why it was left. */
  localTag?: { reference: string; removed: boolean; kept?: string };
}

/** The sentence for advice when a failed push left its local tag behind ('' when it removed it or made none). */
export function localTagNote(f: PushFailure): string {
  const t = f.localTag;
  return t && !t.removed
    ? l10n.t(
        'The local tag {0} made for this push was left in place ({1}).',
        t.reference,
        t.kept ?? l10n.t('it could not be removed'),
      )
    : '';
}

/** The failure with the local-tag note at the end of its advice (once), after the advice was rewritten. */
export function withLocalTagNote(e: PushError): PushError {
  const note = localTagNote(e.failure);
  if (!note || e.failure.advice.includes(note)) return e;
  return new PushError({ ...e.failure, advice: `${e.failure.advice} ${note}` });
}

export class PushError extends Error {
  constructor(readonly failure: PushFailure) {
    super(`${failure.message} ${failure.advice}`);
    this.name = 'PushError';
  }
}

/** The `"insecure-registries"` snippet for the daemon's daemon.json. */
export function insecureRegistriesSnippet(registry: string): string {
  return JSON.stringify({ 'insecure-registries': [registry] }, null, 2);
}

/** The `[[registry]]` table that lets Podman (and Buildah, Skopeo) talk plain HTTP to one registry. */
export function insecureRegistryToml(registry: string): string {
  return `[[registry]]\nlocation = "${registry}"\ninsecure = true\n`;
}

/** Which engine pushed: the fix for a plain-HTTP registry lives in a different file for each. */
export type PushingEngine = 'docker' | 'podman';

export function projectNotFound(project: string, registry: string, raw: string): PushFailure {
  return {
    kind: 'projectNotFound',
    raw,
    project,
    message: l10n.t('Project "{0}" does not exist on {1}.', project, registry),
    advice: l10n.t('Harbor does not create projects on push: create the project, then push again.'),
  };
}

export function classifyPushError(raw: string, registry: string, engine: PushingEngine = 'docker'): PushFailure {
  const text = raw.trim();
  let m = /project (\S+) not found/i.exec(text);
  if (m?.[1]) return projectNotFound(m[1], registry, text);
  if (/server gave HTTP response to HTTPS client/i.test(text)) {
    const podman = engine === 'podman';
    const snippet = podman ? insecureRegistryToml(registry) : insecureRegistriesSnippet(registry);
    const where = podman
      ? l10n.t(
          'add this to /etc/containers/registries.conf (rootless Podman: ~/.config/containers/registries.conf), restart the Podman service',
        )
      : l10n.t("add this to the daemon's daemon.json (usually /etc/docker/daemon.json), restart the daemon");
    return {
      kind: 'httpsToHttp',
      raw: text,
      snippet,
      snippetFile: podman ? 'registries.conf' : 'daemon.json',
      message: podman
        ? l10n.t('{0} answers over plain HTTP, but Podman only talks HTTPS to it.', registry)
        : l10n.t('{0} answers over plain HTTP, but the Docker daemon only talks HTTPS to it.', registry),
      advice: l10n.t(
        'Either give the registry a TLS certificate, or allow HTTP for it: {0}, and push again:\n{1}',
        where,
        snippet,
      ),
    };
  }
  if (/read only mode/i.test(text)) {
    return {
      kind: 'readOnly',
      raw: text,
      message: l10n.t('{0} is in read-only mode: nothing can be pushed now.', registry),
      advice: l10n.t(
        'Ask a Harbor administrator when read-only mode ends (Configuration → System Settings → Repository Read Only), then push again.',
      ),
    };
  }
  if (/configured as immutable/i.test(text)) {
    return {
      kind: 'immutableTag',
      raw: text,
      message: l10n.t('This tag is immutable in Harbor and already exists, so it cannot be overwritten.'),
      advice: l10n.t("Push under a new tag, or ask a project admin to change the project's tag immutability rules."),
    };
  }
  m = /unauthorized to access repository: ([^,]+), action: (\w+)/i.exec(text);
  if (m) {
    return {
      kind: 'unauthorized',
      raw: text,
      message: l10n.t('These credentials may not {0} to {1}.', m[2] ?? '', m[1] ?? ''),
      advice: l10n.t(
        'Re-enter the credentials if they changed, or ask a project admin for the Developer (push) role on the project.',
      ),
    };
  }
  if (/no basic auth credentials/i.test(text)) {
    return {
      kind: 'unauthorized',
      raw: text,
      message: l10n.t('{0} did not accept the credentials: it asks for a login and none is stored for it.', registry),
      advice: l10n.t(
        'Run `docker login {0}` (Berth reads ~/.docker/config.json and its credential helpers as docker does), then push again.',
        registry,
      ),
    };
  }
  if (/unauthorized|authentication required|denied|401/i.test(text)) {
    return {
      kind: 'unauthorized',
      raw: text,
      message: l10n.t('{0} did not accept the credentials.', registry),
      advice: l10n.t(
        'Re-enter the password or robot secret (an OIDC user needs the CLI secret from the Harbor profile page, not the SSO password).',
      ),
    };
  }
  if (/context canceled|aborted/i.test(text))
    return {
      kind: 'cancelled',
      raw: text,
      message: l10n.t('The push was cancelled.'),
      advice: l10n.t('Nothing to do; layers already uploaded are reused next time.'),
    };
  return {
    kind: 'other',
    raw: text,
    message: l10n.t('The push failed: {0}', text),
    advice: l10n.t('Check that the registry is reachable from the Docker daemon and try again.'),
  };
}
