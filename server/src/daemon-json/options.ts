// Our own description of every option dockerd reads from daemon.json (Linux; dockerd 26), written from moby's
// daemon/config package and dockerd's flags. The JSON schema (schema.ts) and the value checks (checks.ts) are both
// derived from this one table, so that completion, hover and diagnostics never disagree about an option.
//
// How dockerd reads the file, which the table has to respect:
// - Every key must be the long name of a dockerd flag or one of the map options (log-opts, runtimes, …). A key holding
//   any other object is a grouping: dockerd checks the names inside it and then ignores the whole object, except
//   `proxies`, which is read.
// - A few flag names pass the key check but are never read (IGNORED_KEYS), such as `label` for `labels`.
// - `null` leaves an option at its default.
// - Types are Go's: an int refuses 1.5 and "3"; a list refuses a bare string.

export type Localized = { en: string; 'zh-cn': string };

export type OptionKind =
  | 'boolean'
  | 'string'
  | 'integer'
  | 'string-list'
  | 'string-map' // {"k": "v"}
  | 'custom'; // described by `schema`

/** What a string value means, for the checks beyond the schema. */
export type ValueFormat =
  | 'ip'
  | 'ip-list'
  | 'cidr4-with-ip' // bip: an address with its prefix, 192.168.1.1/24
  | 'cidr4'
  | 'cidr6'
  | 'size' // 64m, 1g (units k, m, g, t, p; optional i and b)
  | 'abs-path'
  | 'path'
  | 'mirror-list'
  | 'insecure-registry-list'
  | 'host-list'
  | 'label-list'
  | 'dns-search-list'
  | 'log-level'
  | 'url';

export interface DaemonOption {
  key: string;
  kind: OptionKind;
  description: Localized;
  /** JSON Schema fragment, for kind 'custom' and for extra constraints (enum, minimum, pattern…). */
  schema?: Record<string, unknown>;
  format?: ValueFormat;
  default?: unknown;
  /** Values offered by completion without restricting what is accepted. */
  examples?: readonly unknown[];
  deprecated?: Localized;
}

/** Keys dockerd no longer accepts, each with what to use instead; dockerd 26 refuses to start with any of them. */
export const REMOVED_OPTIONS: Record<string, { since: string; replacement?: string }> = {
  graph: { since: '23.0', replacement: 'data-root' },
  'cluster-store': { since: '23.0' },
  'cluster-advertise': { since: '23.0' },
  'cluster-store-opts': { since: '23.0' },
  'disable-legacy-registry': { since: '19.03' },
  'oom-score-adjust': { since: '25.0' },
  'default-init': { since: '(never a daemon.json key)', replacement: 'init-path' },
};

/**
 * Names dockerd accepts without reading them: each is the name of a flag, so the key check passes, but the
 * configuration has no field of that name, so the value is dropped whatever its type. Most are the singular flag
 * name of a list option (--label vs "labels"): a silent trap, since the daemon starts and the setting does nothing.
 */
export const IGNORED_KEYS: Record<string, { use?: string }> = {
  ...Object.fromEntries(
    [
      'authorization-plugin',
      'cdi-spec-dir',
      'default-address-pool',
      'default-network-opt',
      'default-ulimit',
      'dns-opt',
      'exec-opt',
      'host',
      'label',
      'log-opt',
      'node-generic-resource',
      'registry-mirror',
      'storage-opt',
    ].map((flag) => [flag, { use: `${flag}s` }]),
  ),
  'add-runtime': { use: 'runtimes' },
  'insecure-registry': { use: 'insecure-registries' },
  ...Object.fromEntries(['http-proxy', 'https-proxy', 'no-proxy'].map((flag) => [flag, { use: `proxies.${flag}` }])),
  // dockerd 26 reads this setting from "containerd-plugin-namespace", which its key check refuses.
  'containerd-plugins-namespace': {},
};

const SIZE_PATTERN = '^[0-9]+(\\.[0-9]+)? ?[kKmMgGtTpP]?[iI]?[bB]?$';

const l = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });

/** The schema of an object keyed by names of the user's choosing (runtimes, drivers, features), each value `values`. */
const byName = (values: Record<string, unknown>): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: values,
});

// Per-driver log options: what the common drivers accept, so completion can offer them for the driver in use.
export const LOG_OPTS_BY_DRIVER: Record<string, Record<string, Localized>> = {
  'json-file': {
    'max-size': l(
      'Largest size of one log file before it is rotated, with a unit: 10m, 1g. -1: unlimited.',
      '单个日志文件轮转前的最大大小，需带单位：10m、1g。-1 表示不限制。',
    ),
    'max-file': l(
      'How many rotated log files to keep (a number as a string, "3"). Needs max-size.',
      '保留的轮转日志文件个数（字符串形式的数字，如 "3"）。需同时设置 max-size。',
    ),
    compress: l('"true" compresses rotated files.', '为 "true" 时压缩已轮转的日志文件。'),
    labels: l('Comma-separated container labels to include in each log entry.', '写入每条日志的容器标签，逗号分隔。'),
    'labels-regex': l('Like labels, as a regular expression.', '与 labels 相同，但使用正则表达式。'),
    env: l('Comma-separated environment variables to include in each log entry.', '写入每条日志的环境变量，逗号分隔。'),
    'env-regex': l('Like env, as a regular expression.', '与 env 相同，但使用正则表达式。'),
    tag: l('A template for the tag of each entry, e.g. {{.Name}}.', '每条日志标记（tag）的模板，例如 {{.Name}}。'),
  },
  local: {
    'max-size': l(
      'Largest size of one log file before rotation, with a unit (default 20m).',
      '单个日志文件轮转前的最大大小，需带单位（默认 20m）。',
    ),
    'max-file': l('How many log files to keep (default "5").', '保留的日志文件个数（默认 "5"）。'),
    compress: l(
      '"false" turns off compression of rotated files (default "true").',
      '为 "false" 时不压缩已轮转的文件（默认 "true"）。',
    ),
  },
  syslog: {
    'syslog-address': l(
      'Where to send: udp://host:514, tcp://host:514, tcp+tls://host:6514 or unix:///dev/log.',
      '发送目标：udp://host:514、tcp://host:514、tcp+tls://host:6514 或 unix:///dev/log。',
    ),
    'syslog-facility': l(
      'The syslog facility: daemon, local0 … local7, user…',
      'syslog 设施：daemon、local0 … local7、user 等。',
    ),
    'syslog-format': l('rfc5424, rfc5424micro or rfc3164.', 'rfc5424、rfc5424micro 或 rfc3164。'),
    'syslog-tls-ca-cert': l('CA certificate for tcp+tls.', 'tcp+tls 使用的 CA 证书。'),
    'syslog-tls-cert': l('Client certificate for tcp+tls.', 'tcp+tls 使用的客户端证书。'),
    'syslog-tls-key': l('Client key for tcp+tls.', 'tcp+tls 使用的客户端私钥。'),
    'syslog-tls-skip-verify': l(
      '"true" skips verifying the server (insecure).',
      '为 "true" 时不校验服务器证书（不安全）。',
    ),
    tag: l('A template for the tag of each entry.', '每条日志标记（tag）的模板。'),
    labels: l('Comma-separated container labels to include.', '要附带的容器标签，逗号分隔。'),
    env: l('Comma-separated environment variables to include.', '要附带的环境变量，逗号分隔。'),
  },
  journald: {
    tag: l(
      'A template for the CONTAINER_TAG and SYSLOG_IDENTIFIER fields.',
      'CONTAINER_TAG 与 SYSLOG_IDENTIFIER 字段的模板。',
    ),
    labels: l('Comma-separated container labels to include.', '要附带的容器标签，逗号分隔。'),
    env: l('Comma-separated environment variables to include.', '要附带的环境变量，逗号分隔。'),
  },
  fluentd: {
    'fluentd-address': l(
      'host:port of the fluentd server (default localhost:24224).',
      'fluentd 服务器的 host:port（默认 localhost:24224）。',
    ),
    'fluentd-async': l(
      '"true" sends in the background, never blocking the container.',
      '为 "true" 时后台发送，不阻塞容器。',
    ),
    'fluentd-buffer-limit': l(
      'Entries kept in memory while fluentd is unreachable.',
      'fluentd 不可达时内存中缓存的日志条数。',
    ),
    tag: l('A template for the tag of each entry.', '每条日志标记（tag）的模板。'),
  },
  gelf: {
    'gelf-address': l(
      'udp://host:12201 or tcp://host:12201 of the GELF server.',
      'GELF 服务器地址，如 udp://host:12201 或 tcp://host:12201。',
    ),
    'gelf-compression-type': l('gzip, zlib or none.', 'gzip、zlib 或 none。'),
    tag: l('A template for the tag of each entry.', '每条日志标记（tag）的模板。'),
  },
};

export const LOG_DRIVERS = [
  'json-file',
  'local',
  'syslog',
  'journald',
  'fluentd',
  'gelf',
  'awslogs',
  'splunk',
  'gcplogs',
  'logentries',
  'none',
];

export const DAEMON_OPTIONS: readonly DaemonOption[] = [
  // Storage and paths
  {
    key: 'data-root',
    kind: 'string',
    format: 'abs-path',
    default: '/var/lib/docker',
    description: l(
      'Where dockerd keeps images, containers and volumes. Put it on a large, fast disk; it must be an absolute path. Moving it does not move existing data.',
      '镜像、容器和数据卷的存放目录。应放在空间大、速度快的磁盘上，且必须是绝对路径。修改后原有数据不会自动迁移。',
    ),
  },
  {
    key: 'exec-root',
    kind: 'string',
    format: 'abs-path',
    default: '/var/run/docker',
    description: l('Where dockerd keeps its run-time state.', 'dockerd 运行时状态的存放目录。'),
  },
  {
    key: 'storage-driver',
    kind: 'string',
    examples: ['overlay2', 'fuse-overlayfs', 'btrfs', 'zfs', 'vfs'],
    description: l(
      'The storage driver. overlay2 is the right choice almost everywhere; changing it hides existing images and containers.',
      '存储驱动。几乎所有场景都应使用 overlay2；更换后已有的镜像和容器将不可见。',
    ),
  },
  {
    key: 'storage-opts',
    kind: 'string-list',
    examples: [['overlay2.size=20G']],
    description: l('Options of the storage driver, as "name=value".', '存储驱动的选项，格式为 "name=value"。'),
  },
  {
    key: 'pidfile',
    kind: 'string',
    format: 'abs-path',
    default: '/var/run/docker.pid',
    description: l("Path of the daemon's PID file.", '守护进程 PID 文件的路径。'),
  },
  // Registries
  {
    key: 'registry-mirrors',
    kind: 'string-list',
    format: 'mirror-list',
    examples: [['https://mirror.example.com']],
    description: l(
      'Mirrors of Docker Hub, tried before Docker Hub itself. Each needs its scheme: https://… (or http://…).',
      'Docker Hub 的镜像加速器，拉取时优先使用。每一项都必须带协议头：https://…（或 http://…）。',
    ),
  },
  {
    key: 'insecure-registries',
    kind: 'string-list',
    format: 'insecure-registry-list',
    examples: [['harbor.example.com:80']],
    description: l(
      'Registries reached over plain HTTP or with an unverified certificate, as host:port or a CIDR, without a scheme. Loopback addresses are insecure by default.',
      '通过明文 HTTP 或不校验证书访问的仓库，写成 host:port 或 CIDR，不带协议头。回环地址默认即视为不安全仓库。',
    ),
  },
  {
    key: 'allow-nondistributable-artifacts',
    kind: 'string-list',
    description: l(
      'Registries to which foreign (non-distributable) layers may be pushed, as host:port or a CIDR, without a scheme.',
      '允许推送外部（不可分发）层的仓库，写成 host:port 或 CIDR，不带协议头。',
    ),
  },
  {
    key: 'max-concurrent-downloads',
    kind: 'integer',
    default: 3,
    schema: { minimum: 0 },
    description: l('Layers pulled at once per pull.', '每次拉取时并发下载的层数。'),
  },
  {
    key: 'max-concurrent-uploads',
    kind: 'integer',
    default: 5,
    schema: { minimum: 0 },
    description: l('Layers pushed at once per push.', '每次推送时并发上传的层数。'),
  },
  {
    key: 'max-download-attempts',
    kind: 'integer',
    default: 5,
    schema: { minimum: 0 },
    description: l('Attempts per layer before a pull fails.', '每个层下载失败后的最大重试次数。'),
  },
  // Logging of containers
  {
    key: 'log-driver',
    kind: 'string',
    default: 'json-file',
    examples: LOG_DRIVERS,
    description: l(
      'The default logging driver of new containers. Only json-file, local and journald keep logs that `docker logs` can read.',
      '新建容器默认使用的日志驱动。只有 json-file、local 和 journald 的日志能被 `docker logs` 读取。',
    ),
  },
  {
    key: 'log-opts',
    kind: 'string-map',
    description: l(
      'Options of the logging driver. Every value is a string: "max-size": "10m", "max-file": "3". Without max-size, json-file logs grow until the disk is full.',
      '日志驱动的选项，所有值都是字符串，如 "max-size": "10m"、"max-file": "3"。json-file 不设 max-size 时日志会一直增长直到占满磁盘。',
    ),
  },
  // Logging of the daemon
  {
    key: 'debug',
    kind: 'boolean',
    default: false,
    description: l('Debug logging of the daemon.', '开启守护进程的调试日志。'),
  },
  {
    key: 'log-level',
    kind: 'string',
    format: 'log-level',
    default: 'info',
    examples: ['debug', 'info', 'warn', 'error', 'fatal'],
    description: l(
      "Level of the daemon's own log: trace, debug, info, warn, error, fatal or panic.",
      '守护进程自身日志的级别：trace、debug、info、warn、error、fatal 或 panic。',
    ),
  },
  {
    key: 'log-format',
    kind: 'string',
    default: 'text',
    schema: { enum: ['text', 'json'] },
    description: l("Format of the daemon's own log.", '守护进程自身日志的格式。'),
  },
  {
    key: 'raw-logs',
    kind: 'boolean',
    default: false,
    description: l("Full timestamps and no colours in the daemon's log.", '守护进程日志使用完整时间戳且不带颜色。'),
  },
  // Remote access
  {
    key: 'hosts',
    kind: 'string-list',
    format: 'host-list',
    examples: [['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376']],
    description: l(
      'Sockets the daemon listens on: unix://, tcp://host:port, fd://. Conflicts with -H in the service unit: set it in one place only. A tcp:// socket without TLS gives root on this machine to anyone who can reach it.',
      '守护进程监听的套接字：unix://、tcp://host:port、fd://。与服务单元中的 -H 冲突，只能在一处设置。不启用 TLS 的 tcp:// 套接字会把本机 root 权限交给任何能访问它的人。',
    ),
  },
  {
    key: 'tls',
    kind: 'boolean',
    default: false,
    description: l(
      'Serve TCP sockets with TLS (needs tlscert and tlskey).',
      '对 TCP 套接字启用 TLS（需要 tlscert 和 tlskey）。',
    ),
  },
  {
    key: 'tlsverify',
    kind: 'boolean',
    default: false,
    description: l(
      'Serve with TLS and accept only clients with a certificate signed by tlscacert. Needs tlscacert, tlscert and tlskey.',
      '启用 TLS 并只接受由 tlscacert 签发证书的客户端。需要 tlscacert、tlscert 和 tlskey。',
    ),
  },
  {
    key: 'tlscacert',
    kind: 'string',
    format: 'path',
    description: l('CA certificate that client certificates must be signed by.', '校验客户端证书所用的 CA 证书。'),
  },
  {
    key: 'tlscert',
    kind: 'string',
    format: 'path',
    description: l("The daemon's TLS certificate.", '守护进程的 TLS 证书。'),
  },
  {
    key: 'tlskey',
    kind: 'string',
    format: 'path',
    description: l("The daemon's TLS private key.", '守护进程的 TLS 私钥。'),
  },
  {
    key: 'group',
    kind: 'string',
    default: 'docker',
    description: l(
      'Group that owns the unix socket; its members can use Docker.',
      '拥有 unix 套接字的用户组，组内成员可以使用 Docker。',
    ),
  },
  {
    key: 'api-cors-header',
    kind: 'string',
    description: l(
      'CORS header for the remote API. Deprecated; prefer a proxy in front of the API.',
      '远程 API 的 CORS 头。已弃用，建议在 API 前使用代理。',
    ),
    deprecated: l('Deprecated since Docker 27.', '自 Docker 27 起弃用。'),
  },
  // Proxies
  {
    key: 'proxies',
    kind: 'custom',
    schema: { type: 'object' },
    description: l(
      'Proxies the daemon uses to pull and push: http-proxy, https-proxy, no-proxy.',
      '守护进程拉取和推送时使用的代理：http-proxy、https-proxy、no-proxy。',
    ),
  },
  {
    key: 'http-proxy',
    kind: 'string',
    format: 'url',
    description: l(
      'HTTP proxy for the daemon (pulls and pushes), e.g. http://proxy:3128.',
      '守护进程（拉取与推送）使用的 HTTP 代理，例如 http://proxy:3128。',
    ),
  },
  {
    key: 'https-proxy',
    kind: 'string',
    format: 'url',
    description: l('HTTPS proxy for the daemon.', '守护进程使用的 HTTPS 代理。'),
  },
  {
    key: 'no-proxy',
    kind: 'string',
    description: l('Comma-separated hosts reached without a proxy.', '不经代理直接访问的主机，逗号分隔。'),
  },
  // Networking
  {
    key: 'bip',
    kind: 'string',
    format: 'cidr4-with-ip',
    examples: ['172.17.0.1/16'],
    description: l(
      'Address and prefix of the default bridge (docker0), e.g. 192.168.200.1/24. Change it when 172.17.0.0/16 clashes with your network.',
      '默认网桥（docker0）的地址和前缀，例如 192.168.200.1/24。当 172.17.0.0/16 与所在网络冲突时修改它。',
    ),
  },
  {
    key: 'fixed-cidr',
    kind: 'string',
    format: 'cidr4',
    description: l(
      "Subnet, inside bip's, from which containers on the default bridge get addresses.",
      '默认网桥上容器分配地址所用的子网，须在 bip 的网段之内。',
    ),
  },
  {
    key: 'fixed-cidr-v6',
    kind: 'string',
    format: 'cidr6',
    description: l('IPv6 subnet for containers on the default bridge.', '默认网桥上容器使用的 IPv6 子网。'),
  },
  {
    key: 'default-address-pools',
    kind: 'custom',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          base: { type: 'string', description: 'CIDR' },
          size: { type: 'integer', minimum: 1, maximum: 128 },
        },
        required: ['base', 'size'],
      },
    },
    examples: [[{ base: '10.200.0.0/16', size: 24 }]],
    description: l(
      'Address pools user-defined networks are cut from: each pool is a base CIDR and the prefix size of each network. Keep them clear of your LAN and of bip.',
      '用户自定义网络分配子网所用的地址池：每个池由基础 CIDR 和每个网络的前缀长度组成。应避开局域网和 bip 的网段。',
    ),
  },
  {
    key: 'default-network-opts',
    kind: 'custom',
    schema: byName(byName({ type: 'string' })),
    description: l(
      'Default options per network driver, e.g. {"bridge": {"com.docker.network.bridge.mtu": "1400"}}.',
      '各网络驱动的默认选项，例如 {"bridge": {"com.docker.network.bridge.mtu": "1400"}}。',
    ),
  },
  {
    key: 'bridge',
    kind: 'string',
    description: l(
      'Use this existing bridge instead of docker0; "none" disables the default bridge.',
      '使用已有网桥代替 docker0；"none" 表示不创建默认网桥。',
    ),
  },
  {
    key: 'mtu',
    kind: 'integer',
    schema: { minimum: 0 },
    description: l('MTU of the default bridge.', '默认网桥的 MTU。'),
  },
  {
    key: 'ip',
    kind: 'string',
    format: 'ip',
    default: '0.0.0.0',
    description: l(
      'Default host address for published ports; 127.0.0.1 keeps them local.',
      '发布端口时默认绑定的宿主机地址；设为 127.0.0.1 可只在本机访问。',
    ),
  },
  {
    key: 'ipv6',
    kind: 'boolean',
    default: false,
    description: l(
      'IPv6 on the default bridge (needs fixed-cidr-v6).',
      '在默认网桥上启用 IPv6（需要 fixed-cidr-v6）。',
    ),
  },
  {
    key: 'iptables',
    kind: 'boolean',
    default: true,
    description: l(
      'Let dockerd manage iptables rules. Turning it off breaks published ports and outbound traffic unless you write the rules yourself.',
      '允许 dockerd 管理 iptables 规则。关闭后除非自行编写规则，否则端口发布和出站流量都会失效。',
    ),
  },
  {
    key: 'ip6tables',
    kind: 'boolean',
    description: l('Let dockerd manage ip6tables rules.', '允许 dockerd 管理 ip6tables 规则。'),
  },
  {
    key: 'ip-forward',
    kind: 'boolean',
    default: true,
    description: l('Turn on IP forwarding in the kernel.', '在内核中开启 IP 转发。'),
  },
  {
    key: 'ip-masq',
    kind: 'boolean',
    default: true,
    description: l("Masquerade containers' outbound traffic.", '对容器的出站流量做地址伪装。'),
  },
  {
    key: 'icc',
    kind: 'boolean',
    default: true,
    description: l('Let containers on the default bridge talk to each other.', '允许默认网桥上的容器相互通信。'),
  },
  {
    key: 'userland-proxy',
    kind: 'boolean',
    default: true,
    description: l(
      'Use docker-proxy for published ports (loopback and hairpin traffic).',
      '对发布的端口使用 docker-proxy（用于回环和回流流量）。',
    ),
  },
  {
    key: 'userland-proxy-path',
    kind: 'string',
    format: 'abs-path',
    description: l('Path of the docker-proxy binary.', 'docker-proxy 程序的路径。'),
  },
  {
    key: 'default-gateway',
    kind: 'string',
    format: 'ip',
    description: l('Default gateway of containers on the default bridge.', '默认网桥上容器的默认网关。'),
  },
  {
    key: 'default-gateway-v6',
    kind: 'string',
    format: 'ip',
    description: l('IPv6 default gateway of containers on the default bridge.', '默认网桥上容器的 IPv6 默认网关。'),
  },
  {
    key: 'host-gateway-ip',
    kind: 'string',
    format: 'ip',
    description: l(
      'Address that the special name host-gateway (--add-host) stands for.',
      '特殊名称 host-gateway（--add-host）所指向的地址。',
    ),
  },
  {
    key: 'dns',
    kind: 'string-list',
    format: 'ip-list',
    examples: [['223.5.5.5', '8.8.8.8']],
    description: l('DNS servers of containers, as IP addresses.', '容器使用的 DNS 服务器，需写 IP 地址。'),
  },
  {
    key: 'dns-opts',
    kind: 'string-list',
    description: l('resolv.conf options of containers, e.g. ndots:2.', '容器 resolv.conf 中的选项，例如 ndots:2。'),
  },
  {
    key: 'dns-search',
    kind: 'string-list',
    format: 'dns-search-list',
    description: l('DNS search domains of containers.', '容器的 DNS 搜索域。'),
  },
  {
    key: 'network-control-plane-mtu',
    kind: 'integer',
    description: l("MTU of swarm's control-plane traffic.", 'swarm 控制平面流量的 MTU。'),
  },
  {
    key: 'network-diagnostic-port',
    kind: 'integer',
    description: l('Port of the network diagnostic server (0: off).', '网络诊断服务的端口（0 表示关闭）。'),
  },
  // Runtime and containers
  {
    key: 'live-restore',
    kind: 'boolean',
    default: false,
    description: l(
      'Keep containers running while dockerd stops or restarts. Not compatible with swarm mode.',
      '在 dockerd 停止或重启期间保持容器运行。与 swarm 模式不兼容。',
    ),
  },
  {
    key: 'shutdown-timeout',
    kind: 'integer',
    default: 15,
    description: l(
      'Seconds to wait for containers to stop when dockerd shuts down.',
      '关闭 dockerd 时等待容器停止的秒数。',
    ),
  },
  {
    key: 'default-runtime',
    kind: 'string',
    default: 'runc',
    description: l('OCI runtime of new containers.', '新建容器默认使用的 OCI 运行时。'),
  },
  {
    key: 'runtimes',
    kind: 'custom',
    schema: byName({
      type: 'object',
      properties: {
        path: { type: 'string' },
        runtimeArgs: { type: 'array', items: { type: 'string' } },
        runtimeType: { type: 'string' },
        options: { type: 'object' },
      },
    }),
    description: l(
      'Extra OCI runtimes by name: {"nvidia": {"path": "nvidia-container-runtime"}}.',
      '按名称注册的额外 OCI 运行时：{"nvidia": {"path": "nvidia-container-runtime"}}。',
    ),
  },
  {
    key: 'exec-opts',
    kind: 'string-list',
    examples: [['native.cgroupdriver=systemd']],
    description: l(
      'Runtime options, e.g. native.cgroupdriver=systemd.',
      '运行时选项，例如 native.cgroupdriver=systemd。',
    ),
  },
  {
    key: 'default-ulimits',
    kind: 'custom',
    schema: byName({
      type: 'object',
      properties: { Name: { type: 'string' }, Hard: { type: 'integer' }, Soft: { type: 'integer' } },
    }),
    examples: [{ nofile: { Name: 'nofile', Hard: 65536, Soft: 65536 } }],
    description: l(
      'Default ulimits of containers: {"nofile": {"Name": "nofile", "Hard": 65536, "Soft": 65536}}.',
      '容器默认的 ulimit：{"nofile": {"Name": "nofile", "Hard": 65536, "Soft": 65536}}。',
    ),
  },
  {
    key: 'default-shm-size',
    kind: 'string',
    format: 'size',
    default: '64M',
    schema: { pattern: SIZE_PATTERN },
    description: l('Default size of /dev/shm, with a unit: 64M, 1G.', '/dev/shm 的默认大小，需带单位：64M、1G。'),
  },
  {
    key: 'default-ipc-mode',
    kind: 'string',
    default: 'private',
    schema: { enum: ['private', 'shareable'] },
    description: l('Default IPC mode of containers.', '容器默认的 IPC 模式。'),
  },
  {
    key: 'default-cgroupns-mode',
    kind: 'string',
    default: 'private',
    schema: { enum: ['private', 'host'] },
    description: l('Default cgroup namespace mode of containers.', '容器默认的 cgroup 命名空间模式。'),
  },
  { key: 'cgroup-parent', kind: 'string', description: l('Parent cgroup of all containers.', '所有容器的父 cgroup。') },
  {
    key: 'cpu-rt-period',
    kind: 'integer',
    description: l(
      'Real-time CPU period of the parent cgroup, in microseconds.',
      '父 cgroup 的实时 CPU 周期（微秒）。',
    ),
  },
  {
    key: 'cpu-rt-runtime',
    kind: 'integer',
    description: l(
      'Real-time CPU runtime of the parent cgroup, in microseconds.',
      '父 cgroup 的实时 CPU 运行时间（微秒）。',
    ),
  },
  {
    key: 'init',
    kind: 'boolean',
    default: false,
    description: l(
      'Run an init process (docker-init) as PID 1 in every container.',
      '在每个容器中以 PID 1 运行 init 进程（docker-init）。',
    ),
  },
  {
    key: 'init-path',
    kind: 'string',
    format: 'abs-path',
    description: l('Path of the init binary.', 'init 程序的路径。'),
  },
  {
    key: 'no-new-privileges',
    kind: 'boolean',
    default: false,
    description: l('Set no-new-privileges on every new container.', '为每个新容器设置 no-new-privileges。'),
  },
  {
    key: 'seccomp-profile',
    kind: 'string',
    description: l(
      'Seccomp profile of containers: a path, or "unconfined".',
      '容器的 seccomp 配置：文件路径或 "unconfined"。',
    ),
  },
  {
    key: 'selinux-enabled',
    kind: 'boolean',
    default: false,
    description: l('SELinux labelling of containers.', '为容器启用 SELinux 标签。'),
  },
  {
    key: 'userns-remap',
    kind: 'string',
    examples: ['default'],
    description: l(
      'Map container root to an unprivileged user: "default", a user, or user:group. Existing images and containers are hidden while it is on.',
      '把容器内的 root 映射为宿主机上的非特权用户："default"、用户名或 user:group。开启后已有镜像和容器将不可见。',
    ),
  },
  {
    key: 'rootless',
    kind: 'boolean',
    description: l('Rootless mode (set by dockerd-rootless.sh).', 'rootless 模式（由 dockerd-rootless.sh 设置）。'),
  },
  {
    key: 'cdi-spec-dirs',
    kind: 'string-list',
    description: l('Folders with CDI device specifications.', '存放 CDI 设备规格的目录。'),
  },
  // Engine parts
  {
    key: 'containerd',
    kind: 'string',
    description: l(
      "Address of an external containerd; empty starts dockerd's own.",
      '外部 containerd 的地址；留空则由 dockerd 自行启动。',
    ),
  },
  {
    key: 'containerd-namespace',
    kind: 'string',
    default: 'moby',
    description: l('containerd namespace for containers.', '容器使用的 containerd 命名空间。'),
  },
  {
    key: 'cri-containerd',
    kind: 'boolean',
    description: l('Start containerd with its CRI plugin.', '启动 containerd 时启用 CRI 插件。'),
  },
  {
    key: 'authorization-plugins',
    kind: 'string-list',
    description: l('Authorization plugins to load.', '要加载的授权插件。'),
  },
  {
    key: 'labels',
    kind: 'string-list',
    format: 'label-list',
    description: l('Labels of this daemon, as "key=value".', '本守护进程的标签，格式为 "key=value"。'),
  },
  {
    key: 'experimental',
    kind: 'boolean',
    default: false,
    description: l('Experimental features of the daemon.', '启用守护进程的实验性功能。'),
  },
  {
    key: 'features',
    kind: 'custom',
    schema: byName({ type: 'boolean' }),
    examples: [{ buildkit: true, 'containerd-snapshotter': true }],
    description: l(
      'Feature switches, e.g. {"buildkit": true, "containerd-snapshotter": true}.',
      '功能开关，例如 {"buildkit": true, "containerd-snapshotter": true}。',
    ),
  },
  {
    key: 'builder',
    kind: 'custom',
    schema: { type: 'object' },
    examples: [{ gc: { enabled: true, defaultKeepStorage: '20GB' } }],
    description: l(
      'BuildKit settings: garbage collection (gc), entitlements and history.',
      'BuildKit 设置：垃圾回收（gc）、权限（entitlements）和构建历史。',
    ),
  },
  {
    key: 'metrics-addr',
    kind: 'string',
    examples: ['127.0.0.1:9323'],
    description: l(
      'Address of the Prometheus metrics endpoint, e.g. 127.0.0.1:9323.',
      'Prometheus 指标接口的地址，例如 127.0.0.1:9323。',
    ),
  },
  {
    key: 'node-generic-resources',
    kind: 'string-list',
    description: l(
      'Swarm generic resources of this node, e.g. "gpu=UUID1".',
      '本节点的 swarm 通用资源，例如 "gpu=UUID1"。',
    ),
  },
  {
    key: 'swarm-default-advertise-addr',
    kind: 'string',
    description: l('Default address or interface swarm advertises.', 'swarm 默认通告的地址或网卡。'),
  },
];

/** Options whose value is a map of their own; an object under any other key is a grouping that dockerd flattens. */
export const MAP_OPTIONS = ['log-opts', 'runtimes', 'default-ulimits', 'features', 'builder', 'default-network-opts'];

export const OPTIONS_BY_KEY: ReadonlyMap<string, DaemonOption> = new Map(DAEMON_OPTIONS.map((o) => [o.key, o]));
