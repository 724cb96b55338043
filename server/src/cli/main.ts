// `berth lint`: Berth's Dockerfile, Compose and .dockerignore checks outside the editor, for CI. The same pure
// services as the language server; this file only reads the command line, prints and sets the exit code.
//   berth lint [paths, folders or globs…] [--format text|json|sarif|github] [--fail-on error|warning|info|hint|none]
//              [--rule CODE=severity]… [--env-file FILE]… [--config .berth.json] [--locale en|zh-cn]
import { parseArgs } from 'node:util';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleSeverity } from '../lsp/settings';
import { setRulesDocument } from '../dockerfile/rules/catalog';
import { FAIL_ON, findBerthJson, lintSettings, parseBerthJson, type FailOn } from './config';
import { discover } from './discover';
import { FORMATS, formatGithub, formatJson, formatSarif, formatText, severityOf, type Format } from './formats';
import { lintFiles } from './lint';
import { useLocale } from '../l10n/locale';
import { readFileSync } from 'node:fs';

export const VERSION = '0.1.0';
const SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'hint', 'off'];
// `off` ranks below everything, so failing on it fails on nothing.
const RANK: Record<RuleSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3, off: -1 };

export const USAGE = `Usage: berth lint [paths, folders or globs…] [options]

Checks Dockerfiles, Compose files and .dockerignore files as the Berth extension does. A folder is searched for
all three (node_modules and .git are skipped); with no path, the current folder. Settings come from the nearest
.berth.json and, for Dockerfiles, the nearest .hadolint.yaml (its failure-threshold applies when neither
--fail-on nor .berth.json sets one); the command line wins.

Options:
  --format text|json|sarif|github   output format (default: text)
  --fail-on error|warning|info|hint|none
                                    exit 1 when a problem is this severe or more (default: error)
  --rule CODE=SEVERITY              set a rule's severity (error, warning, info, hint, off); repeatable
  --env-file FILE                   env file for Compose interpolation, instead of the .env beside it; repeatable
  --config FILE                     settings file (default: the nearest .berth.json)
  --locale en|zh-cn                 language of the messages (default: en; zh-cn, zh-hans: Chinese)
  -h, --help                        show this help
  --version                         show Berth's version
Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 on a usage error.
`;

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Runs `berth lint` with the arguments after `lint`; resolves to the exit status. */
export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        rule: { type: 'string', multiple: true },
        'env-file': { type: 'string', multiple: true },
        config: { type: 'string' },
        locale: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    io.stderr(`berth lint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const usage = (message: string) => {
    io.stderr(`berth lint: ${message}\n`);
    return 2;
  };
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'] as FailOn | undefined;
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) return usage(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const rules: Record<string, RuleSeverity> = {};
  for (const r of values.rule ?? []) {
    const m = /^([\w.-]+)=(\w+)$/.exec(r);
    if (!m || !SEVERITIES.includes(m[2] as RuleSeverity))
      return usage(`--rule ${r}: write CODE=SEVERITY, the severity one of ${SEVERITIES.join(', ')}`);
    rules[m[1]!] = m[2] as RuleSeverity;
  }

  let settings;
  let targets;
  try {
    const configFile = values.config ? path.resolve(io.cwd, values.config) : findBerthJson(io.cwd);
    const fromFile = configFile ? parseBerthJson(readFileSync(configFile, 'utf8'), configFile) : undefined;
    settings = lintSettings(fromFile, {
      rules,
      envFiles: (values['env-file'] ?? []).map((f) => path.resolve(io.cwd, f)),
      failOn,
    });
    targets = await discover(positionals, io.cwd);
  } catch (e) {
    return usage((e as Error).message);
  }

  useLocale(values.locale);
  const results = lintFiles(targets, settings);
  const tool = { name: 'berth', version: VERSION };
  const out =
    format === 'json'
      ? formatJson(results, io.cwd)
      : format === 'sarif'
        ? formatSarif(results, io.cwd, tool)
        : format === 'github'
          ? formatGithub(results, io.cwd)
          : formatText(results, io.cwd);
  io.stdout(out);
  const failed = results.some((r) => {
    const failOn = r.failOn ?? settings.failOn;
    return failOn !== 'none' && (!!r.refused || r.diagnostics.some((d) => RANK[severityOf(d)] <= RANK[failOn]));
  });
  return failed ? 1 : 0;
}

/** The `berth` command: `berth lint …` (the only subcommand so far). */
export async function main(argv: readonly string[]): Promise<number> {
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  };
  const [command, ...rest] = argv;
  if (command === 'lint') return runLint(rest, io);
  if (command === '--version') return runLint(['--version'], io);
  io.stderr(command && command !== '-h' && command !== '--help' ? `berth: unknown command "${command}"\n\n` : '');
  io.stdout(USAGE);
  return command && command !== '-h' && command !== '--help' ? 2 : 0;
}

if (require.main === module) {
  // Rule links point at the README shipped next to dist/cli.js (the package or a checkout).
  setRulesDocument(pathToFileURL(path.resolve(__dirname, '..', 'README.md')).href);
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
