// Shapes shared by the Dockerfile rules and their consumers (diagnostics mapping, quick fixes in the editing features).
// Every Diagnostic Berth publishes for a Dockerfile has `code` = the rule code and `data` = DiagnosticData below.
import type { Position, Range } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../lsp/settings';
import type { DockerfileModel, Instruction } from '../parse/model';
import type { RunScript } from '../shell';
import type { HadolintRuleOptions } from './hadolint-config';
import type { EngineImage } from '../../lsp/adapter';

/** The local engine's images with their platforms (`os/arch[/variant]`), and the engine's own platform. */
export interface LocalImages {
  images: readonly EngineImage[];
  enginePlatform?: string;
}

export type RuleFamily = 'builder' | 'buildkit' | 'hadolint' | 'berth' | 'shellcheck';

export interface RuleInfo {
  code: string;
  family: RuleFamily;
  severity: Exclude<RuleSeverity, 'off'> | 'off';
  /** Other codes that name the same check (e.g. hadolint's DL3025 = BuildKit's JSONArgsRecommended). */
  aliases?: readonly string[];
}

/**
 * Quick-fix payloads, by `fix.kind`. Positions and ranges are document coordinates.
 *  - replace:        replace `range` with `text` (did-you-mean flag/instruction/stage/variable, casing, EXPOSE protocol …)
 *  - insertText:     insert `text` at `at` (e.g. ` --no-install-recommends`, ` -y`, ` --no-cache`, ` --no-cache-dir`)
 *  - execForm:       replace `range` (the shell-form command) by the JSON array of `args`
 *  - maintainer:     replace the MAINTAINER instruction `range` by `LABEL org.opencontainers.image.authors="<author>"`
 *  - keyValue:       legacy `ENV K v` → replace `range` with `K=<value>` (value quoted when it has spaces)
 *  - pipefail:       insert `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` + newline at `at` (start of the stage's first RUN line)
 *  - pinImage:       FROM image lacks a tag or uses latest: `image` (as written, without tag), `range` of the image word
 *  - aptJoin:        `range` of the RUN holding a lone `apt-get update`; `installLine` of the next RUN with apt-get install, if any
 */
export type FixData =
  | { kind: 'replace'; range: Range; text: string }
  | { kind: 'insertText'; at: Position; text: string }
  | { kind: 'execForm'; range: Range; args: string[] }
  | { kind: 'maintainer'; range: Range; author: string }
  | { kind: 'keyValue'; range: Range; key: string; value: string }
  | { kind: 'pipefail'; at: Position }
  | { kind: 'pinImage'; range: Range; image: string; tag?: string }
  | { kind: 'aptJoin'; range: Range; installLine?: number };

export interface DiagnosticData {
  /** The rule code (same as Diagnostic.code). */
  rule: string;
  family: RuleFamily;
  /** Codes that also name this check; a suppression or setting for any of them applies. */
  aliases?: string[];
  /** Line of the instruction the diagnostic belongs to (where a `# hadolint ignore=` comment goes above). */
  instructionLine?: number;
  fix?: FixData;
}

/** What a rule reports; the diagnostics module adds severity, source, codeDescription and suppression. */
export interface Finding {
  code: string;
  range: Range;
  message: string;
  fix?: FixData;
  /** Extra alias codes for this one finding (e.g. DL4003 for a second CMD, DL4004 for a second ENTRYPOINT). */
  aliases?: string[];
  unnecessary?: boolean;
  deprecated?: boolean;
  /** For codes the catalog does not list (ShellCheck's SCxxxx): their default severity and family. */
  severity?: Exclude<RuleSeverity, 'off'>;
  family?: RuleFamily;
}

export interface RuleInput {
  model: DockerfileModel;
  /** Contents of the build context's .dockerignore (or <Dockerfile>.dockerignore), when there is one. */
  dockerignore?: string;
  /** What the client reported of the local engine's images and platform; absent in the CLI and without an engine. */
  localImages?: LocalImages;
  report(f: Finding): void;
  /** The shell script of a RUN (memoised for the pass; see shell.ts runScript). */
  script(inst: Instruction): RunScript | undefined;
  /** What a `.hadolint.yaml` sets for the DL rules (trusted registries, label schema); absent: hadolint's defaults. */
  hadolint?: HadolintRuleOptions;
  /**
   * False when no finding of `code` can reach the diagnostics, wherever it is: the check is off for the whole file (off
   * by default or by setting, ignored globally, or an experimental BuildKit check that no `# check=` enables). Rules
   * skip the work of such checks; their findings would be dropped anyway. Absent: every check may report.
   */
  mayReport?(code: string): boolean;
}

/** Whether a rule should look for `code` at all (RuleInput.mayReport). */
export const wanted = (input: RuleInput, code: string): boolean => input.mayReport?.(code) ?? true;

export type Rule = (input: RuleInput) => void;
