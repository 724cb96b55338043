// The Dockerfile model: what the parser (parser.ts) and the semantic pass (semantic.ts) produce, and what every
// feature (diagnostics, completion, hover, navigation, compose cross-checks) reads. Stable API: add, don't rename.
// All ranges are LSP ranges (0-based line, UTF-16 character) into the document text.
import type { Range } from 'vscode-languageserver-types';

/** A run of text on the document with its range. `value` is the raw text with line continuations removed. */
export interface Word {
  value: string;
  range: Range;
}

/** `# key=value` at the top of the file (syntax, escape, check, or any other key — unknown ones are kept too). */
export interface Directive {
  /** Lower-cased key. */
  name: string;
  value: string;
  range: Range;
  nameRange: Range;
  valueRange: Range;
}

export interface Comment {
  /** Text after the `#`, untrimmed. */
  text: string;
  range: Range;
  /** True for a comment inside a continued instruction (allowed, and skipped by the builder). */
  inContinuation: boolean;
}

/** A `--name[=value]` flag at the start of an instruction's arguments. */
export interface Flag {
  /** Name without the dashes, as written (BuildKit flags are case-sensitive). */
  name: string;
  /** Range of the whole flag, dashes included. */
  range: Range;
  nameRange: Range;
  /** Undefined for a bare `--link`; '' for `--link=`. */
  value?: string;
  valueRange?: Range;
}

/** A `<<EOF` (or `<<-EOF`, `<<"EOF"`, `<<'EOF'`) and the body lines that follow the instruction. */
export interface Heredoc {
  delimiter: string;
  /** The delimiter was quoted: the body is taken literally (no variable expansion). */
  quoted: boolean;
  /** `<<-`: leading tabs are stripped from the body and the closing line. */
  chomp: boolean;
  /** Range of the `<<…` marker in the instruction line. */
  markerRange: Range;
  /** Body text as written (lines joined with '\n', no closing line). */
  body: string;
  /** From the first body line to the end of the last one; empty range just after the marker line if no body. */
  bodyRange: Range;
  /** The closing delimiter line; undefined when the heredoc is unterminated. */
  closeRange?: Range;
  terminated: boolean;
}

/** A `key=value` (or legacy `key value`) pair of ENV, LABEL or ARG. */
export interface KeyValue {
  key: string;
  keyRange: Range;
  /** Raw value (quotes kept); undefined for `ARG NAME` without default. */
  value?: string;
  valueRange?: Range;
  /** Written in the legacy whitespace-separated form (`ENV KEY value`). */
  legacy: boolean;
  range: Range;
}

export type InstructionForm = 'exec' | 'shell' | 'none';

export interface Instruction {
  /** Position in model.instructions (ONBUILD's inner instruction has the index of its wrapper). */
  index: number;
  /** Keyword as written. */
  keyword: string;
  /** Upper-cased keyword (e.g. 'RUN'); may be an unknown word for an unknown instruction. */
  name: string;
  keywordRange: Range;
  /** Whole instruction: keyword, continuation lines and heredoc bodies. */
  range: Range;
  /** Everything after the keyword, continuations joined (comment/empty lines inside are dropped). */
  argsText: string;
  /** Range of argsText; an empty range after the keyword when there are no arguments. */
  argsRange: Range;
  flags: Flag[];
  /** Whitespace-separated words after the flags (quotes respected, kept in the value). */
  args: Word[];
  /** Text after the flags (continuations joined). */
  body: string;
  bodyRange: Range;
  /** 'exec' when the body is a JSON array of strings; 'shell' otherwise for RUN/CMD/ENTRYPOINT/SHELL/COPY/ADD/VOLUME/HEALTHCHECK CMD. */
  form: InstructionForm;
  /** The strings of the JSON array in exec form, with their ranges (value is the decoded string). */
  execArgs?: Word[];
  /** Why a body that looks like JSON is not: 'singleQuotes' (runs as shell form) or 'invalid'. */
  jsonProblem?: { kind: 'singleQuotes' | 'invalid'; message: string };
  /** key=value pairs for ENV, LABEL, ARG. */
  pairs: KeyValue[];
  heredocs: Heredoc[];
  /** For ONBUILD: the wrapped instruction (its ranges are in the document as well). */
  onbuild?: Instruction;
  /** First and last document line of the instruction (heredoc bodies included). */
  startLine: number;
  endLine: number;
  /** Empty lines inside the continuation (NoEmptyContinuation). */
  emptyContinuationLines: number[];
  /** Stage index; -1 before the first FROM. */
  stage: number;
}

/** A variable reference `$V`, `${V}`, `${V:-x}`, `${V#p}` … */
export interface VariableRef {
  name: string;
  /** Range of the whole reference (`${V:-x}`). */
  range: Range;
  nameRange: Range;
  /** The operator and word after the name inside braces, e.g. ':-x', '#p'; undefined for `$V` / `${V}`. */
  modifier?: string;
  /** The modifier provides a value when V is unset (`-`, `:-`, `=`, `:=`, `?`, `:?`, `+`, `:+`): never "undefined". */
  guarded: boolean;
  /** The instruction that contains it (top-level; for ONBUILD the wrapper). */
  instruction: Instruction;
  /** The builder expands it (FROM, COPY, ENV, WORKDIR …); false for RUN/CMD/ENTRYPOINT and heredoc bodies (the shell does). */
  expandedByBuilder: boolean;
  /** Inside a heredoc body. */
  inHeredoc: boolean;
  /** Stage index, -1 in FROM lines and global ARGs (FROM refs resolve against global ARGs). */
  scope: number;
}

export interface Declaration {
  kind: 'ARG' | 'ENV';
  name: string;
  nameRange: Range;
  value?: string;
  valueRange?: Range;
  /** Stage index; -1 for a global ARG (before the first FROM). */
  scope: number;
  instruction: Instruction;
}

export interface Stage {
  index: number;
  /** Name as written after AS (undefined when unnamed). Compare case-insensitively: the builder lower-cases it. */
  name?: string;
  nameRange?: Range;
  /** The `AS` keyword range. */
  asRange?: Range;
  from: Instruction;
  /** The image or stage after FROM as written (may contain $VARs); '' when missing. */
  base: string;
  baseRange?: Range;
  /** Index of the earlier stage this one builds on (`FROM builder`). */
  baseStage?: number;
  platform?: Flag;
  /** Instructions of the stage, FROM first. */
  instructions: Instruction[];
  /** From the FROM to the end of the last instruction. */
  range: Range;
}

/** A problem the parser itself found (reported by the builder-error rules). */
export interface ParseProblem {
  code:
    | 'UnterminatedHeredoc'
    | 'InvalidEscapeDirective'
    | 'DuplicateDirective'
    | 'NoEmptyContinuation'
    | 'NestingTooDeep';
  message: string;
  range: Range;
}

export interface DockerfileModel {
  text: string;
  /** Document lines without their line breaks. */
  lines: string[];
  /** `\` or `` ` `` (from the escape directive). */
  escapeChar: string;
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  /** ARG and ENV declarations in document order. */
  declarations: Declaration[];
  /** ARGs before the first FROM. */
  globalArgs: Declaration[];
  references: VariableRef[];
  problems: ParseProblem[];
  /** The declaration a reference resolves to (scope-aware, stage inheritance included); undefined if none. */
  resolve(ref: VariableRef): Declaration | undefined;
  /** The stage named `name` (case-insensitive) or with that index as a decimal string. */
  stageByName(name: string): Stage | undefined;
}

/** The platform of the build and of its target, which BuildKit sets for every stage that declares them. */
export const PLATFORM_ARGS: readonly string[] = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
];

/** BuildKit's own switches, usable as build arguments without an ARG. */
export const BUILDKIT_ARGS: readonly string[] = [
  'TARGETSTAGE',
  'BUILDKIT_SYNTAX',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_CACHE_MOUNT_NS',
  'SOURCE_DATE_EPOCH',
];

/** Proxy variables every builder passes through without an ARG. */
export const PROXY_ARGS: readonly string[] = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

/** Build arguments the builder defines without an ARG in the global scope (usable in FROM; in a stage after `ARG NAME`). */
export const PREDEFINED_ARGS: readonly string[] = [...PLATFORM_ARGS, ...BUILDKIT_ARGS, ...PROXY_ARGS];

/** Instructions whose arguments the builder itself expands variables in. */
export const EXPANDING_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD',
  'COPY',
  'ENV',
  'EXPOSE',
  'FROM',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
  'ARG',
  'ONBUILD',
]);

export const KNOWN_INSTRUCTIONS: readonly string[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];
