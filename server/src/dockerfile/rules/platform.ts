// Platform strings (`linux/arm64/v8`, `windows`, `x86_64`) read as containerd's platforms.Parse reads them: the OS
// and architecture names Go knows, with the aliases it normalises. FromPlatformFlagConstDisallowed and
// InvalidBaseImagePlatform both compare platforms through this.

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'windows',
  'zos',
  'wasip1',
]);
const KNOWN_ARCH = new Set([
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'armbe',
  'arm64',
  'arm64be',
  'ppc64',
  'ppc64le',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'riscv',
  'riscv64',
  's390',
  's390x',
  'sparc',
  'sparc64',
  'wasm',
]);
const ARCH_ALIASES: Readonly<Record<string, string>> = {
  i386: '386',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
};

/** OS and architecture of a platform string, normalised as containerd's platforms.Parse does; undefined if invalid. */
export function parsePlatform(value: string): { os: string; arch?: string } | undefined {
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_-]+$/.test(p))) return undefined;
  const os = (p: string) => (p === 'macos' ? 'darwin' : p);
  const arch = (p: string) => (Object.hasOwn(ARCH_ALIASES, p) ? ARCH_ALIASES[p]! : p);
  const [first = '', second] = parts;
  if (second === undefined) {
    // BuildKit fills the architecture from the machine it runs on, which is unknown here: only the OS is compared.
    if (KNOWN_OS.has(os(first))) return { os: os(first) };
    if (KNOWN_ARCH.has(arch(first))) return { os: 'linux', arch: arch(first) };
    return undefined;
  }
  return { os: os(first), arch: arch(second) };
}
