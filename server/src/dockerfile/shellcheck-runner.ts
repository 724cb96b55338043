// Runs the shellcheck binary off the keystroke path. Diagnostics ask `known(uri, jobs)` for what is already known (a
// cache by script, so unchanged RUNs keep their results while another is edited) and that schedules the scripts not
// checked yet: after a quiet moment, one process at a time, several scripts per process, killed when it runs too long
// or when the document moves on. When a run ends, `onResults(uri)` lets the server publish again.
// Without shellcheck on PATH it says so once through `log` and never tries again.
import * as l10n from '@vscode/l10n';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import type { DockerfileModel } from './parse/model';
import type { Rule } from './rules/types';
import {
  parseShellCheckJson,
  SHELLCHECK_EXCLUDED,
  shellcheckJobs,
  shellcheckRule,
  type ShellCheckComment,
  type ShellCheckJob,
} from './shellcheck';

export interface ShellCheckRunnerOptions {
  /** The program to run (default `shellcheck`, found on PATH). */
  binary?: string;
  /** Quiet time after the last request of a document before checking it. */
  debounceMs?: number;
  /** A run taking longer is killed (its scripts are retried on the next request). */
  timeoutMs?: number;
  /** Scripts per shellcheck process. */
  batchSize?: number;
  /** Results kept, by script. */
  cacheSize?: number;
  log: (message: string) => void;
}

interface Pending {
  jobs: Map<string, ShellCheckJob>;
  timer?: ReturnType<typeof setTimeout>;
}

export class ShellCheckRunner {
  onResults: (uri: string) => void = () => undefined;
  private readonly cache = new Map<string, readonly ShellCheckComment[]>();
  private readonly pending = new Map<string, Pending>();
  private readonly queue: string[] = [];
  private running?: { uri: string; keys: Set<string>; child: ChildProcess };
  private missing = false;
  private readonly o: Required<Omit<ShellCheckRunnerOptions, 'log'>> & Pick<ShellCheckRunnerOptions, 'log'>;

  constructor(options: ShellCheckRunnerOptions) {
    this.o = { binary: 'shellcheck', debounceMs: 250, timeoutMs: 15_000, batchSize: 64, cacheSize: 4000, ...options };
  }

  /** Whether shellcheck was found missing (then nothing is ever scheduled). */
  get unavailable(): boolean {
    return this.missing;
  }

  /** Results for each job already checked; schedules the others. */
  known(uri: string, jobs: readonly ShellCheckJob[]): (job: ShellCheckJob) => readonly ShellCheckComment[] | undefined {
    const todo = new Map<string, ShellCheckJob>();
    for (const j of jobs) if (!this.cache.has(j.key)) todo.set(j.key, j);
    if (!this.missing) this.want(uri, todo);
    return (job) => {
      const hit = this.cache.get(job.key);
      if (hit) {
        // Refresh its place in the insertion-ordered map: the cache evicts the least recently used.
        this.cache.delete(job.key);
        this.cache.set(job.key, hit);
      }
      return hit;
    };
  }

  /** The document closed: drop what was waiting for it. */
  forget(uri: string): void {
    const p = this.pending.get(uri);
    if (p?.timer) clearTimeout(p.timer);
    this.pending.delete(uri);
    if (this.running?.uri === uri) this.running.child.kill('SIGKILL');
  }

  /** Stops everything (tests, server shutdown). */
  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.forget(uri);
    this.running?.child.kill('SIGKILL');
  }

  private want(uri: string, todo: Map<string, ShellCheckJob>): void {
    const old = this.pending.get(uri);
    // Asked again for the same scripts (a re-check of an unchanged document): keep the schedule as it is.
    if (old && old.jobs.size === todo.size && [...todo.keys()].every((k) => old.jobs.has(k))) return;
    if (old?.timer) clearTimeout(old.timer);
    // A run for this document whose scripts are no longer wanted is wasted work: stop it.
    const r = this.running;
    if (r?.uri === uri && ![...r.keys].some((k) => todo.has(k))) r.child.kill('SIGKILL');
    if (todo.size === 0) {
      this.pending.delete(uri);
      return;
    }
    const p: Pending = { jobs: todo };
    p.timer = setTimeout(() => {
      p.timer = undefined;
      if (!this.queue.includes(uri)) this.queue.push(uri);
      this.next();
    }, this.o.debounceMs);
    this.pending.set(uri, p);
  }

  private next(): void {
    if (this.running || this.missing) return;
    const uri = this.queue.shift();
    if (uri === undefined) return;
    const p = this.pending.get(uri);
    if (!p || p.timer) return this.next();
    const batch = [...p.jobs.values()].filter((j) => !this.cache.has(j.key)).slice(0, this.o.batchSize);
    if (batch.length === 0) {
      this.pending.delete(uri);
      return this.next();
    }
    this.run(uri, batch);
  }

  private run(uri: string, batch: ShellCheckJob[]): void {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-shellcheck-'));
    // One process per dialect: --shell applies to all its files (scripts with their own #! ignore it).
    const files = batch.map((j, i) => {
      const file = path.join(dir, `${i}.sh`);
      writeFileSync(file, j.script);
      return file;
    });
    const dialect = batch.find((j) => j.shell)?.shell;
    const sameDialect = batch.filter((j) => j.shell === undefined || j.shell === dialect);
    const args = ['--format=json1', `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`, '--norc'];
    if (dialect) args.push(`--shell=${dialect}`);
    // files[i] holds batch[i]'s script, so chosen[i] holds sameDialect[i]'s.
    const chosen = files.filter((_, i) => sameDialect.includes(batch[i]!));
    let child: ChildProcess;
    try {
      // Loaded here, not with the server: child_process (and the dgram it loads) would lengthen every server start,
      // which the first diagnostics wait for, and a run comes only after them (scripts/build.mjs, deferBuiltins).
      const { spawn } = require('node:child_process') as typeof import('node:child_process');
      child = spawn(this.o.binary, [...args, ...chosen], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      this.finish(uri, dir, undefined, e);
      return;
    }
    // Below the editor's own work: a first check of a large file must not slow the typing that follows.
    if (child.pid !== undefined)
      try {
        setPriority(child.pid, 10);
      } catch {
        /* not allowed here: run at normal priority */
      }
    this.running = { uri, keys: new Set(sameDialect.map((j) => j.key)), child };
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, this.o.timeoutMs);
    let done = false;
    const end = (error?: unknown, code?: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.running = undefined;
      // shellcheck exits 1 when it found something; only a run with no JSON failed.
      let results: Map<string, ShellCheckComment[]> | undefined;
      if (!error && (code === 0 || code === 1)) {
        try {
          results = parseShellCheckJson(stdout);
        } catch (e) {
          error = e;
        }
      } else if (timedOut) {
        // Not retried on every keystroke: these scripts count as checked, with nothing found.
        error = new Error(
          l10n.t('no answer within {0} ms; these RUNs stay unchecked until they change', this.o.timeoutMs),
        );
        for (const j of sameDialect) this.remember(j.key, []);
      } else if (!error && code !== null) error = new Error(`exit ${code}: ${stderr.trim().slice(0, 300)}`);
      if (results) sameDialect.forEach((j, i) => this.remember(j.key, results.get(chosen[i]!) ?? []));
      this.finish(uri, dir, results, error);
    };
    child.on('error', (e) => end(e));
    child.on('close', (code) => end(undefined, code));
  }

  private finish(
    uri: string,
    dir: string,
    results: Map<string, ShellCheckComment[]> | undefined,
    error: unknown,
  ): void {
    rmSync(dir, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      this.missing = true;
      this.pending.clear();
      this.queue.length = 0;
      this.o.log(
        l10n.t(
          'ShellCheck checks of RUN instructions are off: "{0}" is not on PATH. Install ShellCheck (Debian/Ubuntu: apt-get install shellcheck) and reload to turn them on.',
          this.o.binary,
        ),
      );
      return;
    }
    if (error)
      this.o.log(l10n.t('ShellCheck failed on {0}: {1}', uri, error instanceof Error ? error.message : String(error)));
    const p = this.pending.get(uri);
    // A pending entry with a timer is a newer request, still settling: it schedules itself.
    if (p && !p.timer) {
      for (const key of [...p.jobs.keys()]) if (this.cache.has(key)) p.jobs.delete(key);
      if (p.jobs.size === 0 || !results) this.pending.delete(uri);
      else if (!this.queue.includes(uri)) this.queue.push(uri); // more batches (or other dialects) to go
    }
    // Nothing found changes nothing that was published.
    if (results && [...results.values()].some((list) => list.length > 0)) this.onResults(uri);
    this.next();
  }

  private remember(key: string, comments: readonly ShellCheckComment[]): void {
    this.cache.set(key, comments);
    while (this.cache.size > this.o.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** The runner the language server uses; none (no ShellCheck family) until server.ts sets one. */
let active: ShellCheckRunner | undefined;
export function useShellCheckRunner(runner: ShellCheckRunner | undefined): void {
  active = runner;
}

/** The ShellCheck family for a Dockerfile's diagnostics: the results known now; the rest are scheduled. */
export function shellcheckRules(uri: string, model: DockerfileModel, enabled: boolean): (readonly [string, Rule])[] {
  if (!active || !enabled || active.unavailable) return [];
  const jobs = shellcheckJobs(model);
  if (jobs.length === 0) return [];
  return [['shellcheck', shellcheckRule(jobs, active.known(uri, jobs))]];
}

export function forgetShellCheck(uri: string): void {
  active?.forget(uri);
}
