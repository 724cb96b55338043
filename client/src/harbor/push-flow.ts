// Push a local image to a Harbor project with the instance's stored credentials; when Harbor says the project
// does not exist, ask (through the caller's hook) whether to create it, create it, and push again once.
// No vscode import: the command wraps this with prompts and a notification; the engine tests call it directly.
import * as l10n from '@vscode/l10n';
import type { Engine } from '../engine/engine';
import type { PushProgress, PushResult } from '../engine/push';
import { HarborError } from './errors';
import { PushError, projectNotFound, withLocalTagNote } from '../engine/push-failures';
import type { HarborClient } from './client';
import { ProjectApi } from './projects-rest';

export interface HarborPushRequest {
  /** Local image reference or id. */
  source: string;
  project: string;
  /** Repository inside the project (no project prefix). */
  repository: string;
  tag: string;
}

export interface HarborPushHooks {
  onProgress?: (p: PushProgress) => void;
  signal?: AbortSignal;
  /** Asked when the project is missing; resolve with its visibility to create it, undefined to give up. */
  offerCreateProject?: (project: string) => Promise<{ public: boolean } | undefined>;
}

export interface HarborPushResult extends PushResult {
  createdProject: boolean;
}

export async function pushToHarbor(
  engine: Pick<Engine, 'tagAndPush'>,
  client: HarborClient,
  registryUrl: string,
  req: HarborPushRequest,
  hooks: HarborPushHooks = {},
): Promise<HarborPushResult> {
  const target = { registry: registryUrl, repository: `${req.project}/${req.repository}`, tag: req.tag };
  // Built per push from the secret in memory; the engine receives it in the X-Registry-Auth header only.
  const auth = { username: client.conn.username, password: client.conn.secret, serveraddress: registryUrl };
  const push = () =>
    engine.tagAndPush(req.source, target, auth, { onProgress: hooks.onProgress, signal: hooks.signal });
  try {
    return { ...(await push()), createdProject: false };
  } catch (caught) {
    // explainUnauthorized rewrites the advice: the note about a local tag left behind goes back at its end.
    const e =
      caught instanceof PushError && caught.failure.kind === 'unauthorized'
        ? withLocalTagNote(await explainUnauthorized(client, caught, req.project, registryUrl))
        : caught;
    if (!(e instanceof PushError) || e.failure.kind !== 'projectNotFound' || !hooks.offerCreateProject) throw e;
    const answer = await hooks.offerCreateProject(e.failure.project ?? req.project);
    if (!answer) throw e;
    await new ProjectApi(client).createProject(req.project, answer.public, hooks.signal);
    return { ...(await push()), createdProject: true };
  }
}

/**
 * The registry says "unauthorized" for a wrong secret (Harbor then serves the caller as anonymous), for a missing
 * push right, and, to Podman, for a missing project: Podman first asks whether a blob exists with a HEAD request,
 * whose answer has no body for Harbor's "project not found" text. Harbor's REST API tells the three apart.
 */
async function explainUnauthorized(
  client: HarborClient,
  e: PushError,
  project: string,
  registry: string,
): Promise<PushError> {
  const rejected = await client.verifyCredentials().then(
    () => false,
    (err: unknown) => err instanceof HarborError && err.kind === 'unauthorized',
  );
  if (!rejected) {
    const exists = await new ProjectApi(client).projectExists(project).catch(() => undefined);
    if (exists === false) return new PushError(projectNotFound(project, registry, e.failure.raw));
    // A valid login on an existing project: the push right is what is missing (dockerd relays Harbor's own words
    // for this, already classified; Podman's bare 401 needs saying).
    if (exists && !/unauthorized to access repository/i.test(e.failure.raw)) {
      return new PushError({
        ...e.failure,
        message: l10n.t('{0} may not push to project "{1}".', client.conn.username, project),
        advice: l10n.t('Ask a project admin for the Developer (push) role on the project, then push again.'),
      });
    }
    return e;
  }
  return new PushError({
    ...e.failure,
    credentialsRejected: true,
    message: l10n.t('Harbor no longer accepts the stored secret of {0} at {1}.', client.conn.username, client.conn.url),
    advice: l10n.t(
      'Re-enter the password or robot secret (an OIDC user needs the CLI secret from the Harbor profile page), then push again.',
    ),
  });
}
