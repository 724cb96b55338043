// Every Dockerfile rule with a case that must report it and a close case that must not.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { validateDockerfile, type DockerfileDiagnosticsOptions } from '../../../server/src/dockerfile/diagnostics';
import { RULES } from '../../../server/src/dockerfile/rules/catalog';
import { HADOLINT_CASES } from '../hadolint-cases';

const ALL_ON: DockerfileDiagnosticsOptions = { rules: { DL3008: 'warning' } };
const codes = (text: string, opts: DockerfileDiagnosticsOptions = ALL_ON) =>
  validateDockerfile(text, {
    ...opts,
    onRuleError: (_f, e) => {
      throw e;
    },
  }).map((d) => String(d.code));

/** [code, failing Dockerfile, passing Dockerfile, options?] */
const CASES: [string, string, string, DockerfileDiagnosticsOptions?][] = [
  // Builder errors.
  ['UnknownInstruction', 'FROM a:1\nRUNN x\n', 'FROM a:1\nRUN x\n'],
  ['MissingArguments', 'FROM a:1\nWORKDIR\n', 'FROM a:1\nWORKDIR /app\n'],
  ['MissingArguments', 'FROM a:1\nCOPY ["a",]\n', 'FROM a:1\nCOPY ["a" "b"]\n'],
  ['ExtraArguments', 'FROM a:1\nSTOPSIGNAL SIGTERM SIGKILL\n', 'FROM a:1\nSTOPSIGNAL SIGTERM\n'],
  ['InvalidArgument', 'FROM a:1 b\n', 'FROM a:1 AS b\n'],
  ['UnknownFlag', 'FROM a:1\nCOPY --form=x a b\n', 'FROM a:1\nCOPY --chmod=644 a b\n'],
  ['DuplicateFlag', 'FROM a:1\nCOPY --chown=1 --chown=2 a b\n', 'FROM a:1\nCOPY --exclude=x --exclude=y a b\n'],
  [
    'InvalidFlagValue',
    'FROM a:1\nHEALTHCHECK --interval=5 CMD true\n',
    'FROM a:1\nHEALTHCHECK --interval=5s --retries=3 CMD true\n',
  ],
  [
    'InvalidFlagValue',
    'FROM a:1\nRUN --mount=type=cache,sharing=weird,target=/x true\n',
    'FROM a:1\nRUN --mount=type=cache,sharing=locked,target=/x,id=go true\n',
  ],
  ['InvalidFlagValue', 'FROM a:1\nCOPY --chmod=999 a b\n', 'FROM a:1\nCOPY --chmod=u+x a b\n'],
  ['InvalidFlagValue', 'FROM a:1\nRUN --network=bridge true\n', 'FROM a:1\nRUN --network=host true\n'],
  ['InvalidFlagValue', 'FROM a:1\nCOPY --link=maybe a b\n', 'FROM a:1\nCOPY --link a b\n'],
  ['MalformedExecForm', 'FROM a:1\nCMD ["a" "b"]\n', 'FROM a:1\nCMD ["a", "b"]\n'],
  ['InvalidJsonForm', 'FROM a:1\nSHELL /bin/bash -c\n', 'FROM a:1\nSHELL ["/bin/bash", "-c"]\n'],
  ['InvalidJsonForm', "FROM a:1\nSHELL ['/bin/sh', '-c']\n", 'FROM a:1\nSHELL ["/bin/sh", "-c"]\n'],
  ['MalformedExecForm', 'FROM a:1\nCMD ["C:\\app\\run.exe"]\n', 'FROM a:1\nCMD ["C:\\\\app\\\\run.exe"]\n'],
  ['InvalidKeyValue', 'FROM a:1\nLABEL a=1 b\n', 'FROM a:1\nLABEL a=1 b=2\n'],
  ['InvalidPort', 'FROM a:1\nEXPOSE 70000\n', 'FROM a:1\nEXPOSE 8000-8010/udp $PORT\n'],
  ['InvalidPort', 'FROM a:1\nEXPOSE 80/http\n', 'FROM a:1\nEXPOSE 80/sctp\n'],
  ['InvalidStageName', 'FROM a:1 AS 1st\n', 'FROM a:1 AS first.stage-1\n'],
  [
    'CopyFromUnknownStage',
    'FROM a:1 AS builder\nFROM b:1\nCOPY --from=buidler /x /x\n',
    'FROM a:1 AS builder\nFROM b:1\nCOPY --from=builder /x /x\n',
  ],
  ['CopyFromUnknownStage', 'FROM a:1\nFROM b:1\nCOPY --from=5 /x /x\n', 'FROM a:1\nFROM b:1\nCOPY --from=0 /x /x\n'],
  [
    'CopyFromCurrentStage',
    'FROM a:1 AS me\nCOPY --from=me /x /y\n',
    'FROM a:1 AS me\nFROM b:1\nCOPY --from=me /x /y\n',
  ],
  [
    'CopyFromLaterStage',
    'FROM a:1\nCOPY --from=later /x /y\nFROM b:1 AS later\n',
    'FROM b:1 AS later\nFROM a:1\nCOPY --from=later /x /y\n',
  ],
  ['OnbuildNotAllowed', 'FROM a:1\nONBUILD FROM b\n', 'FROM a:1\nONBUILD RUN make\n'],
  ['InvalidCheckDirective', '# check=skip=A;color=red\nFROM a:1\n', '# check=skip=A;error=true\nFROM a:1\n'],
  ['InvalidOnbuildTrigger', 'FROM a:1\nONBUILD COPY --form=x a b\n', 'FROM a:1\nONBUILD COPY --from=x a b\n'],
  ['InvalidEscapeDirective', '# escape=x\nFROM a:1\n', '# escape=`\nFROM a:1\n'],
  ['DuplicateDirective', '# escape=`\n# escape=`\nFROM a:1\n', '# syntax=docker/dockerfile:1\n# escape=`\nFROM a:1\n'],
  ['UnterminatedHeredoc', 'FROM a:1\nRUN <<EOF\necho\n', 'FROM a:1\nRUN <<EOF\necho\nEOF\n'],
  ['InstructionBeforeFrom', 'RUN x\nFROM a:1\n', 'ARG V=1\nFROM a:$V\n'],
  // BuildKit checks.
  ['StageNameCasing', 'FROM a:1 AS Build\n', 'FROM a:1 AS build\n'],
  ['FromAsCasing', 'FROM a:1 as b\n', 'from a:1 as b\n'],
  ['NoEmptyContinuation', 'FROM a:1\nRUN echo \\\n\n  hi\n', 'FROM a:1\nRUN echo \\\n  # comment\n  hi\n'],
  ['ConsistentInstructionCasing', 'FROM a:1\nRUN x\nrun y\nRUN z\n', 'from a:1\nrun x\nrun y\n'],
  ['DuplicateStageName', 'FROM a:1 AS b\nFROM c:1 AS B\n', 'FROM a:1 AS b\nFROM c:1 AS c\n'],
  ['ReservedStageName', 'FROM a:1 AS scratch\n', 'FROM scratch AS base\n'],
  ['JSONArgsRecommended', 'FROM a:1\nCMD node app.js\n', 'FROM a:1\nCMD ["node", "app.js"]\n'],
  ['JSONArgsRecommended', 'FROM a:1\nENTRYPOINT run.sh\n', 'FROM a:1\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT run.sh\n'],
  [
    'JSONArgsRecommended',
    'FROM a:1 AS base\nSHELL ["pwsh", "-c"]\nFROM a:1\nCMD run.ps1\n',
    'FROM a:1 AS base\nSHELL ["pwsh", "-c"]\nFROM base\nCMD run.ps1\n',
  ],
  ['MaintainerDeprecated', 'FROM a:1\nMAINTAINER me\n', 'FROM a:1\nLABEL org.opencontainers.image.authors=me\n'],
  ['UndefinedArgInFrom', 'FROM a:$TAG\n', 'ARG TAG=1\nFROM a:$TAG\n'],
  ['UndefinedArgInFrom', 'FROM --platform=$PLATFROM a:1\n', 'FROM --platform=$BUILDPLATFORM a:1\n'],
  ['WorkdirRelativePath', 'FROM a:1\nWORKDIR app\n', 'FROM a:1\nWORKDIR /srv\nWORKDIR app\n'],
  [
    'UndefinedVar',
    'FROM a:1\nARG VERSION=1\nCOPY app-$VERSON.jar /app.jar\n',
    'FROM a:1\nARG VERSION=1\nCOPY app-$VERSION.jar /app.jar\n',
  ],
  ['UndefinedVar', 'ARG DIR=/x\nFROM a:1\nWORKDIR $DIR\n', 'ARG DIR=/x\nFROM a:1\nARG DIR\nWORKDIR $DIR\n'],
  [
    'UndefinedVar',
    'FROM alpine:3\nCOPY bin/$TARGETARCH/app /app\n',
    'FROM alpine:3\nARG TARGETARCH\nCOPY bin/$TARGETARCH/app /app\n',
  ],
  [
    'UndefinedVar',
    'FROM alpine:3 AS a\nARG DIR=/x\nFROM alpine:3 AS b\nWORKDIR $DIR\n',
    'FROM alpine:3 AS a\nARG DIR=/x\nFROM a AS b\nWORKDIR $DIR\n',
  ],
  ['UndefinedVar', 'FROM scratch\nCOPY $SRC /x\n', 'FROM debian:12\nCOPY ${SRC:-app} /x\nENV P=$JAVA_HOME/bin:$PATH\n'],
  ['MultipleInstructionsDisallowed', 'FROM a:1\nCMD ["a"]\nCMD ["b"]\n', 'FROM a:1\nCMD ["a"]\nFROM b:1\nCMD ["b"]\n'],
  ['LegacyKeyValueFormat', 'FROM a:1\nENV A b c\n', 'FROM a:1\nENV A="b c"\n'],
  ['RedundantTargetPlatform', 'FROM --platform=$TARGETPLATFORM a:1\n', 'FROM --platform=$BUILDPLATFORM a:1\n'],
  ['SecretsUsedInArgOrEnv', 'FROM a:1\nARG GITHUB_TOKEN\n', 'FROM a:1\nARG PUBLIC_KEY\nARG KEYBOARD\n'],
  ['InvalidDefaultArgInFrom', 'ARG TAG\nFROM alpine:$TAG\n', 'ARG TAG=3.19\nFROM alpine:$TAG\n'],
  [
    'FromPlatformFlagConstDisallowed',
    'FROM --platform=linux/amd64 a:1 AS build\n',
    'FROM --platform=linux/amd64 a:1 AS build-amd64\n',
  ],
  [
    'InvalidBaseImagePlatform',
    'FROM alpine:3.20\n',
    'FROM --platform=linux/arm64 alpine:3.20 AS arm64\n',
    {
      localImages: {
        enginePlatform: 'linux/amd64',
        images: [{ repository: 'alpine', tags: ['3.20'], platform: 'linux/arm64' }],
      },
    },
  ],
  [
    'CopyIgnoredFile',
    'FROM a:1\nCOPY secrets.env /x\n',
    'FROM a:1\nCOPY app.py /x\n',
    { dockerignore: '# comment\n*.env\n' },
  ],
  ['ExposeProtoCasing', 'FROM a:1\nEXPOSE 80/TCP\n', 'FROM a:1\nEXPOSE 80/tcp\n'],
  ['ExposeInvalidFormat', 'FROM a:1\nEXPOSE 8080:80\n', 'FROM a:1\nEXPOSE 80\n'],
  [
    'InvalidDefinitionDescription',
    '# check=experimental=InvalidDefinitionDescription\n# the compiler\nFROM a:1 AS build\n',
    '# check=experimental=InvalidDefinitionDescription\n# build the compiler\nFROM a:1 AS build\n',
  ],
  // hadolint.
  ['DL3000', 'FROM a:1\nWORKDIR app\n', 'FROM a:1\nWORKDIR /app\n'],
  ['DL3002', 'FROM a:1\nUSER root\n', 'FROM a:1 AS b\nUSER root\nFROM a:1\nUSER app\n'],
  ['DL3003', 'FROM a:1\nRUN cd /tmp && make\n', 'FROM a:1\nWORKDIR /tmp\nRUN make\n'],
  ['DL3004', 'FROM a:1\nRUN sudo make install\n', 'FROM a:1\nRUN make install\n'],
  ['DL3006', 'FROM debian\n', 'FROM debian:12\nFROM debian@sha256:aaaa\n'],
  ['DL3007', 'FROM debian:latest\n', 'FROM debian:bookworm\n'],
  [
    'DL3008',
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1 git=${GIT_VERSION}\n',
  ],
  [
    'DL3009',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
  ],
  [
    'DL3013',
    'FROM python:3\nRUN pip install --no-cache-dir flask\n',
    'FROM python:3\nRUN pip install --no-cache-dir flask==3.0.0 -r requirements.txt\n',
  ],
  ['DL3014', 'FROM debian:12\nRUN apt-get install curl\n', 'FROM debian:12\nRUN apt-get -qq install curl\n'],
  [
    'DL3015',
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
  ],
  [
    'DL3016',
    'FROM node:20\nRUN npm install -g typescript\n',
    'FROM node:20\nRUN npm install -g typescript@5.4.0 @scope/pkg@1.0.0 && npm ci\n',
  ],
  [
    'DL3018',
    'FROM alpine:3\nRUN apk add --no-cache curl\n',
    'FROM alpine:3\nRUN apk add --no-cache --virtual .deps curl=8.5.0-r0\n',
  ],
  [
    'DL3019',
    'FROM alpine:3\nRUN apk add curl=8.5.0-r0\n',
    'FROM alpine:3\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.5.0-r0\n',
  ],
  ['DL3020', 'FROM a:1\nADD app.py /app/\n', 'FROM a:1\nADD rootfs.tar.gz /\n'],
  ['DL3022', 'FROM a:1\nCOPY --from=toolbox /x /y\n', 'FROM a:1\nCOPY --from=toolbox:1.2 /x /y\n'],
  ['DL3023', 'FROM a:1 AS me\nCOPY --from=me /x /y\n', 'FROM a:1 AS me\nCOPY /x /y\n'],
  ['DL3025', 'FROM a:1\nCMD node app.js\n', 'FROM a:1\nCMD ["node", "app.js"]\n'],
  ['DL3027', 'FROM debian:12\nRUN apt install -y curl\n', 'FROM debian:12\nRUN apt-get install -y curl\n'],
  [
    'DL3042',
    'FROM python:3\nRUN pip install -r requirements.txt\n',
    'FROM python:3\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n',
  ],
  ['DL3059', 'FROM a:1\nRUN a\nRUN b\n', 'FROM a:1\nRUN a\nCOPY x y\nRUN b\n'],
  ['DL3060', 'FROM node:20\nRUN yarn install\n', 'FROM node:20\nRUN yarn install && yarn cache clean\n'],
  [
    'DL4001',
    'FROM a:1\nRUN curl -o x http://x\nRUN wget http://y\n',
    'FROM a:1\nRUN curl -o x http://x\nFROM b:1\nRUN wget http://y\n',
  ],
  ['DL4003', 'FROM a:1\nCMD ["a"]\nCMD ["b"]\n', 'FROM a:1\nCMD ["a"]\n'],
  ['DL4004', 'FROM a:1\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', 'FROM a:1\nENTRYPOINT ["a"]\n'],
  [
    'DL4006',
    'FROM a:1\nRUN curl -s http://x | sh\n',
    'FROM a:1\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -s http://x | sh\n',
  ],
  // Berth's own.
  [
    'AptUpdateAlone',
    'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
  ],
  [
    'AptUpdateAlone',
    'FROM debian:12\nRUN apt-get -o Acquire::Retries=3 update\n',
    'FROM debian:12\nRUN apt-get update && apt-get -o Acquire::Retries=3 -y install curl\n',
  ],
  [
    'AddRemoteUrl',
    'FROM a:1\nADD https://example.com/tool.tgz /opt/\n',
    'FROM a:1\nADD --checksum=sha256:' + 'a'.repeat(64) + ' https://example.com/tool.tgz /opt/\n',
  ],
  ['SingleQuotedExecForm', "FROM a:1\nCMD ['node', 'app.js']\n", 'FROM a:1\nCMD ["node", "app.js"]\n'],
  [
    'NestingTooDeep',
    `FROM a:1\nENV X=${'${A:-'.repeat(65)}x${'}'.repeat(65)}\n`,
    `FROM a:1\nENV X=${'${A:-'.repeat(64)}x${'}'.repeat(64)}\n`,
  ],
];

/** Codes that are reported as aliases: the failing case yields the primary code carrying the alias in data. */
const ALIAS_OF: Record<string, string> = {
  DL3000: 'WorkdirRelativePath',
  DL3023: 'CopyFromCurrentStage',
  DL3025: 'JSONArgsRecommended',
  DL4003: 'MultipleInstructionsDisallowed',
  DL4004: 'MultipleInstructionsDisallowed',
};

describe('Dockerfile rules', () => {
  for (const [code, bad, good, opts] of CASES) {
    it(`${code}: reports the failing case and not the passing one`, () => {
      const options = { ...ALL_ON, ...opts };
      const diags = validateDockerfile(bad, {
        ...options,
        onRuleError: (_f, e) => {
          throw e;
        },
      });
      const hit = diags.find(
        (d) =>
          d.code === (ALIAS_OF[code] ?? code) &&
          (!ALIAS_OF[code] || (d.data as { aliases?: string[] }).aliases?.includes(code)),
      );
      assert.ok(hit, `${code} expected in:\n${bad}\ngot ${JSON.stringify(diags.map((d) => d.code))}`);
      assert.ok(
        !codes(good, options).includes(ALIAS_OF[code] ?? code),
        `${code} not expected in:\n${good}\ngot ${JSON.stringify(codes(good, options))}`,
      );
    });
  }

  it('has a failing and a passing case for every rule and alias in the catalog', () => {
    // The DL rules added for hadolint parity have their cases in test/unit/hadolint-cases.ts.
    const tested = new Set([...CASES, ...HADOLINT_CASES].map(([c]) => ALIAS_OF[c] ?? c));
    const missing = RULES.filter((r) => !tested.has(r.code)).map((r) => r.code);
    assert.deepEqual(missing, []);
  });

  it('keeps DL3008 off unless enabled', () => {
    const text = 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n';
    assert.ok(!codes(text, {}).includes('DL3008'));
    assert.ok(codes(text, { rules: { DL3008: 'warning' } }).includes('DL3008'));
  });

  it('suggests the flag and instruction of a did-you-mean in data', () => {
    const [d] = validateDockerfile('FROM a:1\nCOPY --form=x a b\n');
    assert.deepEqual((d.data as { fix: unknown }).fix, {
      kind: 'replace',
      range: { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } },
      text: 'from',
    });
  });

  it('does not take single-quoted or escaped $ for variables, nor heredoc bodies', () => {
    assert.deepEqual(codes("FROM scratch\nCOPY <<'EOF' /x\n$NOPE\nEOF\nLABEL a='$NOPE' b=\\$NOPE\n"), []);
  });
});

// Found by the oracle layer (test/oracle/dockerfile.test.ts): what dockerd's builder accepts or rejects when parsing.
describe('Dockerfile builder errors agree with the builder', () => {
  const builderErrors = (text: string) =>
    validateDockerfile(text, {
      onRuleError: (_f, e) => {
        throw e;
      },
    })
      .filter((d) => d.severity === 1)
      .map((d) => String(d.code));

  it('takes boolean flag values in any case, but only true or false', () => {
    for (const v of ['TRUE', 'TrUe', 'false', 'False'])
      assert.deepEqual(builderErrors(`FROM scratch\nCOPY --link=${v} a b\n`), [], v);
    for (const v of ['1', 't', 'F', 'yes', ''])
      assert.deepEqual(builderErrors(`FROM scratch\nADD --keep-git-dir=${v} a b\n`), ['InvalidFlagValue'], v);
    assert.deepEqual(builderErrors('FROM scratch\nCOPY --link a b\n'), []);
    // --mount options are Go booleans, where 1 and t are fine.
    assert.deepEqual(builderErrors('FROM scratch\nRUN --mount=type=cache,target=/c,ro=1 true\n'), []);
  });

  it('ignores every flag of HEALTHCHECK NONE', () => {
    for (const f of ['--interval=5s', '--interval=5', '--retries=x', '--bogus=1'])
      assert.deepEqual(builderErrors(`FROM scratch\nHEALTHCHECK ${f} NONE\n`), [], f);
    assert.deepEqual(builderErrors('FROM scratch\nHEALTHCHECK --interval=5 CMD true\n'), ['InvalidFlagValue']);
  });

  it('takes an empty value after "=" as no value, but not a value-taking flag alone', () => {
    for (const f of [
      'COPY --chown= a b',
      'COPY --chmod= a b',
      'COPY --from= a b',
      'HEALTHCHECK --retries= CMD true',
      'HEALTHCHECK --interval= CMD true',
      'ADD --checksum= a b',
    ]) {
      assert.deepEqual(builderErrors(`FROM scratch\n${f}\n`), [], f);
    }
    for (const f of ['COPY --chown a b', 'HEALTHCHECK --retries CMD true'])
      assert.deepEqual(builderErrors(`FROM scratch\n${f}\n`), ['InvalidFlagValue'], f);
  });

  it('takes the rest of a USER line as one name', () => {
    assert.deepEqual(builderErrors('FROM scratch\nUSER a b\n'), []);
  });

  it('ends the directives at an unknown or empty one', () => {
    assert.deepEqual(builderErrors('# syntax=\n# syntax=docker/dockerfile:1\nFROM scratch\n'), []);
    assert.deepEqual(builderErrors('# escape=\nFROM scratch\n'), []);
    assert.deepEqual(builderErrors('# foo=bar\n# escape=x\nFROM scratch\n'), []);
    assert.deepEqual(builderErrors('# escape=x\nFROM scratch\n'), ['InvalidEscapeDirective']);
  });

  it('lets RUN, CMD and ENTRYPOINT stand empty, but not VOLUME [] or HEALTHCHECK CMD []', () => {
    for (const i of ['RUN', 'CMD', 'ENTRYPOINT', 'cmd '])
      assert.deepEqual(builderErrors(`FROM scratch\n${i}\n`), [], i);
    assert.deepEqual(builderErrors('FROM scratch\nWORKDIR\n'), ['MissingArguments']);
    assert.deepEqual(builderErrors('FROM scratch\nVOLUME []\n'), ['MissingArguments']);
    assert.deepEqual(builderErrors('FROM scratch\nHEALTHCHECK CMD []\n'), ['MissingArguments']);
    assert.deepEqual(builderErrors('FROM scratch\nVOLUME ["/data"]\nHEALTHCHECK CMD ["true"]\n'), []);
  });

  it('rejects an ARG without a name', () => {
    assert.deepEqual(builderErrors('ARG =1\nFROM scratch\n'), ['InvalidKeyValue']);
    assert.deepEqual(builderErrors('FROM scratch\nARG A=1 =2\n'), ['InvalidKeyValue']);
    assert.deepEqual(builderErrors('ARG A=1\nFROM scratch\nARG B\n'), []);
  });

  it('checks STOPSIGNAL names and numbers as the builder does', () => {
    for (const v of ['SIGTERM', 'term', 'Sigkill', '9', 'SIGRTMIN+3', 'RTMAX-1', '$SIG'])
      assert.deepEqual(builderErrors(`FROM scratch\nSTOPSIGNAL ${v}\n`), [], v);
    for (const v of ['foo', '0', 'SIGRTMIN+16', 'SIGTERMX'])
      assert.deepEqual(builderErrors(`FROM scratch\nSTOPSIGNAL ${v}\n`), ['InvalidArgument'], v);
  });

  it('takes a negative COPY --from index for no stage', () => {
    assert.deepEqual(builderErrors('FROM scratch\nFROM scratch\nCOPY --from=-1 a b\n'), ['CopyFromUnknownStage']);
  });

  it('reads only the first protocol of an EXPOSE port, empty meaning tcp', () => {
    assert.deepEqual(builderErrors('FROM scratch\nEXPOSE 80/tcp/x 81/ 82/UDP\n'), []);
    assert.deepEqual(builderErrors('FROM scratch\nEXPOSE 80/http/x\n'), ['InvalidPort']);
  });
});
