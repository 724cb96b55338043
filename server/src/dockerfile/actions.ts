// Quick fixes. Each Berth diagnostic carries `data` (rules/types.ts: DiagnosticData) with the rule and, for most
// rules, a `fix` payload computed by the rule; this module turns payloads into edits, adds the image-tag choices the
// local engine offers, and a suppression comment for every rule that can be suppressed.
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { EngineImage } from '../lsp/adapter';
import type { DockerfileModel } from './parse/model';
import type { DiagnosticData, FixData } from './rules/types';

export interface ActionEnv {
  uri: string;
  engineImages(): readonly EngineImage[];
}

const SHELL_PIPEFAIL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

function quoteIfNeeded(value: string): string {
  return /^(["']).*\1$/.test(value) || !/[\s"'\\]/.test(value) ? value : JSON.stringify(value);
}

function action(title: string, uri: string, edits: TextEdit[], diagnostic: Diagnostic, preferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred || undefined,
    edit: { changes: { [uri]: edits } },
  };
}

function isData(d: unknown): d is DiagnosticData {
  return !!d && typeof d === 'object' && typeof (d as DiagnosticData).rule === 'string';
}

/** The fix a rule's payload describes (pinImage may give several: one per local tag). */
function fixActions(model: DockerfileModel, diag: Diagnostic, fix: FixData, env: ActionEnv): CodeAction[] {
  const uri = env.uri;
  switch (fix.kind) {
    case 'replace':
      return [
        action(
          fix.text ? l10n.t('Change to "{0}"', fix.text) : l10n.t('Remove it'),
          uri,
          [{ range: fix.range, newText: fix.text }],
          diag,
          true,
        ),
      ];
    case 'insertText':
      return [
        action(
          `Add "${fix.text.trim()}"`,
          uri,
          [{ range: { start: fix.at, end: fix.at }, newText: fix.text }],
          diag,
          true,
        ),
      ];
    case 'execForm':
      return [
        action(
          l10n.t('Convert to JSON (exec) form'),
          uri,
          [{ range: fix.range, newText: `[${fix.args.map((a) => JSON.stringify(a)).join(', ')}]` }],
          diag,
          true,
        ),
      ];
    case 'maintainer':
      return [
        action(
          l10n.t('Replace with LABEL org.opencontainers.image.authors'),
          uri,
          [{ range: fix.range, newText: `LABEL org.opencontainers.image.authors=${JSON.stringify(fix.author)}` }],
          diag,
          true,
        ),
      ];
    case 'keyValue':
      return [
        action(
          l10n.t('Write as {0}=…', fix.key),
          uri,
          [{ range: fix.range, newText: `${fix.key}=${quoteIfNeeded(fix.value)}` }],
          diag,
          true,
        ),
      ];
    case 'pipefail': {
      const indent = /^[ \t]*/.exec(model.lines[fix.at.line] ?? '')![0];
      return [
        action(
          l10n.t('Add {0} before this RUN', SHELL_PIPEFAIL),
          uri,
          [{ range: { start: fix.at, end: fix.at }, newText: `${SHELL_PIPEFAIL}\n${indent}` }],
          diag,
          true,
        ),
      ];
    }
    case 'pinImage': {
      const local = env
        .engineImages()
        .find(
          (i) =>
            i.repository === fix.image ||
            i.repository === `docker.io/${fix.image}` ||
            `library/${i.repository}` === fix.image,
        );
      // `fix.tag` is the tag written today (latest): the choices are the other tags the local engine has.
      const tags = (local?.tags ?? []).filter((t) => t !== 'latest' && t !== fix.tag).slice(0, 8);
      return tags.map((t, i) =>
        action(
          l10n.t('Pin to {0}:{1} (in the local engine)', fix.image, t),
          uri,
          [{ range: fix.range, newText: `${fix.image}:${t}` }],
          diag,
          i === 0,
        ),
      );
    }
    case 'aptJoin': {
      const first = model.instructions.find((i) => i.startLine === fix.range.start.line);
      const install =
        fix.installLine !== undefined
          ? model.instructions.find((i) => i.startLine === fix.installLine && i.name === 'RUN')
          : undefined;
      if (!first || !install || install.flags.length || install.form !== 'shell' || install.heredocs.length) return [];
      const esc = model.escapeChar;
      const body = install.body.replace(/\s*\n\s*/g, ' ').trim();
      const clean = /\/var\/lib\/apt\/lists/.test(body) ? '' : ` ${esc}\n    && rm -rf /var/lib/apt/lists/*`;
      const deleteEnd =
        install.endLine + 1 < model.lines.length ? { line: install.endLine + 1, character: 0 } : install.range.end;
      const deleteStart =
        install.endLine + 1 < model.lines.length
          ? { line: install.startLine, character: 0 }
          : { line: first.range.end.line, character: first.range.end.character };
      return [
        action(
          l10n.t('Join apt-get update with the next apt-get install (and clean the lists)'),
          uri,
          [
            {
              range: { start: first.bodyRange.end, end: first.bodyRange.end },
              newText: ` ${esc}\n    && ${body}${clean}`,
            },
            { range: { start: deleteStart, end: deleteEnd }, newText: '' },
          ],
          diag,
          true,
        ),
      ];
    }
    default:
      return [];
  }
}

/** DL3059: joins a RUN with the RUN right before it (both plain shell form, no flags or heredocs). */
function joinRunAction(model: DockerfileModel, diag: Diagnostic, line: number, uri: string): CodeAction | undefined {
  const at = model.instructions.findIndex((i) => i.startLine === line);
  const [prev, cur] = [model.instructions[at - 1], model.instructions[at]];
  const plain = (i: typeof cur): i is NonNullable<typeof cur> =>
    !!i && i.name === 'RUN' && i.form === 'shell' && !i.flags.length && !i.heredocs.length && !!i.body;
  if (!plain(prev) || !plain(cur) || prev.stage !== cur.stage) return undefined;
  const esc = model.escapeChar;
  const body = model.lines
    .slice(cur.bodyRange.start.line, cur.endLine + 1)
    .join('\n')
    .slice(cur.bodyRange.start.character);
  const insert = { range: { start: prev.bodyRange.end, end: prev.bodyRange.end }, newText: ` ${esc}\n    && ${body}` };
  // Remove the second RUN's lines (with their line break); comment lines between the two stay.
  const last = cur.endLine + 1 >= model.lines.length;
  const start = last
    ? { line: cur.startLine - 1, character: (model.lines[cur.startLine - 1] ?? '').length }
    : { line: cur.startLine, character: 0 };
  const end = last ? cur.range.end : { line: cur.endLine + 1, character: 0 };
  const same = start.line === insert.range.start.line && start.character === insert.range.start.character;
  return action(
    l10n.t('Join with the previous RUN'),
    uri,
    same ? [{ range: { start, end }, newText: insert.newText }] : [insert, { range: { start, end }, newText: '' }],
    diag,
  );
}

/** `# hadolint ignore=CODE` above the instruction (merged into an existing one), for hadolint and Berth rules. */
function hadolintSuppression(
  model: DockerfileModel,
  diag: Diagnostic,
  code: string,
  line: number,
  uri: string,
): CodeAction {
  const above = model.lines[line - 1] ?? '';
  const existing = /^(\s*#\s*hadolint\s+ignore=)([\w,]+)/.exec(above);
  const edit: TextEdit = existing
    ? {
        range: {
          start: { line: line - 1, character: existing[0].length },
          end: { line: line - 1, character: existing[0].length },
        },
        newText: `,${code}`,
      }
    : {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        newText: `${/^[ \t]*/.exec(model.lines[line] ?? '')![0]}# hadolint ignore=${code}\n`,
      };
  return {
    ...action(l10n.t('Ignore {0} for this instruction (# hadolint ignore)', code), uri, [edit], diag),
    kind: CodeActionKind.QuickFix,
  };
}

/** `# check=skip=Rule` parser directive (merged into an existing check directive) for BuildKit checks. */
function checkSuppression(model: DockerfileModel, diag: Diagnostic, rule: string, uri: string): CodeAction {
  const check = model.directives.find((d) => d.name === 'check');
  let edit: TextEdit;
  if (check) {
    const skip = /(^|;)\s*skip=([^;]*)/.exec(check.value);
    if (skip) {
      const at = check.valueRange.start.character + skip.index + skip[0].length;
      edit = {
        range: {
          start: { line: check.range.start.line, character: at },
          end: { line: check.range.start.line, character: at },
        },
        newText: skip[2]!.trim() ? `,${rule}` : rule,
      };
    } else {
      edit = { range: { start: check.valueRange.start, end: check.valueRange.start }, newText: `skip=${rule};` };
    }
  } else {
    const line = model.directives.length ? Math.max(...model.directives.map((d) => d.range.start.line)) + 1 : 0;
    edit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `# check=skip=${rule}\n` };
  }
  return action(l10n.t('Skip {0} in this file (# check=skip)', rule), uri, [edit], diag);
}

/** Fixes fit for fix-all, the ones that rewrite most first (a MAINTAINER rewrite wins over its casing fix). */
const FIX_ALL_ORDER: readonly FixData['kind'][] = ['maintainer', 'execForm', 'keyValue', 'replace', 'insertText'];

/**
 * `source.fixAll`: every unambiguous fix at once (no image pinning, which needs a choice, nor joins that move lines),
 * skipping any edit that would overlap one already taken.
 */
export function fixAllAction(
  model: DockerfileModel,
  diagnostics: readonly Diagnostic[],
  env: ActionEnv,
): CodeAction | undefined {
  const edits: TextEdit[] = [];
  const key = (p: { line: number; character: number }) => p.line * 1e7 + p.character;
  const fixed: Diagnostic[] = [];
  const rank = (d: Diagnostic) => (isData(d.data) && d.data.fix ? FIX_ALL_ORDER.indexOf(d.data.fix.kind) : -1);
  for (const diag of diagnostics.filter((d) => rank(d) >= 0).sort((a, b) => rank(a) - rank(b))) {
    if (!isData(diag.data) || !diag.data.fix) continue;
    const mine = fixActions(model, diag, diag.data.fix, env)[0]?.edit?.changes?.[env.uri] ?? [];
    const clash = mine.some((e) =>
      edits.some((o) => key(e.range.start) <= key(o.range.end) && key(o.range.start) <= key(e.range.end)),
    );
    if (clash || !mine.length) continue;
    edits.push(...mine);
    fixed.push(diag);
  }
  if (!edits.length) return undefined;
  return {
    title: l10n.t('Fix all auto-fixable problems ({0})', fixed.length),
    kind: CodeActionKind.SourceFixAll,
    diagnostics: fixed,
    edit: { changes: { [env.uri]: edits } },
  };
}

export function codeActions(model: DockerfileModel, diagnostics: readonly Diagnostic[], env: ActionEnv): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diag of diagnostics) {
    if (!isData(diag.data)) continue;
    const data = diag.data;
    if (data.fix) out.push(...fixActions(model, diag, data.fix, env));
    if (data.rule === 'DL3059') {
      const join = joinRunAction(model, diag, data.instructionLine ?? diag.range.start.line, env.uri);
      if (join) out.push(join);
    }
    if (data.family === 'builder') continue; // the builder rejects these: nothing to suppress
    const line = data.instructionLine ?? diag.range.start.line;
    const dl = /^DL\d{4}$/.test(data.rule) ? data.rule : data.aliases?.find((a) => /^DL\d{4}$/.test(a));
    if (data.family === 'buildkit') out.push(checkSuppression(model, diag, data.rule, env.uri));
    if (dl || data.family !== 'buildkit') out.push(hadolintSuppression(model, diag, dl ?? data.rule, line, env.uri));
  }
  return out;
}
