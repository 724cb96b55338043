// BuildKit's 22 build checks, each with cases that must fire and close cases that must not, written from the
// triggering conditions in BuildKit's source (frontend/dockerfile/dockerfile2llb, instructions/parse.go, linter/).
// Then BuildKit's `# check=` configuration: skip, error, experimental, and a `# check=` comment above one instruction.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateDockerfile, type DockerfileDiagnosticsOptions } from '../../server/src/dockerfile/diagnostics';
import { RULES } from '../../server/src/dockerfile/rules/catalog';

const diags = (text: string, opts: DockerfileDiagnosticsOptions = {}) =>
  validateDockerfile(text, {
    ...opts,
    onRuleError: (_f, e) => {
      throw e;
    },
  });
/** `line:code` of the diagnostics with this code (lines 0-based). */
const hits = (code: string, text: string, opts?: DockerfileDiagnosticsOptions) =>
  diags(text, opts)
    .filter((d) => d.code === code)
    .map((d) => d.range.start.line);

interface Check {
  fires: [string, number[]][];
  silent: string[];
  opts?: DockerfileDiagnosticsOptions;
}

const CHECKS: Record<string, Check> = {
  StageNameCasing: {
    fires: [['FROM a:1 AS Build\n', [0]]],
    silent: ['FROM a:1 AS build\n', 'FROM a:1\n'],
  },
  FromAsCasing: {
    fires: [
      ['FROM a:1 as b\n', [0]],
      ['from a:1 AS b\n', [0]],
      ['FROM a:1 As b\n', [0]],
    ],
    // A FROM keyword in mixed case is ConsistentInstructionCasing's business, not this check's.
    silent: ['FROM a:1 AS b\n', 'from a:1 as b\n', 'From a:1 as b\n'],
  },
  NoEmptyContinuation: {
    fires: [
      ['FROM a:1\nRUN echo \\\n\n  hi\n', [2]],
      ['FROM a:1\nRUN echo \\\n   \n  hi\n', [2]],
      ['# escape=`\nFROM a:1\nRUN echo `\n\n  hi\n', [3]],
      ['FROM a:1\nRUN echo \\\n\n', [2]],
    ],
    silent: [
      'FROM a:1\nRUN echo \\\n  # a comment\n  hi\n',
      'FROM a:1\nRUN echo \\\n',
      'FROM a:1\nRUN echo\n\nRUN x\n',
    ],
  },
  ConsistentInstructionCasing: {
    fires: [
      ['FROM a:1\nRUN x\nrun y\nRUN z\n', [2]],
      ['from a:1\nrun x\nRUN y\n', [2]],
      ['FROM a:1\nRun x\n', [1]],
    ],
    // A tie goes to uppercase; ARGs before the first FROM are not counted (BuildKit counts stage instructions).
    silent: ['from a:1\nrun x\n', 'arg V=1\nARG W=2\nFROM a:$V\nRUN x\n', 'FROM a:1\nONBUILD run x\n'],
  },
  DuplicateStageName: {
    fires: [['FROM a:1 AS b\nFROM c:1 AS B\n', [1]]],
    silent: ['FROM a:1 AS b\nFROM c:1 AS c\n'],
  },
  ReservedStageName: {
    fires: [
      ['FROM a:1 AS scratch\n', [0]],
      ['FROM a:1 AS context\n', [0]],
    ],
    silent: ['FROM scratch AS base\n', 'FROM a:1 AS contexts\n'],
  },
  JSONArgsRecommended: {
    fires: [
      ['FROM a:1\nCMD node app.js\n', [1]],
      ['FROM a:1\nENTRYPOINT run.sh\n', [1]],
      ['FROM a:1\nCMD\n', [1]],
    ],
    silent: [
      'FROM a:1\nCMD ["node", "app.js"]\n',
      'FROM a:1\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT run.sh\n',
      'FROM a:1 AS base\nSHELL ["pwsh", "-c"]\nFROM base\nCMD run.ps1\n',
      'FROM a:1\nRUN make\n',
    ],
  },
  MaintainerDeprecated: {
    fires: [['FROM a:1\nMAINTAINER me\n', [1]]],
    silent: ['FROM a:1\nLABEL org.opencontainers.image.authors=me\n'],
  },
  UndefinedArgInFrom: {
    fires: [
      ['FROM alpine:$TAG\n', [0]],
      // BuildKit reports the name even when a modifier supplies a default.
      ['FROM ${IMAGE:-alpine}\n', [0]],
      ['FROM --platform=$PLAT a:1\n', [0]],
    ],
    silent: [
      'ARG TAG=3\nFROM alpine:$TAG\n',
      'FROM --platform=$BUILDPLATFORM a:1\n',
      'ARG TAG\nFROM alpine:${TAG:-3}\n',
    ],
  },
  WorkdirRelativePath: {
    fires: [['FROM a:1\nWORKDIR app\n', [1]]],
    silent: ['FROM a:1\nWORKDIR /app\nWORKDIR sub\n', 'FROM a:1\nWORKDIR $HOME\n'],
  },
  UndefinedVar: {
    fires: [
      ['FROM scratch\nCOPY $SRC /x\n', [1]],
      ['FROM scratch\nENV A=${FOO:-x}\n', [1]],
      ['FROM a:1\nARG VERSION=1\nENV V=$VERSON\n', [2]],
      ['ARG V=1\nFROM a:1\nENV X=$V\n', [2]],
    ],
    // The base image's own environment is unknown here: names it may set are not reported (precision first).
    silent: [
      'FROM debian:12\nENV P=$JAVA_HOME/bin:$PATH\n',
      'FROM scratch\nARG SRC=a\nCOPY $SRC /x\n',
      'FROM scratch\nRUN echo $NOPE\n',
      'ARG V=1\nFROM a:1\nARG V\nENV X=$V\n',
    ],
  },
  MultipleInstructionsDisallowed: {
    fires: [
      ['FROM a:1\nCMD ["a"]\nCMD ["b"]\n', [1]],
      ['FROM a:1\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', [1]],
      ['FROM a:1\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\n', [1]],
    ],
    silent: ['FROM a:1\nCMD ["a"]\nFROM b:1\nCMD ["b"]\n', 'FROM a:1\nCMD ["a"]\nONBUILD CMD ["b"]\n'],
  },
  LegacyKeyValueFormat: {
    fires: [
      ['FROM a:1\nENV A b c\n', [1]],
      ['FROM a:1\nLABEL a b\n', [1]],
    ],
    silent: ['FROM a:1\nENV A="b c"\n', 'FROM a:1\nLABEL a=b\n', 'FROM a:1\nARG A\n'],
  },
  InvalidBaseImagePlatform: {
    // BuildKit compares the platform of the image it resolved with the stage's; Berth compares the local engine's
    // images, as the client reports them, with the stage's --platform or, without one, the engine's own platform.
    fires: [
      ['FROM --platform=linux/amd64 alpine:3.20\n', [0]],
      ['FROM alpine:3.20\n', [0]], // the engine builds for linux/amd64
      ['FROM docker.io/library/busybox\n', [0]], // Docker Hub's long name, and the default tag
      ['ARG IMG=alpine:3.20\nFROM $IMG\n', [1]],
      ['FROM --platform=$BUILDPLATFORM alpine:3.20\n', [0]],
    ],
    silent: [
      'FROM --platform=linux/arm64 busybox:latest AS arm64\n', // the local busybox is arm64
      'FROM --platform=linux/arm64 alpine:3.20 AS arm64\n', // the local alpine is arm64/v8: the same platform
      'FROM --platform=linux/arm64/v8 busybox\n', // arm64 and arm64/v8 are one platform
      'FROM alpine:3.19\n', // not held by the engine: not judged
      'FROM alpine@sha256:' + 'a'.repeat(64) + '\n',
      'FROM --platform=$TARGETOS/arm64 alpine:3.20\n', // a platform only the build knows
      'FROM nginx\n', // held, but its platform was not reported
      'FROM --platform=linux/arm64 busybox AS base\nFROM base\n', // a stage is no image
    ],
    opts: {
      localImages: {
        enginePlatform: 'linux/amd64',
        images: [
          { repository: 'alpine', tags: ['3.20'], platform: 'linux/arm64/v8' },
          { repository: 'busybox', tags: ['latest'], platform: 'linux/arm64' },
          { repository: 'nginx', tags: ['latest'] },
        ],
      },
    },
  },
  RedundantTargetPlatform: {
    fires: [
      ['FROM --platform=$TARGETPLATFORM a:1\n', [0]],
      ['FROM --platform=${TARGETPLATFORM} a:1\n', [0]],
    ],
    silent: ['FROM --platform=$BUILDPLATFORM a:1\n', 'FROM --platform=linux/$TARGETARCH a:1 AS x-linux\n'],
  },
  SecretsUsedInArgOrEnv: {
    fires: [
      ['FROM a:1\nARG GITHUB_TOKEN\n', [1]],
      ['FROM a:1\nENV DB_PASSWORD=x\n', [1]],
      ['FROM a:1\nARG AUTH\n', [1]],
    ],
    // BuildKit's allow-list: a name part "public", "file" or "version" makes it no secret.
    silent: [
      'FROM a:1\nARG PUBLIC_KEY\n',
      'FROM a:1\nARG KEYBOARD\n',
      'FROM a:1\nENV SECRET_FILE=/run/secrets/x\n',
      'FROM a:1\nARG TOKEN_VERSION=2\n',
      'ARG GITHUB_TOKEN\nFROM a:1\n',
    ],
  },
  InvalidDefaultArgInFrom: {
    fires: [
      ['ARG TAG\nFROM alpine:$TAG\n', [1]],
      ['ARG IMAGE\nFROM $IMAGE\n', [1]],
      ['FROM Ubuntu:22.04\n', [0]],
    ],
    silent: [
      'ARG TAG=3.19\nFROM alpine:$TAG\n',
      'ARG TAG=3.19\nFROM alpine:${TAG:-3}\n',
      'FROM localhost:5000/team/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nFROM build\n',
    ],
  },
  FromPlatformFlagConstDisallowed: {
    fires: [
      ['FROM --platform=linux/amd64 a:1 AS build\n', [0]],
      ['FROM --platform=linux/amd64 a:1\n', [0]],
      // Only the OS and the architecture count: a stage named after the variant is not named after the platform.
      ['FROM --platform=linux/arm64/v8 a:1 AS v8\n', [0]],
      ['FROM --platform=linux a:1 AS build\n', [0]],
    ],
    silent: [
      'FROM --platform=linux/amd64 a:1 AS build-amd64\n',
      'FROM --platform=linux/x86_64 a:1 AS amd64\n',
      'FROM --platform=$BUILDPLATFORM a:1 AS build\n',
      'FROM --platform=windows/amd64 a:1 AS windows\n',
      'FROM --platform=arm64 a:1 AS arm64\n',
      'FROM --platform=nonsense a:1 AS build\n',
    ],
  },
  CopyIgnoredFile: {
    fires: [
      ['FROM a:1\nCOPY secrets.env /x\n', [1]],
      ['FROM a:1\nADD ./docs/readme.md /x\n', [1]],
      ['FROM a:1\nCOPY *.env /x\n', [1]],
    ],
    silent: [
      'FROM a:1\nCOPY app.py /x\n',
      'FROM a:1\nCOPY . /x\n',
      'FROM a:1 AS b\nFROM a:1\nCOPY --from=b secrets.env /x\n',
      'FROM a:1\nADD https://example.com/a.env /x\n',
    ],
    opts: { dockerignore: '*.env\ndocs\n' },
  },
  InvalidDefinitionDescription: {
    fires: [
      ['# check=experimental=InvalidDefinitionDescription\n# the compiler\nFROM a:1 AS build\n', [2]],
      ['# check=experimental=all\n# a version\nARG VERSION=1\nFROM a:1\n', [2]],
      ['# check=experimental=all\nFROM a:1\n# Stage\nFROM a:1 AS stage\n', [3]],
    ],
    silent: [
      // Experimental: off unless named.
      '# the compiler\nFROM a:1 AS build\n',
      '# check=experimental=InvalidDefinitionDescription\n# build the compiler\nFROM a:1 AS build\n',
      '# check=experimental=all\n# VERSION of the tool\nARG VERSION=1\nFROM a:1\n',
      '# check=experimental=all\n# not a description\n#\nFROM a:1 AS build\n',
      '# check=experimental=all\n# a comment above an unnamed stage\nFROM a:1\n',
    ],
  },
  ExposeProtoCasing: {
    fires: [['FROM a:1\nEXPOSE 80/TCP\n', [1]]],
    silent: ['FROM a:1\nEXPOSE 80/tcp 53/udp\n'],
  },
  ExposeInvalidFormat: {
    fires: [
      ['FROM a:1\nEXPOSE 8080:80\n', [1]],
      ['FROM a:1\nEXPOSE 127.0.0.1:8080:80\n', [1]],
    ],
    silent: ['FROM a:1\nEXPOSE 80\n', 'FROM a:1\nEXPOSE 8000-8010\n'],
  },
};

describe("BuildKit's 22 build checks", () => {
  it('covers all 22 of them, and every BuildKit check in the catalog', () => {
    assert.equal(Object.keys(CHECKS).length, 22);
    const catalog = RULES.filter((r) => r.family === 'buildkit').map((r) => r.code);
    assert.deepEqual(
      catalog.filter((c) => !(c in CHECKS)),
      [],
    );
    assert.deepEqual(
      Object.keys(CHECKS).filter((c) => !catalog.includes(c)),
      [],
    );
  });
  for (const [code, check] of Object.entries(CHECKS)) {
    describe(code, () => {
      for (const [text, lines] of check.fires)
        it(`fires: ${JSON.stringify(text)}`, () => assert.deepEqual(hits(code, text, check.opts), lines));
      for (const text of check.silent)
        it(`silent: ${JSON.stringify(text)}`, () => assert.deepEqual(hits(code, text, check.opts), []));
    });
  }
});

describe('# check= as BuildKit reads it', () => {
  const TWO = 'FROM a:1 AS Build\nMAINTAINER me\n';
  it('skip names checks, case-sensitively, and all skips every non-experimental one', () => {
    assert.deepEqual(hits('StageNameCasing', `# check=skip=StageNameCasing\n${TWO}`), []);
    assert.deepEqual(hits('MaintainerDeprecated', `# check=skip=StageNameCasing\n${TWO}`), [2]);
    assert.deepEqual(hits('StageNameCasing', `# check=skip=stagenamecasing\n${TWO}`), [1]);
    assert.deepEqual(hits('MaintainerDeprecated', `# check=skip=StageNameCasing, MaintainerDeprecated\n${TWO}`), []);
    assert.deepEqual(
      diags(`# check=skip=all\n${TWO}`).filter((d) => (d.source ?? '').includes('buildkit')),
      [],
    );
  });
  it('skip=all does not turn off an experimental check that experimental names', () => {
    const text = '# check=skip=all;experimental=all\n# x\nFROM a:1 AS build\n';
    assert.deepEqual(hits('InvalidDefinitionDescription', text), [2]);
  });
  it('error=true makes the checks Errors; any Go boolean spelling counts', () => {
    for (const v of ['true', 'TRUE', '1', 't'])
      assert.deepEqual(
        diags(`# check=error=${v}\n${TWO}`)
          .filter((d) => d.code === 'StageNameCasing')
          .map((d) => d.severity),
        [DiagnosticSeverity.Error],
        v,
      );
    assert.deepEqual(
      diags(`# check=error=false\n${TWO}`)
        .filter((d) => d.code === 'StageNameCasing')
        .map((d) => d.severity),
      [DiagnosticSeverity.Warning],
    );
  });
  it('an option BuildKit refuses (unknown key, no "=") makes the whole directive count for nothing', () => {
    assert.deepEqual(hits('StageNameCasing', `# check=skip=StageNameCasing;color=red\n${TWO}`), [1]);
    assert.deepEqual(hits('StageNameCasing', `# check=skip=StageNameCasing;error\n${TWO}`), [1]);
  });
  it('a # check= comment above an instruction skips checks on that instruction only', () => {
    const text = 'FROM a:1\n# check=skip=MaintainerDeprecated\nMAINTAINER a\nMAINTAINER b\n';
    assert.deepEqual(hits('MaintainerDeprecated', text), [3]);
    // Blank lines do not detach the comment; a bare "#" line does.
    assert.deepEqual(hits('MaintainerDeprecated', 'FROM a:1\n# check=skip=MaintainerDeprecated\n\nMAINTAINER a\n'), []);
    assert.deepEqual(
      hits('MaintainerDeprecated', 'FROM a:1\n# check=skip=MaintainerDeprecated\n#\nMAINTAINER a\n'),
      [3],
    );
  });
  it('a # check= comment does not reach the checks BuildKit runs over the whole file', () => {
    const text = 'FROM a:1 AS b\n# check=skip=DuplicateStageName\nFROM a:1 AS b\n';
    assert.deepEqual(hits('DuplicateStageName', text), [2]);
    assert.deepEqual(hits('DuplicateStageName', `# check=skip=DuplicateStageName\n${text}`), []);
  });
  it('a # check= comment can enable an experimental check for one instruction', () => {
    // The check comment is itself the comment above the FROM, so it is read as a (bad) description.
    const text = '# x\nFROM a:1 AS build\n# check=experimental=InvalidDefinitionDescription\nFROM a:1 AS two\n';
    assert.deepEqual(hits('InvalidDefinitionDescription', text), [3]);
  });
});
