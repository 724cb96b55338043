// Every rule Berth checks in a Dockerfile: its stable code, family, default severity and documentation link.
// Builder errors are what `docker build` rejects (Error); BuildKit checks keep BuildKit's names; hadolint rules keep
// their DL codes (never above Warning: a buildable file must get no Error); Berth's own rules close known traps.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo } from './types';

/** hadolint's codes for the checks that already have a builder or BuildKit name: a DL code in settings means these. */
const ALIASES: Readonly<Record<string, string[]>> = {
  CopyFromCurrentStage: ['DL3023'],
  JSONArgsRecommended: ['DL3025'],
  MaintainerDeprecated: ['DL4000'],
  WorkdirRelativePath: ['DL3000'],
};

const R = (code: string, family: RuleInfo['family'], severity: RuleInfo['severity']): RuleInfo => ({
  code,
  family,
  severity,
  aliases: ALIASES[code],
});

export const RULES: readonly RuleInfo[] = [
  // Errors the builder would reject.
  R('UnknownInstruction', 'builder', 'error'),
  R('MissingArguments', 'builder', 'error'),
  R('ExtraArguments', 'builder', 'error'),
  R('InvalidArgument', 'builder', 'error'),
  R('UnknownFlag', 'builder', 'error'),
  R('DuplicateFlag', 'builder', 'error'),
  R('InvalidFlagValue', 'builder', 'error'),
  R('InvalidJsonForm', 'builder', 'error'),
  R('InvalidKeyValue', 'builder', 'error'),
  R('InvalidPort', 'builder', 'error'),
  R('InvalidStageName', 'builder', 'error'),
  R('CopyFromUnknownStage', 'builder', 'error'),
  R('CopyFromCurrentStage', 'builder', 'error'),
  R('CopyFromLaterStage', 'builder', 'error'),
  R('OnbuildNotAllowed', 'builder', 'error'),
  R('InvalidEscapeDirective', 'builder', 'error'),
  R('DuplicateDirective', 'builder', 'error'),
  R('UnterminatedHeredoc', 'builder', 'error'),
  R('InstructionBeforeFrom', 'builder', 'error'),
  // BuildKit build checks.
  R('StageNameCasing', 'buildkit', 'warning'),
  R('FromAsCasing', 'buildkit', 'warning'),
  R('NoEmptyContinuation', 'buildkit', 'warning'),
  R('ConsistentInstructionCasing', 'buildkit', 'warning'),
  R('DuplicateStageName', 'buildkit', 'error'),
  R('ReservedStageName', 'buildkit', 'warning'),
  R('JSONArgsRecommended', 'buildkit', 'warning'),
  R('MaintainerDeprecated', 'buildkit', 'warning'),
  R('UndefinedArgInFrom', 'buildkit', 'warning'),
  R('WorkdirRelativePath', 'buildkit', 'warning'),
  R('UndefinedVar', 'buildkit', 'warning'),
  R('MultipleInstructionsDisallowed', 'buildkit', 'warning'),
  R('LegacyKeyValueFormat', 'buildkit', 'warning'),
  R('RedundantTargetPlatform', 'buildkit', 'info'),
  R('SecretsUsedInArgOrEnv', 'buildkit', 'warning'),
  R('InvalidDefaultArgInFrom', 'buildkit', 'warning'),
  R('FromPlatformFlagConstDisallowed', 'buildkit', 'warning'),
  R('InvalidBaseImagePlatform', 'buildkit', 'warning'),
  R('CopyIgnoredFile', 'buildkit', 'warning'),
  R('ExposeProtoCasing', 'buildkit', 'warning'),
  R('ExposeInvalidFormat', 'buildkit', 'warning'),
  R('InvalidDefinitionDescription', 'buildkit', 'warning'), // experimental: off unless `# check=experimental=` names it
  // hadolint best practices. DL3000, DL3023, DL3025 and DL4000 are aliases of the checks above (ALIASES); DL4003 and
  // DL4004 are aliases of one MultipleInstructionsDisallowed finding each, a second CMD or ENTRYPOINT (buildkit.ts).
  R('DL3002', 'hadolint', 'warning'),
  R('DL3003', 'hadolint', 'info'),
  R('DL3004', 'hadolint', 'warning'),
  R('DL3006', 'hadolint', 'warning'),
  R('DL3007', 'hadolint', 'warning'),
  R('DL3008', 'hadolint', 'off'),
  R('DL3009', 'hadolint', 'info'),
  R('DL3013', 'hadolint', 'info'),
  R('DL3014', 'hadolint', 'warning'),
  R('DL3015', 'hadolint', 'info'),
  R('DL3016', 'hadolint', 'info'),
  R('DL3018', 'hadolint', 'info'),
  R('DL3019', 'hadolint', 'info'),
  R('DL3020', 'hadolint', 'warning'),
  R('DL3022', 'hadolint', 'warning'),
  R('DL3027', 'hadolint', 'warning'),
  R('DL3042', 'hadolint', 'info'),
  R('DL3059', 'hadolint', 'info'),
  R('DL3060', 'hadolint', 'info'),
  R('DL4001', 'hadolint', 'warning'),
  R('DL4006', 'hadolint', 'warning'),
  // The rest of hadolint's DL set (hadolint-*.ts). Version pins and cache clean-ups are Info, as DL3013/DL3009 are;
  // DL1001 and DL3057 are off, as in hadolint; DL3066 too (USER nobody, node, app… is the common good practice).
  R('DL1001', 'hadolint', 'off'),
  R('DL3001', 'hadolint', 'info'),
  R('DL3010', 'hadolint', 'info'),
  R('DL3021', 'hadolint', 'warning'),
  R('DL3026', 'hadolint', 'warning'),
  R('DL3028', 'hadolint', 'info'),
  R('DL3029', 'hadolint', 'warning'),
  R('DL3030', 'hadolint', 'warning'),
  R('DL3032', 'hadolint', 'info'),
  R('DL3033', 'hadolint', 'info'),
  R('DL3034', 'hadolint', 'warning'),
  R('DL3035', 'hadolint', 'warning'),
  R('DL3036', 'hadolint', 'info'),
  R('DL3037', 'hadolint', 'info'),
  R('DL3038', 'hadolint', 'warning'),
  R('DL3040', 'hadolint', 'info'),
  R('DL3041', 'hadolint', 'info'),
  R('DL3044', 'hadolint', 'warning'),
  R('DL3045', 'hadolint', 'warning'),
  R('DL3046', 'hadolint', 'warning'),
  R('DL3047', 'hadolint', 'info'),
  R('DL3048', 'hadolint', 'hint'),
  R('DL3049', 'hadolint', 'info'),
  R('DL3050', 'hadolint', 'info'),
  R('DL3051', 'hadolint', 'warning'),
  R('DL3052', 'hadolint', 'warning'),
  R('DL3053', 'hadolint', 'warning'),
  R('DL3054', 'hadolint', 'warning'),
  R('DL3055', 'hadolint', 'warning'),
  R('DL3056', 'hadolint', 'warning'),
  R('DL3057', 'hadolint', 'off'),
  R('DL3058', 'hadolint', 'warning'),
  R('DL3062', 'hadolint', 'info'),
  R('DL3064', 'hadolint', 'warning'),
  R('DL3066', 'hadolint', 'off'),
  R('DL3067', 'hadolint', 'warning'),
  R('DL4005', 'hadolint', 'warning'),
  // Berth's own.
  R('AptUpdateAlone', 'berth', 'warning'),
  R('AddRemoteUrl', 'berth', 'info'),
  R('SingleQuotedExecForm', 'berth', 'warning'),
  R('NestingTooDeep', 'berth', 'warning'),
  R('MalformedExecForm', 'berth', 'warning'),
  R('InvalidOnbuildTrigger', 'berth', 'warning'),
  R('InvalidCheckDirective', 'berth', 'warning'),
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

/**
 * The README documents Berth's own rules and the builder errors. It ships beside the server (in the VSIX and in a
 * checkout), so links point at that copy: they work offline and never at a web page we do not control.
 * server.ts sets it from its own location; the default fits the source tree (tests run from it).
 */
let rulesDoc = pathToFileURL(path.resolve(__dirname, '../../../../README.md')).href;
export function setRulesDocument(url: string): void {
  rulesDoc = url;
}
/** The document the links of Berth's own rules point into (the README shipped beside the server or the CLI). */
export function rulesDocument(): string {
  return rulesDoc;
}

export function kebab(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Where a rule is explained: BuildKit's, hadolint's and ShellCheck's own pages for theirs, the README for Berth's. */
export function ruleHref(code: string): string {
  const info = BY_CODE.get(code);
  if (info?.family === 'buildkit') return `https://docs.docker.com/reference/build-checks/${kebab(code)}/`;
  if (/^DL\d{4}$/.test(code)) return `https://github.com/hadolint/hadolint/wiki/${code}`;
  if (/^SC\d{4}$/.test(code)) return `https://www.shellcheck.net/wiki/${code}`;
  return `${rulesDoc}#dockerfile-${kebab(code)}`;
}
