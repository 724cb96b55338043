import * as l10n from '@vscode/l10n';
import { translated } from '../l10n/locale';
// Reference texts for hover and completion: what each instruction, flag and directive does, in our own words.
// Plain data, so that completion, hover and signature help show the same words. The tables hold the English, which
// is translated where it is shown (translated(), l10n/locale.ts): they are built before the locale is known.

export interface InstructionDoc {
  /** One line: what it does. */
  summary: string;
  /** The forms it can be written in. */
  syntax: string[];
  example: string;
  /** Snippet inserted by completion (after the keyword). */
  snippet: string;
}

export const INSTRUCTION_DOCS: Readonly<Record<string, InstructionDoc>> = {
  FROM: {
    summary:
      'Starts a new build stage on top of an image (or an earlier stage). Every stage begins with FROM; `AS name` lets later stages and `COPY --from` refer to it.',
    syntax: ['FROM [--platform=<os/arch>] <image>[:<tag>|@<digest>] [AS <name>]'],
    example: 'FROM golang:1.22-alpine AS build',
    snippet: '${1:image}:${2:tag}${3: AS ${4:name}}',
  },
  RUN: {
    summary:
      "Runs a command while building and keeps the files it changed as a new layer. Shell form runs through the stage's SHELL (`/bin/sh -c` by default); exec form runs the program directly.",
    syntax: ['RUN [--mount=…] [--network=…] [--security=…] <command>', 'RUN ["program", "arg", …]', 'RUN <<EOF … EOF'],
    example:
      'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl',
    snippet: '${1:command}',
  },
  CMD: {
    summary:
      "The default command of a container started from the image; `docker run IMAGE args` replaces it. With an ENTRYPOINT, its items become the entrypoint's default arguments. Only the last CMD counts.",
    syntax: ['CMD ["program", "arg", …]', 'CMD ["arg", …]  (arguments for ENTRYPOINT)', 'CMD <command>'],
    example: 'CMD ["nginx", "-g", "daemon off;"]',
    snippet: '["${1:program}"${2:, "${3:arg}"}]',
  },
  ENTRYPOINT: {
    summary:
      'The program a container always runs; CMD and `docker run` arguments are appended to it in exec form. Shell form ignores them and does not pass signals, so prefer the JSON form.',
    syntax: ['ENTRYPOINT ["program", "arg", …]', 'ENTRYPOINT <command>'],
    example: 'ENTRYPOINT ["/usr/local/bin/app"]',
    snippet: '["${1:program}"]',
  },
  COPY: {
    summary:
      'Copies files from the build context, from an earlier stage (`--from=stage`) or from an image into the image. Sources are relative to the context and filtered by .dockerignore.',
    syntax: [
      'COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<mode>] [--link] [--parents] [--exclude=<pattern>] <src>… <dest>',
      'COPY ["<src>", …, "<dest>"]',
      'COPY <<EOF <dest>',
    ],
    example: 'COPY --from=build /out/app /usr/local/bin/app',
    snippet: '${1:src} ${2:dest}',
  },
  ADD: {
    summary:
      'Like COPY, but also fetches URLs and Git repositories and unpacks local tar archives. Prefer COPY for plain files; pin remote content with `--checksum`.',
    syntax: ['ADD [--chown=…] [--chmod=…] [--link] [--checksum=<digest>] [--keep-git-dir] [--exclude=…] <src>… <dest>'],
    example: 'ADD --checksum=sha256:… https://example.com/tool.tar.gz /opt/',
    snippet: '${1:src} ${2:dest}',
  },
  ARG: {
    summary:
      'Declares a build argument that `--build-arg NAME=value` can set, with an optional default. Before the first FROM it is global (usable in FROM lines); a stage must repeat `ARG NAME` to use a global one.',
    syntax: ['ARG <name>[=<default>] …'],
    example: 'ARG VERSION=1.0',
    snippet: '${1:NAME}${2:=${3:value}}',
  },
  ENV: {
    summary:
      'Sets environment variables for the rest of the stage, for stages built on it and for containers of the image.',
    syntax: ['ENV <key>=<value> …', 'ENV <key> <value>  (legacy)'],
    example: 'ENV PATH=/opt/app/bin:$PATH',
    snippet: '${1:KEY}=${2:value}',
  },
  LABEL: {
    summary: 'Adds metadata to the image as key=value pairs (see the org.opencontainers.image.* keys).',
    syntax: ['LABEL <key>=<value> …'],
    example: 'LABEL org.opencontainers.image.source="https://example.com/repo"',
    snippet: '${1:key}="${2:value}"',
  },
  EXPOSE: {
    summary:
      'Documents the ports the container listens on (tcp by default). It publishes nothing: `docker run -p` does.',
    syntax: ['EXPOSE <port>[/<tcp|udp|sctp>] …', 'EXPOSE <from>-<to>[/<protocol>]'],
    example: 'EXPOSE 8080/tcp',
    snippet: '${1:80}',
  },
  WORKDIR: {
    summary:
      'Sets the working directory for the following RUN, CMD, ENTRYPOINT, COPY and ADD, creating it if needed. Use absolute paths.',
    syntax: ['WORKDIR <path>'],
    example: 'WORKDIR /app',
    snippet: '${1:/path}',
  },
  USER: {
    summary:
      'Sets the user (and group) for the following RUN instructions and for containers of the image. Ending on a non-root user is safer.',
    syntax: ['USER <user>[:<group>]', 'USER <uid>[:<gid>]'],
    example: 'USER 10001:10001',
    snippet: '${1:user}',
  },
  VOLUME: {
    summary:
      'Marks paths as volumes: a container gets a fresh anonymous volume there unless one is mounted. Changes after this line in the build are discarded for those paths.',
    syntax: ['VOLUME ["<path>", …]', 'VOLUME <path> …'],
    example: 'VOLUME ["/data"]',
    snippet: '["${1:/data}"]',
  },
  HEALTHCHECK: {
    summary:
      'Tells the engine how to test that a container still works; a failing check marks it unhealthy. `HEALTHCHECK NONE` turns off a check inherited from the base image.',
    syntax: [
      'HEALTHCHECK [--interval=30s] [--timeout=30s] [--start-period=0s] [--start-interval=5s] [--retries=3] CMD <command>',
      'HEALTHCHECK NONE',
    ],
    example: 'HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost/ || exit 1',
    snippet: '--interval=${1:30s} --timeout=${2:3s} CMD ${3:command}',
  },
  SHELL: {
    summary:
      'Replaces the shell that runs shell-form RUN, CMD and ENTRYPOINT for the rest of the stage (default `["/bin/sh", "-c"]`). Must be JSON.',
    syntax: ['SHELL ["executable", "arg", …]'],
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    snippet: '["${1:/bin/bash}", "${2:-o}", "${3:pipefail}", "${4:-c}"]',
  },
  STOPSIGNAL: {
    summary: 'The signal sent to stop a container (default SIGTERM).',
    syntax: ['STOPSIGNAL <signal>'],
    example: 'STOPSIGNAL SIGQUIT',
    snippet: '${1:SIGTERM}',
  },
  ONBUILD: {
    summary:
      'Records an instruction that runs later, when another Dockerfile uses this image in its FROM. Cannot wrap FROM, MAINTAINER or ONBUILD.',
    syntax: ['ONBUILD <instruction>'],
    example: 'ONBUILD COPY . /app/src',
    snippet: '${1:instruction}',
  },
  MAINTAINER: {
    summary: 'Deprecated: sets the author field. Use `LABEL org.opencontainers.image.authors="…"` instead.',
    syntax: ['MAINTAINER <name>'],
    example: 'LABEL org.opencontainers.image.authors="team@example.com"',
    snippet: '${1:name}',
  },
};

/** Docs of flags, keyed by `INSTRUCTION --flag` (COPY and ADD share most). */
export const FLAG_DOCS: Readonly<Record<string, string>> = {
  'FROM platform':
    'Platform of the base image, as os/arch[/variant] (e.g. linux/arm64). Use `$BUILDPLATFORM` for stages that run tools on the build machine.',
  'RUN mount':
    "Mounts something only while this command runs, leaving nothing in the layer: `type=cache` (a persistent cache such as a package manager's), `bind` (files of the context or of a stage), `tmpfs`, `secret` (a secret file or env var), `ssh` (the SSH agent).",
  'RUN network': 'Network of the command: `default`, `none` (no network at all) or `host`.',
  'RUN security':
    '`insecure` runs the command with elevated privileges (needs the builder to allow it); `sandbox` is the default.',
  'RUN device': 'Makes a CDI device available to the command.',
  'COPY from': 'Copies from an earlier stage (by name or index) or from an image instead of the build context.',
  chown: 'Owner of the copied files, as user[:group] (names or numeric ids); root by default.',
  chmod: 'Permissions of the copied files, octal (0755) or symbolic (u+x).',
  link: 'Copies into an independent layer, so that changes to earlier layers do not invalidate it (faster rebuilds).',
  parents: 'Keeps the parent directories of the sources under the destination.',
  exclude: 'Skips paths matching this pattern (may be repeated).',
  'ADD checksum': 'Expected digest of a remote source (sha256:…); the build fails if the download differs.',
  'ADD keep-git-dir': 'Keeps the .git directory when adding a Git repository.',
  'ADD unpack': 'Whether to unpack a local or remote archive (default: local archives are unpacked).',
  'HEALTHCHECK interval': 'Time between two checks (default 30s).',
  'HEALTHCHECK timeout': 'A check running longer than this fails (default 30s).',
  'HEALTHCHECK start-period': 'Grace period after start during which failures do not count (default 0s).',
  'HEALTHCHECK start-interval': 'Time between checks during the start period (default 5s).',
  'HEALTHCHECK retries': 'Consecutive failures before the container is unhealthy (default 3).',
};

export function flagDoc(instruction: string, flag: string): string | undefined {
  const doc = FLAG_DOCS[`${instruction} ${flag}`] ?? FLAG_DOCS[flag];
  return doc && translated(doc);
}

export const DIRECTIVE_DOCS: Readonly<Record<string, { summary: string; snippet: string }>> = {
  syntax: {
    summary: 'The Dockerfile frontend to build with, e.g. docker/dockerfile:1 (the latest stable 1.x).',
    snippet: 'syntax=${1:docker/dockerfile:1}',
  },
  escape: {
    summary:
      'The escape and line-continuation character: `\\` (default) or `` ` `` (handy on Windows, where `\\` separates paths).',
    snippet: 'escape=${1|`,\\\\|}',
  },
  check: {
    summary:
      "Configures BuildKit's build checks: `skip=Rule1,Rule2` (or `skip=all`) and `error=true` to fail the build on a warning.",
    snippet: 'check=skip=${1:Rule}',
  },
};

/** What the builder defines without an ARG, for hover and completion. */
export function predefinedArgDoc(name: string): string {
  if (/^TARGET/.test(name))
    return l10n.t('Set by the builder: the platform the image is built for (with `--platform`).');
  if (/^BUILD(OS|ARCH|VARIANT|PLATFORM)$/.test(name))
    return l10n.t('Set by the builder: the platform of the machine that runs the build.');
  if (/proxy/i.test(name)) return l10n.t('Proxy setting passed with `--build-arg`; kept out of the build history.');
  if (name === 'SOURCE_DATE_EPOCH') return l10n.t('Timestamp for reproducible builds.');
  return l10n.t('A build argument the builder understands without an ARG declaration.');
}

export const MOUNT_KEY_DOCS: Readonly<Record<string, string>> = {
  type: 'bind (default), cache, tmpfs, secret or ssh.',
  target: 'Where the mount appears in the container.',
  source: 'Path in the `from` source (default: its root).',
  from: 'Stage or image to mount from (default: the build context).',
  readonly: 'Mount read-only.',
  rw: 'Allow writes (bind mounts; the writes are discarded).',
  id: 'Identifier of the cache, secret or SSH agent.',
  sharing: 'For caches used by concurrent builds: shared, private or locked.',
  mode: 'File mode (octal).',
  uid: 'Owner user id.',
  gid: 'Owner group id.',
  size: 'Maximum size of the tmpfs.',
  required: 'Fail when the secret or SSH agent is not provided.',
  env: 'Expose the secret as this environment variable instead of a file.',
};
