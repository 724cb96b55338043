// Runs the same pure services the language server runs, on files from disk: the Dockerfile rules (with the build
// context's ignore file, context-ignore.ts, and the nearest .hadolint.yaml), the Compose rules (with the project's override and env files, read
// through the same FileAccess as in the editor) and the .dockerignore checks. Nothing here prints or exits.
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { composeDiagnostics } from '../compose/diagnostics';
import type { FileAccess } from '../compose/env';
import { parseCompose } from '../compose/parse/document';
import { validateDockerfile } from '../dockerfile/diagnostics';
import {
  hadolintConfigFor,
  hadolintDiagnosticsOptions,
  type HadolintSeverity,
} from '../dockerfile/rules/hadolint-config';
import { ignoreFileCandidates } from '../dockerignore/context-ignore';
import { dockerignoreDiagnostics, parseDockerignore } from '../dockerignore/service';
import { localExists, readLocalFile } from '../lsp/disk';
import type { FailOn, LintSettings } from './config';
import type { LintLanguage, LintTarget } from './discover';

export interface FileResult {
  /** Absolute path. */
  file: string;
  language: LintLanguage;
  diagnostics: Diagnostic[];
  /** Why the file was not checked (unreadable, too large …). */
  refused?: string;
  /** The file's own threshold (a `.hadolint.yaml` failure-threshold), when the command line and .berth.json set none. */
  failOn?: FailOn;
}

const HADOLINT_THRESHOLD: Record<HadolintSeverity, FailOn> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'hint',
  ignore: 'none',
};

const disk: FileAccess = {
  readFile: (uri) => {
    const r = readLocalFile(uri);
    return 'text' in r ? r.text : undefined;
  },
  exists: localExists,
  refusal: (uri) => {
    const r = readLocalFile(uri);
    return 'refused' in r ? r.refused : undefined;
  },
};

function readText(file: string): { text: string } | { refused: string } {
  const r = readLocalFile(pathToFileURL(file).href);
  if ('text' in r) return r;
  return { refused: 'refused' in r ? r.refused : l10n.t('it does not exist') };
}

/** The ignore file's text for a Dockerfile, its folder taken as the build context (as the editor does). */
function dockerignoreOf(dockerfile: string): string | undefined {
  const dir = path.dirname(dockerfile);
  for (const name of ignoreFileCandidates(path.basename(dockerfile))) {
    const r = readLocalFile(pathToFileURL(path.join(dir, name)).href);
    if ('text' in r) return r.text;
  }
  return undefined;
}

export function lintFile(target: LintTarget, settings: LintSettings): FileResult {
  const read = readText(target.file);
  if ('refused' in read) return { ...target, diagnostics: [], refused: read.refused };
  const { text } = read;
  let diagnostics: Diagnostic[];
  let failOn: FailOn | undefined;
  switch (target.language) {
    case 'dockerfile': {
      // A .hadolint.yaml beside the Dockerfile or above it tunes the DL rules, as in the editor; Berth's settings win.
      const hadolint = hadolintConfigFor(pathToFileURL(target.file).href, disk.readFile, disk.exists);
      diagnostics = validateDockerfile(text, {
        ...hadolintDiagnosticsOptions(hadolint, settings.dockerfile.rules),
        dockerignore: dockerignoreOf(target.file),
      });
      if (!settings.failOnSet && hadolint.failureThreshold) failOn = HADOLINT_THRESHOLD[hadolint.failureThreshold];
      break;
    }
    case 'compose': {
      const model = parseCompose(text, pathToFileURL(target.file).href);
      diagnostics = composeDiagnostics(model, disk, {
        rules: settings.compose.rules,
        envFiles: settings.compose.envFiles,
      });
      break;
    }
    case 'dockerignore':
      diagnostics = dockerignoreDiagnostics(parseDockerignore(text));
      break;
  }
  diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { ...target, diagnostics, ...(failOn ? { failOn } : {}) };
}

export function lintFiles(targets: readonly LintTarget[], settings: LintSettings): FileResult[] {
  return targets.map((t) => lintFile(t, settings));
}
