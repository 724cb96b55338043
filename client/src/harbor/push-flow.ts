// Push a local image to a Harbor project with the instance's stored credentials; when Harbor says the project
// does not exist, ask (through the caller's hook) whether to create it, create it, and push again once.
// No vscode import: the command wraps this with prompts and a notification; the engine tests call it directly.
import type Docker from 'dockerode';
import { tagAndPush, type PushProgress, type PushResult } from '../engine/push';
import { HarborError } from './errors';
import { PushError } from './push-failures';
import type { HarborClient } from './rest';

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

export interface HarborPushResult extends PushResult { createdProject: boolean }

export async function pushToHarbor(docker: Docker, client: HarborClient, registryUrl: string, req: HarborPushRequest, hooks: HarborPushHooks = {}): Promise<HarborPushResult> {
  const target = { registry: registryUrl, repository: `${req.project}/${req.repository}`, tag: req.tag };
  // Built per push from the secret in memory; the engine receives it in the X-Registry-Auth header only.
  const auth = { username: client.conn.username, password: client.conn.secret, serveraddress: registryUrl };
  const push = () => tagAndPush(docker, req.source, target, auth, { onProgress: hooks.onProgress, signal: hooks.signal });
  try {
    return { ...(await push()), createdProject: false };
  } catch (e) {
    if (e instanceof PushError && e.failure.kind === 'unauthorized') throw await explainUnauthorized(client, e);
    if (!(e instanceof PushError) || e.failure.kind !== 'projectNotFound' || !hooks.offerCreateProject) throw e;
    const answer = await hooks.offerCreateProject(e.failure.project ?? req.project);
    if (!answer) throw e;
    await client.createProject(req.project, answer.public, hooks.signal);
    return { ...(await push()), createdProject: true };
  }
}

/**
 * The registry says "unauthorized" both for a wrong secret (Harbor then serves the caller as anonymous) and for a
 * missing push right. Harbor's /users/current tells them apart.
 */
async function explainUnauthorized(client: HarborClient, e: PushError): Promise<PushError> {
  const rejected = await client.verifyCredentials().then(() => false, (err: unknown) => err instanceof HarborError && err.kind === 'unauthorized');
  if (!rejected) return e;
  return new PushError({
    ...e.failure, credentialsRejected: true,
    message: `Harbor no longer accepts the stored secret of ${client.conn.username} at ${client.conn.url}.`,
    advice: 'Re-enter the password or robot secret (an OIDC user needs the CLI secret from the Harbor profile page), then push again.',
  });
}
