// Completion: instructions (with snippets), parser directives, flags and their values per instruction (`--mount`
// types and keys, `--platform`, `--from` stages, `--network` …), `$`/`${` variables in scope, EXPOSE protocols,
// HEALTHCHECK CMD/NONE, FROM images and tags from the local engine (the client's last report: never waits for it),
// stage names, signals and source paths in the build context.
import { translated } from '../l10n/locale';
import * as l10n from '@vscode/l10n';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type MarkupContent,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { CompletionData, EngineImage } from '../lsp/adapter';
import { DIRECTIVE_DOCS, flagDoc, INSTRUCTION_DOCS, MOUNT_KEY_DOCS, predefinedArgDoc } from './docs';
import { FLAGS, MOUNT_KEYS, MOUNT_SHARING, MOUNT_TYPES, flagSpec, mountFields } from './flags';
import type { Declaration, DockerfileModel, Instruction } from './parse/model';
import { KNOWN_INSTRUCTIONS, PREDEFINED_ARGS } from './parse/model';
import { RULES } from './rules/catalog';

export interface CompletionEnv {
  engineImages(): readonly EngineImage[];
  /** Entries of a folder of the build context, relative to the Dockerfile's folder ('' = that folder). */
  listContext?(relativeDir: string): { name: string; isDirectory: boolean }[];
}

const PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
  'windows/amd64',
  '$BUILDPLATFORM',
  '$TARGETPLATFORM',
];
const CHMODS = ['0755', '0644', '0600', '0700', '0555', '0444', 'u+x', 'a+x'];
const DURATIONS = ['5s', '10s', '30s', '1m', '5m'];
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];
const NOT_IN_ONBUILD = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);
/** Documented values of each parser directive (English; shown through translated()). */
export const DIRECTIVE_VALUES: Readonly<Record<string, readonly [string, string][]>> = {
  syntax: [
    ['docker/dockerfile:1', 'The latest stable 1.x frontend.'],
    ['docker/dockerfile:1-labs', 'The 1.x frontend with experimental features.'],
  ],
  escape: [
    ['`', 'Backtick: convenient on Windows, where \\ separates paths.'],
    ['\\', 'Backslash (the default).'],
  ],
  check: [
    ['skip=', 'Rules to skip, comma-separated (or all).'],
    ['error=true', 'Fail the build when a check warns.'],
  ],
};

/** The OCI image annotations (opencontainers image-spec), the standard LABEL keys. */
export const OCI_LABELS: Readonly<Record<string, string>> = {
  title: 'Human-readable title of the image.',
  description: 'What the image contains.',
  version: 'Version of the packaged software.',
  authors: 'Contact details of the people responsible (replaces MAINTAINER).',
  url: 'Where to find more about the image.',
  source: 'URL of the source code the image was built from.',
  revision: 'Source control revision (e.g. the commit).',
  licenses: 'SPDX license expression of the contained software.',
  vendor: 'Who distributes the image.',
  created: 'Build date and time (RFC 3339).',
  documentation: 'URL of the documentation.',
  'base.name': 'Reference of the base image.',
};

function range(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

function item(
  label: string,
  kind: CompletionItemKind,
  replace: Range,
  extra: Partial<CompletionItem> = {},
): CompletionItem {
  return {
    label,
    kind,
    textEdit: { range: replace, newText: extra.insertText ?? label },
    ...extra,
    insertText: undefined,
  };
}

/** The instruction whose lines include `line` (ONBUILD's wrapped one when the cursor is past ONBUILD's keyword). */
function instructionAtLine(model: DockerfileModel, line: number): Instruction | undefined {
  return model.instructions.find((i) => i.startLine <= line && line <= i.endLine);
}

function inHeredocBody(inst: Instruction, line: number): boolean {
  return inst.heredocs.some(
    (h) =>
      line >= h.bodyRange.start.line &&
      line <= (h.closeRange?.start.line ?? h.bodyRange.end.line) &&
      line > inst.startLine,
  );
}

/** Whether most keywords are written in lower case; once per model (document version), as every completion asks. */
const lowercaseByModel = new WeakMap<DockerfileModel, boolean>();
function lowercaseFile(model: DockerfileModel): boolean {
  let lowercase = lowercaseByModel.get(model);
  if (lowercase === undefined) {
    let lower = 0;
    for (const i of model.instructions) if (!/[A-Z]/.test(i.keyword)) lower++;
    lowercase = lower * 2 > model.instructions.length;
    lowercaseByModel.set(model, lowercase);
  }
  return lowercase;
}

export function complete(model: DockerfileModel, pos: Position, env: CompletionEnv): CompletionItem[] {
  const line = model.lines[pos.line] ?? '';
  const prefix = line.slice(0, pos.character);
  const comment = /^\s*#\s*(.*)$/.exec(prefix);
  if (comment) return commentItems(model, pos, prefix, comment[1]!);

  const inst = instructionAtLine(model, pos.line);
  const lower = lowercaseFile(model);
  const keywordOnly = /^\s*([A-Za-z]*)$/.exec(prefix);
  if (!inst || (inst.startLine === pos.line && keywordOnly && pos.character <= inst.keywordRange.end.character)) {
    if (!keywordOnly) return [];
    return instructionItems(
      range(pos.line, pos.character - keywordOnly[1]!.length, pos.character),
      lower,
      model.stages.length === 0 && !inst ? 'start' : 'any',
    );
  }
  if (inHeredocBody(inst, pos.line)) return variableItems(model, inst, prefix, pos) ?? [];
  let target = inst;
  if (inst.onbuild) {
    const kw = inst.onbuild.keywordRange;
    const atInnerKeyword =
      /^\s*[A-Za-z]+\s+[A-Za-z]*$/.test(prefix) && pos.line === kw.start.line && pos.character <= kw.end.character;
    const afterOnbuild = /^\s*\S+\s+$/.test(prefix);
    if (atInnerKeyword || afterOnbuild) {
      const partial = /[A-Za-z]*$/.exec(prefix)![0];
      return instructionItems(range(pos.line, pos.character - partial.length, pos.character), lower, 'onbuild');
    }
    target = inst.onbuild;
  } else if (inst.name === 'ONBUILD') {
    const partial = /[A-Za-z]*$/.exec(prefix)![0];
    return instructionItems(range(pos.line, pos.character - partial.length, pos.character), lower, 'onbuild');
  }

  const vars = variableItems(model, target, prefix, pos);
  if (vars) return vars;
  const word = /\S*$/.exec(prefix)![0];
  const wordStart = pos.character - word.length;
  const replace = range(pos.line, wordStart, pos.character);
  const argsBefore = target.args.filter(
    (a) => a.range.end.line < pos.line || (a.range.end.line === pos.line && a.range.end.character < wordStart),
  );
  const flagPosition = argsBefore.length === 0;

  const flag = /^--([\w-]*)(=?)(.*)$/.exec(word);
  if (flag && flagPosition) {
    if (!flag[2]) return flagItems(target, replace);
    return flagValueItems(model, target, flag[1]!, flag[3]!, pos, env);
  }
  return argumentItems(model, target, { word, wordStart, replace, argIndex: argsBefore.length, lower }, pos, env);
}

/** In a comment: parser directives at the top, rule codes after `check=skip=` or `hadolint ignore=`. */
function commentItems(model: DockerfileModel, pos: Position, prefix: string, text: string): CompletionItem[] {
  const firstInstruction = model.instructions[0]?.startLine ?? Number.MAX_SAFE_INTEGER;
  const codes = /(?:check\s*=\s*skip=|hadolint\s+(?:global\s+)?ignore=)((?:[\w]+,)*)(\w*)$/.exec(prefix);
  if (codes) {
    // The regular expressions' groups here always take part in a match.
    const from = pos.character - codes[2]!.length;
    const used = new Set(codes[1]!.split(',').filter(Boolean));
    const hadolint = /hadolint/.test(prefix);
    return RULES.filter(
      (r) =>
        !used.has(r.code) &&
        (hadolint ? /^DL/.test(r.code) || r.aliases?.some((a) => /^DL/.test(a)) : r.family === 'buildkit'),
    ).map((r) =>
      item(
        hadolint && !/^DL/.test(r.code) ? r.aliases!.find((a) => /^DL/.test(a))! : r.code,
        CompletionItemKind.Value,
        range(pos.line, from, pos.character),
        { detail: l10n.t('{0} rule', r.family) },
      ),
    );
  }
  const onlyDirectivesAbove =
    pos.line < firstInstruction && model.lines.slice(0, pos.line).every((l) => /^\s*#\s*\w+\s*=/.test(l));
  const value = /^(syntax|escape|check)\s*=\s*(\S*)$/i.exec(text);
  if (onlyDirectivesAbove && value) {
    const r = range(pos.line, pos.character - value[2]!.length, pos.character);
    return (DIRECTIVE_VALUES[value[1]!.toLowerCase()] ?? []).map(([v, doc]) =>
      item(v, CompletionItemKind.Value, r, { documentation: translated(doc) }),
    );
  }
  if (onlyDirectivesAbove && /^\w*$/.test(text)) {
    const from = pos.character - text.length;
    return Object.entries(DIRECTIVE_DOCS)
      .filter(([name]) => !model.directives.some((d) => d.name === name && d.range.start.line !== pos.line))
      .map(([name, d]) =>
        item(name, CompletionItemKind.Keyword, range(pos.line, from, pos.character), {
          insertText: d.snippet,
          insertTextFormat: InsertTextFormat.Snippet,
          documentation: { kind: MarkupKind.Markdown, value: translated(d.summary) },
        }),
      );
  }
  return [];
}

/** Where in an instruction's arguments the cursor is: the word being typed, and how many arguments come before. */
interface ArgumentPosition {
  word: string;
  wordStart: number;
  replace: Range;
  argIndex: number;
  /** The file writes its keywords in lower case. */
  lower: boolean;
}

/** An instruction's arguments (not its flags): what each instruction accepts at that position. */
function argumentItems(
  model: DockerfileModel,
  target: Instruction,
  { word, wordStart, replace, argIndex, lower }: ArgumentPosition,
  pos: Position,
  env: CompletionEnv,
): CompletionItem[] {
  switch (target.name) {
    case 'FROM':
      if (argIndex === 0) return imageItems(model, target, word, replace, env);
      if (argIndex === 1)
        return [
          item(lower ? 'as' : 'AS', CompletionItemKind.Keyword, replace, {
            insertText: `${lower ? 'as' : 'AS'} \${1:name}`,
            insertTextFormat: InsertTextFormat.Snippet,
          }),
        ];
      return [];
    case 'EXPOSE': {
      const port = /^(\d+(?:-\d+)?)\/(\w*)$/.exec(word);
      if (!port) return [];
      const from = wordStart + port[1]!.length + 1;
      return ['tcp', 'udp', 'sctp'].map((p) =>
        item(p, CompletionItemKind.EnumMember, range(pos.line, from, pos.character)),
      );
    }
    case 'HEALTHCHECK':
      if (argIndex !== 0) return [];
      return [
        item('CMD', CompletionItemKind.Keyword, replace, {
          insertText: 'CMD ${1:command}',
          insertTextFormat: InsertTextFormat.Snippet,
          documentation: l10n.t('The command that checks the container; exit code 0 means healthy.'),
        }),
        item('NONE', CompletionItemKind.Keyword, replace, {
          documentation: l10n.t('Disables any healthcheck inherited from the base image.'),
        }),
      ];
    case 'LABEL': {
      // At a key (not after `=` of the same word): the OCI annotation keys not yet set in this file.
      if (word.includes('=')) return [];
      const used = new Set(model.instructions.flatMap((i) => (i.name === 'LABEL' ? i.pairs.map((p) => p.key) : [])));
      return Object.entries(OCI_LABELS)
        .filter(([k]) => !used.has(`org.opencontainers.image.${k}`))
        .map(([k, doc]) =>
          item(`org.opencontainers.image.${k}`, CompletionItemKind.Property, replace, {
            insertText: `org.opencontainers.image.${k}="\${1}"`,
            insertTextFormat: InsertTextFormat.Snippet,
            documentation: translated(doc),
          }),
        );
    }
    case 'STOPSIGNAL':
      return argIndex === 0 ? SIGNALS.map((s) => item(s, CompletionItemKind.EnumMember, replace)) : [];
    case 'ARG':
      // Re-declaring a global ARG (or a predefined one) makes it usable in this stage.
      if (target.stage < 0) return [];
      return [...new Set([...model.globalArgs.map((d) => d.name), ...PREDEFINED_ARGS])].map((n) =>
        item(n, CompletionItemKind.Variable, replace, {
          detail: model.globalArgs.some((d) => d.name === n) ? l10n.t('global ARG') : l10n.t('predefined'),
        }),
      );
    case 'COPY':
    case 'ADD':
      // Sources come from the build context, unless --from names a stage or an image.
      if (
        target.form === 'exec' ||
        !env.listContext ||
        /^(https?|git)[:@]/.test(word) ||
        target.flags.some((f) => f.name === 'from')
      )
        return [];
      return pathItems(word, pos, env.listContext);
    default:
      return [];
  }
}

/** The language in completion items' resolve data; their keys name an instruction, as `instruction:RUN`. */
export const DOCKERFILE_LANGUAGE = 'dockerfile';
const INSTRUCTION_KEY = 'instruction:';

/** An instruction's documentation in its completion item: what it does, and an example. */
function instructionDocumentation(name: string): MarkupContent | undefined {
  const doc = Object.hasOwn(INSTRUCTION_DOCS, name) ? INSTRUCTION_DOCS[name] : undefined;
  return (
    doc && {
      kind: MarkupKind.Markdown,
      value: `${translated(doc.summary)}\n\n\`\`\`dockerfile\n${doc.example}\n\`\`\``,
    }
  );
}

/**
 * The documentation of an item from the key of its `data` (completionItem/resolve): the same as it had inline. Only
 * instructions travel without theirs: they are most of the bytes of an answer (a summary and an example each); the
 * other items' documentation is a sentence or none.
 */
export function dockerfileCompletionDocumentation(key: string): MarkupContent | undefined {
  return key.startsWith(INSTRUCTION_KEY) ? instructionDocumentation(key.slice(INSTRUCTION_KEY.length)) : undefined;
}

function instructionItems(replace: Range, lower: boolean, where: 'start' | 'any' | 'onbuild'): CompletionItem[] {
  const names =
    where === 'start'
      ? ['FROM', 'ARG']
      : KNOWN_INSTRUCTIONS.filter((n) => where !== 'onbuild' || !NOT_IN_ONBUILD.has(n));
  return names.map((name, i) => {
    const doc = INSTRUCTION_DOCS[name]!; // every known instruction has its page
    const kw = lower ? name.toLowerCase() : name;
    return item(kw, CompletionItemKind.Keyword, replace, {
      insertText: `${kw} ${doc.snippet}`,
      insertTextFormat: InsertTextFormat.Snippet,
      detail: doc.syntax[0],
      documentation: instructionDocumentation(name),
      data: { language: DOCKERFILE_LANGUAGE, key: `${INSTRUCTION_KEY}${name}` } satisfies CompletionData,
      tags: name === 'MAINTAINER' ? [1] : undefined,
      sortText: `${name === 'MAINTAINER' ? 'z' : 'a'}${String(i).padStart(2, '0')}`,
    });
  });
}

function flagItems(inst: Instruction, replace: Range): CompletionItem[] {
  const used = new Set(inst.flags.map((f) => f.name));
  return (FLAGS[inst.name] ?? [])
    .filter((f) => f.repeatable || !used.has(f.name))
    .map((f) => {
      const valued = f.kind !== 'bool';
      return item(`--${f.name}`, CompletionItemKind.Property, replace, {
        insertText: valued ? `--${f.name}=` : `--${f.name}`,
        documentation: flagDoc(inst.name, f.name),
        command: valued ? { title: 'values', command: 'editor.action.triggerSuggest' } : undefined,
      });
    });
}

function earlierStages(model: DockerfileModel, inst: Instruction): { label: string; detail: string }[] {
  const out: { label: string; detail: string }[] = [];
  for (const s of model.stages) {
    if (s.index >= inst.stage && inst.stage >= 0) break;
    if (s.name) out.push({ label: s.name, detail: l10n.t('stage {0}: FROM {1}', s.index, s.base) });
    out.push({
      label: String(s.index),
      detail: l10n.t('stage {0}{1}: FROM {2}', s.index, s.name ? ` (${s.name})` : '', s.base),
    });
  }
  return out;
}

function flagValueItems(
  model: DockerfileModel,
  inst: Instruction,
  name: string,
  value: string,
  pos: Position,
  env: CompletionEnv,
): CompletionItem[] {
  const valueRange = range(pos.line, pos.character - value.length, pos.character);
  const values = (list: readonly string[], kind: CompletionItemKind = CompletionItemKind.Value) =>
    list.map((v) => item(v, kind, valueRange));
  const spec = flagSpec(inst.name, name);
  if (!spec) return [];
  // Kinds answered with a few common values (others are valid too; the diagnostics say which).
  const suggested: Partial<Record<typeof spec.kind, readonly string[]>> = {
    platform: PLATFORMS,
    chmod: CHMODS,
    duration: DURATIONS,
    int: ['3', '5'],
    bool: ['true', 'false'],
  };
  const common = suggested[spec.kind];
  if (common) return values(common);
  switch (spec.kind) {
    case 'enum':
      return values(spec.values ?? [], CompletionItemKind.EnumMember);
    case 'checksum':
      return [
        item('sha256:', CompletionItemKind.Value, valueRange, {
          insertText: 'sha256:${1:digest}',
          insertTextFormat: InsertTextFormat.Snippet,
        }),
      ];
    case 'mount':
      return mountItems(model, inst, value, pos);
    default:
      if (name === 'from') {
        const stages = earlierStages(model, inst).map((s) =>
          item(s.label, CompletionItemKind.Reference, valueRange, { detail: s.detail }),
        );
        return [
          ...stages,
          ...imageItems(model, inst, value, valueRange, env).filter((i) => i.kind !== CompletionItemKind.Reference),
        ];
      }
      return [];
  }
}

function mountItems(model: DockerfileModel, inst: Instruction, value: string, pos: Position): CompletionItem[] {
  const fields = mountFields(value);
  const current = value.slice(value.lastIndexOf(',') + 1);
  const type = fields.find((f) => f.key === 'type')?.value || 'bind';
  const eq = current.indexOf('=');
  if (eq < 0) {
    const used = new Set(fields.slice(0, -1).map((f) => f.key));
    const typeKeys = (Object.hasOwn(MOUNT_KEYS, type) && MOUNT_KEYS[type]) || [];
    const keys = (used.has('type') ? typeKeys : ['type', ...typeKeys.filter((k) => k !== 'type')]).filter(
      (k) => !used.has(k) && !['dst', 'destination', 'src', 'ro', 'readwrite'].includes(k),
    );
    return keys.map((k, i) =>
      item(k, CompletionItemKind.Property, range(pos.line, pos.character - current.length, pos.character), {
        insertText: ['readonly', 'rw', 'required'].includes(k) ? k : `${k}=`,
        documentation: MOUNT_KEY_DOCS[k] && translated(MOUNT_KEY_DOCS[k]),
        sortText: String(i).padStart(2, '0'),
        command:
          k === 'type' || k === 'sharing' || k === 'from'
            ? { title: 'values', command: 'editor.action.triggerSuggest' }
            : undefined,
      }),
    );
  }
  const key = current.slice(0, eq).toLowerCase();
  const partial = current.slice(eq + 1);
  const r = range(pos.line, pos.character - partial.length, pos.character);
  if (key === 'type')
    return MOUNT_TYPES.map((t) =>
      item(t, CompletionItemKind.EnumMember, r, { documentation: translated(MOUNT_TYPE_DOCS[t]!) }),
    );
  if (key === 'sharing') return MOUNT_SHARING.map((s) => item(s, CompletionItemKind.EnumMember, r));
  if (key === 'from')
    return earlierStages(model, inst).map((s) => item(s.label, CompletionItemKind.Reference, r, { detail: s.detail }));
  if (key === 'target' && type === 'cache')
    return ['/root/.cache', '/var/cache/apt', '/root/.npm', '/go/pkg/mod', '/root/.m2'].map((p) =>
      item(p, CompletionItemKind.Folder, r),
    );
  return [];
}

export const MOUNT_TYPE_DOCS: Readonly<Record<string, string>> = {
  bind: 'Files of the build context or of a stage/image, read-only by default.',
  cache: 'A directory kept between builds, for package-manager and compiler caches.',
  tmpfs: 'An empty in-memory directory.',
  secret: 'A secret given with `--secret id=…`, as a file (or env var) that never lands in a layer.',
  ssh: 'The SSH agent socket given with `--ssh`, e.g. for private Git clones.',
};

function imageItems(
  model: DockerfileModel,
  inst: Instruction,
  word: string,
  replace: Range,
  env: CompletionEnv,
): CompletionItem[] {
  const images = env.engineImages();
  const colon = word.lastIndexOf(':');
  if (colon > word.lastIndexOf('/') && colon > 0) {
    const repo = word.slice(0, colon);
    const found = images.find((i) => i.repository === repo);
    return (found?.tags ?? []).map((t, i) =>
      item(`${repo}:${t}`, CompletionItemKind.Constant, replace, {
        detail: l10n.t('tag in the local engine'),
        sortText: t === 'latest' ? 'zz' : String(i).padStart(4, '0'),
        filterText: `${repo}:${t}`,
      }),
    );
  }
  const stages =
    inst.name === 'FROM'
      ? model.stages
          .filter((s) => s.index < inst.stage && s.name)
          .map((s) =>
            item(s.name!, CompletionItemKind.Reference, replace, {
              detail: l10n.t('stage {0}: FROM {1}', s.index, s.base),
              sortText: `0${s.name}`,
            }),
          )
      : [];
  const repos = images
    .filter((i) => i.repository && i.repository !== '<none>')
    .map((i) =>
      item(i.repository, CompletionItemKind.Module, replace, {
        detail: i.tags.length === 1 ? l10n.t('local image (1 tag)') : l10n.t('local image ({0} tags)', i.tags.length),
        sortText: `1${i.repository}`,
        insertText: `${i.repository}:`,
        command: { title: 'tags', command: 'editor.action.triggerSuggest' },
      }),
    );
  return [...stages, ...repos];
}

/** `$`/`${` followed by a partial name at the cursor → the variables visible there. */
function variableItems(
  model: DockerfileModel,
  inst: Instruction,
  prefix: string,
  pos: Position,
): CompletionItem[] | undefined {
  const m = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(prefix);
  if (!m || prefix.endsWith(`${model.escapeChar}$`)) return undefined;
  const partial = m[2] ?? '';
  const replace = range(pos.line, pos.character - partial.length, pos.character);
  const seen = new Map<string, CompletionItem>();
  for (const d of visibleDeclarations(model, inst)) {
    seen.set(
      d.name,
      item(d.name, CompletionItemKind.Variable, replace, {
        detail: `${d.kind}${d.value !== undefined ? `=${d.value}` : ''}`,
        documentation: l10n.t(
          'Declared on line {0}{1}.',
          d.nameRange.start.line + 1,
          d.scope < 0 ? l10n.t(' (global)') : '',
        ),
        sortText: `0${d.name}`,
      }),
    );
  }
  for (const name of PREDEFINED_ARGS) {
    if (!seen.has(name))
      seen.set(
        name,
        item(name, CompletionItemKind.Constant, replace, {
          detail: l10n.t('predefined build arg'),
          documentation: predefinedArgDoc(name),
          sortText: `1${name}`,
        }),
      );
  }
  return [...seen.values()];
}

/** Declarations a reference at `inst` can see: global ARGs in FROM; else the stage's own earlier ones and inherited ENVs. */
export function visibleDeclarations(model: DockerfileModel, inst: Instruction): Declaration[] {
  if (inst.name === 'FROM' || inst.stage < 0) return model.globalArgs.filter((d) => d.instruction.index < inst.index);
  const out: Declaration[] = [];
  const seen = new Set<number>();
  for (let s: number | undefined = inst.stage; s !== undefined && !seen.has(s); s = model.stages[s]?.baseStage) {
    const own = s === inst.stage;
    seen.add(s);
    out.push(
      ...model.declarations.filter((d) => d.scope === s && (own ? d.instruction.index < inst.index : d.kind === 'ENV')),
    );
  }
  return out.reverse();
}

function pathItems(
  word: string,
  pos: Position,
  list: (dir: string) => { name: string; isDirectory: boolean }[],
): CompletionItem[] {
  if (word.startsWith('-') || word.includes('$') || word.startsWith('/')) return [];
  const slash = word.lastIndexOf('/');
  const dir = slash >= 0 ? word.slice(0, slash) : '';
  const replace = range(pos.line, pos.character - (word.length - slash - 1), pos.character);
  return list(dir)
    .filter((e) => e.name !== '.git')
    .map((e) =>
      item(
        e.isDirectory ? `${e.name}/` : e.name,
        e.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
        replace,
        {
          command: e.isDirectory ? { title: 'more', command: 'editor.action.triggerSuggest' } : undefined,
        },
      ),
    );
}
