// hadolint's DL rules that Berth added to its first 27: for each, Dockerfiles that must report it and close ones that
// must not, written from the rule's conditions in hadolint's source (src/Hadolint/Rule/DLxxxx.hs). Used by
// hadolint-rules.test.ts, and by the catalog check of test/unit/dockerfile/rules.test.ts.
import type { DockerfileDiagnosticsOptions } from '../../server/src/dockerfile/diagnostics';
import type { HadolintRuleOptions } from '../../server/src/dockerfile/rules/hadolint-config';

const NO_OPTIONS: HadolintRuleOptions = { trustedRegistries: [], labelSchema: {}, strictLabels: false };
const trusted = (...registries: string[]): DockerfileDiagnosticsOptions => ({
  hadolint: { ...NO_OPTIONS, trustedRegistries: registries },
});
const schema = (
  labelSchema: HadolintRuleOptions['labelSchema'],
  strictLabels = false,
): DockerfileDiagnosticsOptions => ({
  hadolint: { ...NO_OPTIONS, labelSchema, strictLabels },
});
const on = (code: string): DockerfileDiagnosticsOptions => ({ rules: { [code]: 'warning' } });

/** [code, Dockerfile that must report it, Dockerfile that must not, options?] */
export const HADOLINT_CASES: [string, string, string, DockerfileDiagnosticsOptions?][] = [
  ['DL1001', '# hadolint ignore=DL3006\nFROM a\n', '# a comment\nFROM a:1\n', on('DL1001')],
  ['DL3001', 'FROM a:1\nRUN service nginx start\n', 'FROM a:1\nRUN nginx -t\n'],
  ['DL3001', 'FROM a:1\nRUN apt-get install -y vim && ps aux\n', 'FROM a:1\nRUN echo ps top vim\n'],
  ['DL3010', 'FROM a:1\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n', 'FROM a:1\nADD app.tar.gz /tmp/\n'],
  [
    'DL3010',
    'FROM a:1\nCOPY x.tgz /x.tgz\nRUN tar xzf x.tgz -C /opt\n',
    'FROM a:1\nCOPY x.tgz /x.tgz\nRUN tar -tzf x.tgz\n',
  ],
  ['DL3010', 'FROM a:1\nCOPY d.gz /d.gz\nRUN gunzip /d.gz\n', 'FROM a:1\nCOPY --from=b d.gz /d.gz\nRUN gunzip /d.gz\n'],
  ['DL3021', 'FROM a:1\nCOPY a b /dest\n', 'FROM a:1\nCOPY a b /dest/\n'],
  ['DL3021', 'FROM a:1\nCOPY ["a", "b", "/dest"]\n', 'FROM a:1\nCOPY a /dest\n'],
  ['DL3026', 'FROM evil.io/x:1\n', 'FROM corp.io/x:1\n', trusted('corp.io')],
  ['DL3026', 'FROM alpine:3\n', 'FROM corp.io/alpine:3\nFROM scratch\n', trusted('corp.io')],
  ['DL3026', 'FROM ghcr.io/alpine:3\n', 'FROM alpine:3\n', trusted('docker.io')],
  [
    'DL3026',
    'FROM corp.io/x:1\nCOPY --from=evil.io/y:1 /a /a\n',
    'FROM corp.io/x:1\nCOPY --from=docker.io/y:1 /a /a\n',
    trusted('*corp.io', 'docker.io'),
  ],
  [
    'DL3026',
    'FROM corp.io/b:1\nRUN --mount=type=cache,from=ghcr.io/c:1,target=/c true\n',
    'FROM corp.io/b:1 AS b\nFROM b\nRUN --mount=from=b,target=/c true\n',
    trusted('corp.*'),
  ],
  ['DL3028', 'FROM a:1\nRUN gem install rails\n', 'FROM a:1\nRUN gem install rails:7.1.0\n'],
  ['DL3028', 'FROM a:1\nRUN gem install --no-document bundler\n', 'FROM a:1\nRUN gem install bundler -v 2.5.0\n'],
  ['DL3029', 'FROM --platform=$MYPLATFORM a:1\n', 'FROM --platform=$BUILDPLATFORM a:1\n'],
  [
    'DL3030',
    'FROM a:1\nRUN yum install httpd-2.4 && yum clean all\n',
    'FROM a:1\nRUN yum install -y httpd-2.4 && yum clean all\n',
  ],
  ['DL3032', 'FROM a:1\nRUN yum install -y httpd-2.4\n', 'FROM a:1\nRUN yum install -y httpd-2.4 && yum clean all\n'],
  [
    'DL3032',
    'FROM a:1\nRUN yum clean all && yum install -y httpd-2.4\n',
    'FROM a:1\nRUN yum install -y httpd-2.4 && rm -rf /var/cache/yum/*\n',
  ],
  [
    'DL3033',
    'FROM a:1\nRUN yum install -y httpd && yum clean all\n',
    'FROM a:1\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
  ],
  [
    'DL3033',
    'FROM a:1\nRUN yum install -y tar-${V} && yum clean all\n',
    'FROM a:1\nARG V=1.30\nRUN yum install -y tar-${V} && yum clean all\n',
  ],
  [
    'DL3033',
    'FROM a:1\nRUN yum module install -y nodejs && yum clean all\n',
    'FROM a:1\nRUN yum module install -y nodejs:20 && yum clean all\n',
  ],
  [
    'DL3034',
    'FROM a:1\nRUN zypper install curl=8.0 && zypper clean\n',
    'FROM a:1\nRUN zypper -n install curl=8.0 && zypper clean\n',
  ],
  ['DL3035', 'FROM a:1\nRUN zypper -n dist-upgrade\n', 'FROM a:1\nRUN zypper -n refresh\n'],
  [
    'DL3036',
    'FROM a:1\nRUN zypper -n install curl=8.0\n',
    'FROM a:1\nRUN zypper -n install curl=8.0 && zypper clean -a\n',
  ],
  [
    'DL3036',
    'FROM a:1\nRUN zypper -n in curl=8.0\n',
    'FROM a:1\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl=8.0\n',
  ],
  [
    'DL3037',
    'FROM a:1\nRUN zypper -n install curl && zypper clean\n',
    'FROM a:1\nRUN zypper -n install "curl>=8.0" && zypper clean\n',
  ],
  [
    'DL3038',
    'FROM a:1\nRUN dnf install httpd-2.4 && dnf clean all\n',
    'FROM a:1\nRUN dnf install -y httpd-2.4 && dnf clean all\n',
  ],
  [
    'DL3038',
    'FROM a:1\nRUN microdnf install httpd-2.4 && microdnf clean all\n',
    'FROM a:1\nRUN microdnf --assumeyes install httpd-2.4 && microdnf clean all\n',
  ],
  ['DL3040', 'FROM a:1\nRUN dnf install -y httpd-2.4\n', 'FROM a:1\nRUN dnf install -y httpd-2.4 && dnf clean all\n'],
  [
    'DL3040',
    'FROM a:1\nRUN microdnf upgrade -y\n',
    'FROM a:1\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf upgrade -y\n',
  ],
  [
    'DL3041',
    'FROM a:1\nRUN dnf install -y httpd && dnf clean all\n',
    'FROM a:1\nRUN dnf install -y httpd-2.4.6-1.el9 && dnf clean all\n',
  ],
  [
    'DL3041',
    'FROM a:1\nRUN dnf module install -y nodejs && dnf clean all\n',
    'FROM a:1\nRUN dnf group install -y "Development Tools" && dnf clean all\n',
  ],
  ['DL3044', 'FROM a:1\nENV A=/opt B=$A/bin\n', 'FROM a:1\nENV A=/opt\nENV B=$A/bin\n'],
  ['DL3044', 'FROM a:1\nENV A=/opt B=${A}/bin\n', 'FROM a:1\nENV A=/opt B=$AB/bin\n'],
  ['DL3045', 'FROM a:1\nCOPY app.py .\n', 'FROM a:1\nWORKDIR /app\nCOPY app.py .\n'],
  ['DL3045', 'FROM a:1 AS b\nFROM a:1\nCOPY x y\n', 'FROM a:1 AS b\nWORKDIR /w\nFROM b\nCOPY x y\n'],
  ['DL3045', 'FROM a:1\nCOPY x y\nWORKDIR /w\n', 'FROM a:1\nCOPY x /y\nCOPY x $HOME/y\nCOPY x C:/y\n'],
  ['DL3046', 'FROM a:1\nRUN useradd -u 1000000 app\n', 'FROM a:1\nRUN useradd -l -u 1000000 app\n'],
  ['DL3046', 'FROM a:1\nRUN useradd --uid=1000000 app\n', 'FROM a:1\nRUN useradd -u 1000 app\n'],
  ['DL3047', 'FROM a:1\nRUN wget https://x/y\n', 'FROM a:1\nRUN wget --progress=dot:giga https://x/y\n'],
  ['DL3047', 'FROM a:1\nRUN wget -O f https://x/y\n', 'FROM a:1\nRUN wget -qO- https://x/y && wget -nv https://x/z\n'],
  ['DL3048', 'FROM a:1\nLABEL Maintainer=me\n', 'FROM a:1\nLABEL maintainer=me org.opencontainers.image.title=x\n'],
  ['DL3048', 'FROM a:1\nLABEL com.docker.x=1 a..b=2 c-=3\n', 'FROM a:1\nLABEL "com.example.x"=1\n'],
  ['DL3049', 'FROM a:1\nLABEL other=x\n', 'FROM a:1\nLABEL maintainer=me\n', schema({ maintainer: 'text' })],
  [
    'DL3049',
    'FROM a:1 AS b\nLABEL maintainer=me\nFROM a:1\n',
    'FROM a:1 AS b\nLABEL maintainer=me\nFROM b\n',
    schema({ maintainer: 'text' }),
  ],
  [
    'DL3049',
    'FROM a:1 AS b\nFROM a:1\nLABEL maintainer=me\n',
    'FROM a:1 AS b\nFROM a:1\nCOPY --from=b /x /x\nLABEL maintainer=me\n',
    schema({ maintainer: 'text' }),
  ],
  [
    'DL3050',
    'FROM a:1\nLABEL maintainer=me extra=1\n',
    'FROM a:1\nLABEL maintainer=me\n',
    schema({ maintainer: 'text' }, true),
  ],
  ['DL3051', 'FROM a:1\nLABEL maintainer=""\n', 'FROM a:1\nLABEL maintainer="me"\n', schema({ maintainer: 'text' })],
  ['DL3052', 'FROM a:1\nLABEL url=example\n', 'FROM a:1\nLABEL url=https://example.com/x\n', schema({ url: 'url' })],
  [
    'DL3053',
    'FROM a:1\nLABEL created=2024-13-01T00:00:00Z\n',
    'FROM a:1\nLABEL created=2024-02-29T23:59:59.5+01:00\n',
    schema({ created: 'rfc3339' }),
  ],
  [
    'DL3053',
    'FROM a:1\nLABEL created="May 1 2024"\n',
    'FROM a:1\nLABEL created=$BUILD_DATE\n',
    schema({ created: 'rfc3339' }),
  ],
  ['DL3054', 'FROM a:1\nLABEL license=MIT-ish\n', 'FROM a:1\nLABEL license=Apache-2.0\n', schema({ license: 'spdx' })],
  ['DL3055', 'FROM a:1\nLABEL rev=HEAD\n', 'FROM a:1\nLABEL rev=0123abc\n', schema({ rev: 'hash' })],
  [
    'DL3055',
    'FROM a:1\nLABEL rev=0123ABC\n',
    'FROM a:1\nLABEL rev=0123456789abcdef0123456789abcdef01234567\n',
    schema({ rev: 'hash' }),
  ],
  [
    'DL3056',
    'FROM a:1\nLABEL version=v1.2\n',
    'FROM a:1\nLABEL version=1.2.3-rc.1+build.5\n',
    schema({ version: 'semver' }),
  ],
  ['DL3057', 'FROM a:1\nCMD ["x"]\n', 'FROM a:1\nHEALTHCHECK CMD ["true"]\n', on('DL3057')],
  ['DL3057', 'FROM a:1 AS b\nFROM c:1\n', 'FROM a:1 AS b\nHEALTHCHECK CMD ["true"]\nFROM b\n', on('DL3057')],
  [
    'DL3058',
    'FROM a:1\nLABEL mail=me@\n',
    'FROM a:1\nLABEL mail=first.last+tag@example.com\n',
    schema({ mail: 'email' }),
  ],
  [
    'DL3062',
    'FROM a:1\nRUN go install example.com/tool@latest\n',
    'FROM a:1\nRUN go install example.com/tool@v1.2.3\n',
  ],
  [
    'DL3062',
    'FROM a:1\nRUN go get github.com/x/y\n',
    'FROM a:1\nRUN go install ./cmd/... && go run main.go && go build .\n',
  ],
  ['DL3064', 'FROM a:1\nARG GH_ENTERPRISE_TOKEN_X\nENV DB_USERNAME=x\n', 'FROM a:1\nARG VERSION\nENV PATH=/x\n'],
  ['DL3064', 'FROM a:1\nARG SECRET_FILE\n', 'FROM a:1\nARG SEC_LEVEL\n'],
  ['DL3066', 'FROM a:1\nUSER app\n', 'FROM a:1\nUSER 1000:1000\nUSER $APP_UID\n', on('DL3066')],
  ['DL3067', 'FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /\n', 'FROM a:1 AS b\nFROM c:1\nCOPY --from=b /app /\n'],
  ['DL4005', 'FROM a:1\nRUN ln -sf /bin/bash /bin/sh\n', 'FROM a:1\nRUN ln -sf /bin/bash /usr/local/bin/sh2\n'],
];

/** hadolint rules Berth does not implement, and the check that already reports what they would. */
export const HADOLINT_COVERED: Record<string, { by: string; text: string }> = {
  DL3011: { by: 'InvalidPort', text: 'FROM a:1\nEXPOSE 70000\n' },
  DL3012: { by: 'MultipleInstructionsDisallowed', text: 'FROM a:1\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n' },
  DL3024: { by: 'DuplicateStageName', text: 'FROM a:1 AS x\nFROM a:1 AS x\n' },
  DL3043: { by: 'OnbuildNotAllowed', text: 'FROM a:1\nONBUILD FROM b\n' },
  DL3061: { by: 'InstructionBeforeFrom', text: 'RUN x\nFROM a:1\n' },
  DL3063: { by: 'ReservedStageName', text: 'FROM a:1 AS context\n' },
  DL3065: { by: 'RedundantTargetPlatform', text: 'FROM --platform=$TARGETPLATFORM a:1\n' },
};
