// Harbor replication as Berth reads and writes it: endpoints (other registries), rules (Harbor calls them policies),
// executions and their tasks, with the policy body Harbor's POST takes and an execution's progress in words.
// Pure: no vscode, no requests (replication-rest.ts talks to Harbor).
import * as l10n from '@vscode/l10n';

/** The endpoint kinds Berth offers; Harbor's adapter names. */
export type EndpointType = 'harbor' | 'docker-registry';

/** A registry endpoint (GET /registries). Harbor never returns the access secret. */
export interface ReplicationEndpoint {
  id: number;
  name: string;
  url: string;
  type: string;
  insecure?: boolean;
  description?: string;
  status?: string;
  credential?: { type?: string; access_key?: string };
  creation_time?: string;
}

export interface NewEndpoint {
  name: string;
  type: EndpointType;
  url: string;
  /** User name or robot name; empty for anonymous access. */
  accessKey: string;
  accessSecret: string;
  insecure: boolean;
  description?: string;
}

export interface ReplicationFilter {
  type: 'name' | 'tag' | 'label' | 'resource';
  value: string | string[];
  decoration?: 'matches' | 'excludes';
}

export type TriggerType = 'manual' | 'scheduled' | 'event_based';

/** A rule (GET /replication/policies). Push-based rules have a destination registry and no source, pull-based the reverse. */
export interface ReplicationRule {
  id: number;
  name: string;
  description?: string;
  src_registry?: ReplicationEndpoint | null;
  dest_registry?: ReplicationEndpoint | null;
  dest_namespace?: string;
  trigger?: { type?: string; trigger_settings?: { cron?: string } };
  filters?: ReplicationFilter[] | null;
  override?: boolean;
  enabled?: boolean;
  replicate_deletion?: boolean;
  creation_time?: string;
}

/** What the create-rule form collects. Empty patterns mean "everything". */
export interface RuleForm {
  name: string;
  direction: 'push' | 'pull';
  endpointId: number;
  namePattern: string;
  tagPattern: string;
  labels: string[];
  destNamespace: string;
  trigger: TriggerType;
  /** Harbor's six-field cron (seconds first), for a scheduled trigger. */
  cron?: string;
  override: boolean;
  enabled: boolean;
  description?: string;
}

export interface ReplicationExecution {
  id: number;
  policy_id: number;
  /** InProgress, Succeed, Failed or Stopped. */
  status: string;
  status_text?: string;
  trigger?: string;
  start_time?: string;
  end_time?: string;
  total: number;
  failed: number;
  succeed: number;
  in_progress: number;
  stopped: number;
}

export interface ReplicationTask {
  id: number;
  execution_id: number;
  /** Pending, Running (InProgress), Succeed, Failed or Stopped. */
  status: string;
  operation?: string;
  resource_type?: string;
  src_resource?: string;
  dst_resource?: string;
  start_time?: string;
  end_time?: string;
}

/** Harbor's execution states that no longer change. */
export const EXECUTION_DONE = new Set(['Succeed', 'Failed', 'Stopped', 'Error']);

/** The body of POST /replication/policies for a form. Harbor treats an absent registry as this Harbor. */
export function policyBody(form: RuleForm): Record<string, unknown> {
  const filters: ReplicationFilter[] = [];
  if (form.namePattern.trim()) filters.push({ type: 'name', value: form.namePattern.trim() });
  if (form.tagPattern.trim()) filters.push({ type: 'tag', value: form.tagPattern.trim(), decoration: 'matches' });
  if (form.labels.length) filters.push({ type: 'label', value: form.labels, decoration: 'matches' });
  const endpoint = { id: form.endpointId };
  return {
    name: form.name,
    ...(form.description ? { description: form.description } : {}),
    ...(form.direction === 'push' ? { dest_registry: endpoint } : { src_registry: endpoint }),
    dest_namespace: form.destNamespace.trim(),
    trigger: {
      type: form.trigger,
      ...(form.trigger === 'scheduled' ? { trigger_settings: { cron: form.cron ?? '' } } : {}),
    },
    filters,
    override: form.override,
    enabled: form.enabled,
    replicate_deletion: false,
  };
}

/** "labels: a, b" from a comma-separated answer, without blanks or repeats. */
export function parseLabels(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Harbor's cron has six fields, seconds first ("0 0 3 * * *" is 03:00 daily). Checks the shape only (numbers,
 * ranges, steps, lists, `*` and `?`); Harbor itself judges the values and says so.
 */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6)
    return l10n.t(
      "Harbor's cron has 6 fields, seconds first (e.g. 0 0 3 * * * for 03:00 daily); this has {0}",
      fields.length,
    );
  const field = /^(\*|\?|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;
  const bad = fields.find((f) => !field.test(f) && !/^[A-Za-z]{3}(-[A-Za-z]{3})?$/.test(f));
  return bad === undefined ? undefined : l10n.t('"{0}" is not a cron field', bad);
}

export function isPush(rule: ReplicationRule): boolean {
  return !!rule.dest_registry?.id;
}

/** The other side of a rule: where it pushes to, or pulls from. */
export function remoteOf(rule: ReplicationRule): ReplicationEndpoint | undefined {
  return (isPush(rule) ? rule.dest_registry : rule.src_registry) ?? undefined;
}

export function triggerText(rule: ReplicationRule): string {
  const t = rule.trigger?.type ?? 'manual';
  if (t === 'scheduled') return l10n.t('scheduled {0}', rule.trigger?.trigger_settings?.cron ?? '');
  if (t === 'event_based') return l10n.t('on push and delete');
  return l10n.t('manual');
}

export function ruleDescription(rule: ReplicationRule): string {
  const remote = remoteOf(rule);
  const direction = isPush(rule)
    ? l10n.t('push to {0}', remote?.name ?? '?')
    : l10n.t('pull from {0}', remote?.name ?? '?');
  return [rule.enabled === false ? l10n.t('disabled') : undefined, direction, triggerText(rule)]
    .filter(Boolean)
    .join(' · ');
}

export function filterText(rule: ReplicationRule): string {
  const parts = (rule.filters ?? []).map((f) => {
    const value = Array.isArray(f.value) ? f.value.join(', ') : f.value;
    return `${f.type}${f.decoration === 'excludes' ? ' ≠' : ':'} ${value}`;
  });
  return parts.length ? parts.join('; ') : l10n.t('everything');
}

/** "3/10 done, 1 failed, 2 in progress": an execution's counts, for the tree and the progress notification. */
export function executionCounts(e: ReplicationExecution): string {
  const done = e.succeed + e.failed + e.stopped;
  const parts = [l10n.t('{0}/{1} done', done, e.total)];
  if (e.failed) parts.push(l10n.t('{0} failed', e.failed));
  if (e.in_progress) parts.push(l10n.t('{0} in progress', e.in_progress));
  if (e.stopped) parts.push(l10n.t('{0} stopped', e.stopped));
  return parts.join(', ');
}

/** Whole-second duration between two times, or since `start` while running. */
export function durationText(start?: string, end?: string, now = Date.now()): string | undefined {
  if (!start) return undefined;
  const from = Date.parse(start);
  const to = end && !end.startsWith('0001') ? Date.parse(end) : now;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  const s = Math.max(0, Math.round((to - from) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function executionDescription(e: ReplicationExecution, now = Date.now()): string {
  return [e.status, executionCounts(e), durationText(e.start_time, e.end_time, now)].filter(Boolean).join(' · ');
}

/** The share of tasks finished, 0..100, for a progress bar. */
export function executionPercent(e: ReplicationExecution): number {
  if (!e.total) return EXECUTION_DONE.has(e.status) ? 100 : 0;
  return Math.round((100 * (e.succeed + e.failed + e.stopped)) / e.total);
}
