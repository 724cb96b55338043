// Harbor's replication API (v2.0): registry endpoints, replication policies ("rules"), executions, tasks and task
// logs. Every call here needs a system administrator; a 403 says so in words. Pure Node: no vscode.
import * as l10n from '@vscode/l10n';
import { HarborError } from './errors';
import {
  EXECUTION_DONE,
  policyBody,
  type NewEndpoint,
  type ReplicationEndpoint,
  type ReplicationExecution,
  type ReplicationRule,
  type ReplicationTask,
  type RuleForm,
} from './replication';
import { pollUntil, type PollOptions } from './poll';
import type { HarborClient } from './client';
import type { Page } from './types';

export interface PingResult {
  healthy: boolean;
  /** Harbor's reason when the endpoint is not healthy. */
  message?: string;
}

export class ReplicationApi {
  constructor(readonly client: HarborClient) {}

  /** Runs one call, turning Harbor's refusals into what the user can do about them. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw asReplicationError(e, what);
    }
  }

  listEndpoints(page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<ReplicationEndpoint>> {
    const what = l10n.t('list the replication endpoints');
    return this.call(what, () => this.client.page('/registries', what, page, pageSize, '', signal));
  }

  /** Adds an endpoint; the answer's Location carries its id. 409 when the name is taken. */
  async addEndpoint(e: NewEndpoint, signal?: AbortSignal): Promise<number | undefined> {
    const what = l10n.t('add the endpoint {0}', e.name);
    const res = await this.call(what, () =>
      this.client.request('POST', '/registries', what, {
        body: {
          name: e.name,
          type: e.type,
          url: e.url,
          insecure: e.insecure,
          ...(e.description ? { description: e.description } : {}),
          credential: e.accessKey
            ? { type: 'basic', access_key: e.accessKey, access_secret: e.accessSecret }
            : { type: 'basic' },
        },
        signal,
      }),
    );
    await res.body?.cancel();
    return idFromLocation(res.headers.get('location'));
  }

  /**
   * Asks Harbor to reach an endpoint: a saved one by id, or one not saved yet with its credentials. Harbor answers
   * 400 with its reason when the endpoint is unreachable or refuses the credentials.
   */
  async pingEndpoint(target: { id: number } | NewEndpoint, signal?: AbortSignal): Promise<PingResult> {
    const what = l10n.t('test the connection to {0}', 'id' in target ? `#${target.id}` : target.url);
    const body =
      'id' in target
        ? { id: target.id }
        : {
            type: target.type,
            url: target.url,
            insecure: target.insecure,
            ...(target.accessKey
              ? { credential_type: 'basic', access_key: target.accessKey, access_secret: target.accessSecret }
              : {}),
          };
    try {
      const res = await this.client.request('POST', '/registries/ping', what, { body, signal });
      await res.body?.cancel();
      return { healthy: true };
    } catch (e) {
      if (e instanceof HarborError && e.status === 400)
        return {
          healthy: false,
          message: e.message.startsWith(`${what}: `) ? e.message.slice(what.length + 2) : e.message,
        };
      throw asReplicationError(e, what);
    }
  }

  /** Removes an endpoint; Harbor refuses (412) while a rule uses it. */
  async removeEndpoint(endpoint: Pick<ReplicationEndpoint, 'id' | 'name'>, signal?: AbortSignal): Promise<void> {
    const what = l10n.t('remove the endpoint {0}', endpoint.name);
    await this.call(what, () => this.client.request('DELETE', `/registries/${endpoint.id}`, what, { signal }));
  }

  listRules(page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<ReplicationRule>> {
    const what = l10n.t('list the replication rules');
    return this.call(what, () => this.client.page('/replication/policies', what, page, pageSize, '', signal));
  }

  getRule(id: number, signal?: AbortSignal): Promise<ReplicationRule> {
    const what = l10n.t('read replication rule {0}', id);
    return this.call(what, async () =>
      (await this.client.request('GET', `/replication/policies/${id}`, what, { signal })).json(),
    ) as Promise<ReplicationRule>;
  }

  /** Creates a rule; returns its id. 409 when the name is taken, 400 when Harbor rejects a field. */
  async createRule(form: RuleForm, signal?: AbortSignal): Promise<number | undefined> {
    const what = l10n.t('create the replication rule {0}', form.name);
    const res = await this.call(what, () =>
      this.client.request('POST', '/replication/policies', what, { body: policyBody(form), signal }),
    );
    await res.body?.cancel();
    return idFromLocation(res.headers.get('location'));
  }

  /** Harbor's PUT replaces the whole rule, so the rule as read is sent back with only `enabled` changed. */
  async setRuleEnabled(rule: ReplicationRule, enabled: boolean, signal?: AbortSignal): Promise<void> {
    const what = enabled ? l10n.t('enable the rule {0}', rule.name) : l10n.t('disable the rule {0}', rule.name);
    const { id, name, description, src_registry, dest_registry, dest_namespace, trigger, filters, override } = rule;
    await this.call(what, () =>
      this.client.request('PUT', `/replication/policies/${id}`, what, {
        body: {
          id,
          name,
          description,
          src_registry,
          dest_registry,
          dest_namespace,
          trigger,
          filters,
          override,
          enabled,
          replicate_deletion: rule.replicate_deletion ?? false,
        },
        signal,
      }),
    );
  }

  /** Deletes a rule; Harbor refuses (412) while one of its executions runs. */
  async deleteRule(rule: Pick<ReplicationRule, 'id' | 'name'>, signal?: AbortSignal): Promise<void> {
    const what = l10n.t('delete the replication rule {0}', rule.name);
    await this.call(what, () => this.client.request('DELETE', `/replication/policies/${rule.id}`, what, { signal }));
  }

  /** Starts a rule now; returns the new execution's id. A disabled rule is refused (412). */
  async startRule(rule: Pick<ReplicationRule, 'id' | 'name'>, signal?: AbortSignal): Promise<number | undefined> {
    const what = l10n.t('start the replication rule {0}', rule.name);
    const res = await this.call(what, () =>
      this.client.request('POST', '/replication/executions', what, { body: { policy_id: rule.id }, signal }),
    );
    await res.body?.cancel();
    return idFromLocation(res.headers.get('location'));
  }

  /** A rule's executions, newest first. */
  listExecutions(ruleId: number, page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<ReplicationExecution>> {
    const what = l10n.t('list the executions of replication rule {0}', ruleId);
    return this.call(what, () =>
      this.client.page(
        `/replication/executions?policy_id=${ruleId}&sort=${encodeURIComponent('-start_time')}`,
        what,
        page,
        pageSize,
        '',
        signal,
      ),
    );
  }

  getExecution(id: number, signal?: AbortSignal): Promise<ReplicationExecution> {
    const what = l10n.t('read replication execution {0}', id);
    return this.call(what, async () =>
      (await this.client.request('GET', `/replication/executions/${id}`, what, { signal })).json(),
    ) as Promise<ReplicationExecution>;
  }

  /** Stops a running execution (Harbor stops its pending and running tasks). */
  async stopExecution(id: number, signal?: AbortSignal): Promise<void> {
    const what = l10n.t('stop replication execution {0}', id);
    await this.call(what, () => this.client.request('PUT', `/replication/executions/${id}`, what, { signal }));
  }

  listTasks(executionId: number, page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<ReplicationTask>> {
    const what = l10n.t('list the tasks of replication execution {0}', executionId);
    return this.call(what, () =>
      this.client.page(`/replication/executions/${executionId}/tasks`, what, page, pageSize, '', signal),
    );
  }

  /** A task's log as plain text. */
  taskLog(executionId: number, taskId: number, signal?: AbortSignal): Promise<string> {
    const what = l10n.t('read the log of replication task {0}', taskId);
    return this.call(what, async () =>
      (
        await this.client.request('GET', `/replication/executions/${executionId}/tasks/${taskId}/log`, what, {
          signal,
          headers: { Accept: 'text/plain' },
        })
      ).text(),
    );
  }

  /**
   * Polls an execution until it ends (Succeed, Failed or Stopped), reporting each reading. Cancelling stops the
   * watching, not the execution.
   */
  async watchExecution(
    id: number,
    onProgress: (e: ReplicationExecution) => void,
    opts: PollOptions = {},
  ): Promise<ReplicationExecution> {
    return pollUntil(
      async () => {
        const e = await this.getExecution(id, opts.signal);
        onProgress(e);
        return e;
      },
      (e) => EXECUTION_DONE.has(e.status),
      (e) => l10n.t('Replication execution {0} is still {1}; look again later.', id, e.status),
      { ...opts, defaultTimeoutMs: 60 * 60_000 },
    );
  }
}

/** The id at the end of a Location header (`/api/v2.0/replication/executions/7` → 7). */
export function idFromLocation(location: string | null): number | undefined {
  const m = /\/(\d+)\/?$/.exec(location ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Replication is for system administrators: a 403 says so. A 412 is a precondition on replication, not a missing
 * scanner (errors.ts reads 412 as the scan case), so it keeps Harbor's reason under its own kind.
 */
export function asReplicationError(e: unknown, what: string): unknown {
  if (!(e instanceof HarborError)) return e;
  if (e.kind === 'forbidden' && !/read-only/i.test(e.message))
    return new HarborError(
      'forbidden',
      l10n.t('Not allowed to {0}: replication needs a Harbor system administrator.', what),
      e.status,
      e.code,
    );
  if (e.status === 412) return new HarborError('conflict', e.message, e.status, e.code);
  return e;
}
