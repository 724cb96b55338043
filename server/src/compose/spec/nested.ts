// Nested objects used by service attributes: build, deploy, develop, healthcheck, hooks, long syntaxes, limits.
import * as s from './builders';
import type { SpecNode } from './types';

/** One ulimit: a single number for both limits, or separate soft and hard limits. */
export const ulimits: SpecNode = s.map(
  'Kernel resource limits (nofile, nproc, memlock, …) for the container.',
  {
    kinds: ['integer', 'object'],
    description: 'The limit as one number (soft = hard), or `soft` and `hard` separately.',
    properties: {
      soft: s.int('Limit the kernel enforces by default; a process may raise it up to `hard`.'),
      hard: s.int('Ceiling the soft limit can be raised to.'),
    },
    required: ['soft', 'hard'],
  },
  { keyPattern: /^[a-z]+$/ },
);

/** Short `source` form or long form of a secret/config granted to a service. */
export function grant(what: 'secret' | 'config'): SpecNode {
  return s.list(
    `${what === 'secret' ? 'Secrets' : 'Configs'} the service may read, by name or in long form.`,
    s.strOrObj(
      `The name of a top-level ${what}, or a long form with its mount details.`,
      {
        source: s.str(`Name of the top-level ${what} to grant.`, { ref: what }),
        target: s.str(
          what === 'secret'
            ? 'File name under /run/secrets, or an absolute path in the container.'
            : 'Path of the file in the container (defaults to /<source>).',
        ),
        uid: s.str('Numeric owner of the mounted file.'),
        gid: s.str('Numeric group of the mounted file.'),
        mode: s.numOrStr('File permissions, usually written in octal such as 0440.'),
      },
      { ref: what, required: ['source'] },
    ),
  );
}

const extraHosts = (): SpecNode => ({
  kinds: ['array', 'object'],
  description: "Extra lines for the container's /etc/hosts, as `host:ip`/`host=ip` entries or a host → address map.",
  items: s.str('A `hostname=ip` (or `hostname:ip`) entry.', { format: 'extra-host' }),
  uniqueItems: true,
  values: {
    kinds: ['string', 'array'],
    description: 'The address (or addresses) of this host name.',
    items: s.str('An IP address.'),
  },
});
export { extraHosts };

export const build: SpecNode = s.strOrObj(
  "How to build the service's image: a context path, or an object with the context, Dockerfile, args and build options.",
  {
    context: s.str("Folder (or Git URL) sent to the builder; relative paths start at the compose file's folder.", {
      default: '.',
    }),
    dockerfile: s.str('The Dockerfile to use, relative to the context.', { default: 'Dockerfile' }),
    dockerfile_inline: s.str("The Dockerfile's text written inline, instead of a file."),
    entitlements: s.strList('Extra privileges the build may use, such as `network.host` or `security.insecure`.'),
    args: s.listOrDict("Build arguments: values for the Dockerfile's ARG instructions."),
    ssh: s.listOrDict('SSH agent sockets or keys exposed to the build (`default` or `id=path`).', {
      uniqueItems: true,
    }),
    labels: s.listOrDict('Labels added to the built image.'),
    cache_from: s.strList('Images or cache sources the build may reuse layers from.'),
    cache_to: s.strList('Where to export the build cache.'),
    no_cache: s.bool('Build every step again, ignoring the cache.', { default: false }),
    no_cache_filter: s.strOrList('Stages to rebuild without cache.'),
    additional_contexts: s.listOrDict(
      'Named extra contexts (path, image or URL) that the Dockerfile can refer to with --from.',
    ),
    network: s.str('Network used by RUN steps (`host`, `none`, or a network name).'),
    provenance: {
      kinds: ['string', 'boolean'],
      description: 'Whether (and how) to attach a provenance attestation to the image.',
    },
    sbom: {
      kinds: ['string', 'boolean'],
      description: 'Whether (and how) to attach a software bill of materials to the image.',
    },
    pull: s.bool('Always pull the base images, even when a local copy exists.', { default: false }),
    target: s.str('The Dockerfile stage to build; later stages are skipped.'),
    shm_size: s.numOrStr('Size of /dev/shm during the build, in bytes or with a unit (64m).', { format: 'bytes' }),
    extra_hosts: extraHosts(),
    isolation: s.str('Isolation technology used by the build (Windows containers).'),
    privileged: s.bool('Run the build with extended privileges.', { default: false }),
    secrets: grant('secret'),
    tags: s.strList('Extra tags given to the built image.'),
    ulimits,
    platforms: s.strList('Target platforms of a multi-platform build, such as linux/amd64.'),
  },
);

const restartDetails = (what: string): SpecNode =>
  s.obj(`How Swarm ${what} a service's tasks.`, {
    parallelism: s.int('How many containers are handled at once (0 = all).'),
    delay: s.str('Wait between groups of containers.', { format: 'duration' }),
    failure_action: s.str('What to do when a change fails: continue, pause or rollback.'),
    monitor: s.str('How long each task is watched for failure after the change.', { format: 'duration' }),
    max_failure_ratio: s.num('Share of failures tolerated during the change.'),
    order: s.str('Whether new tasks start before the old ones stop, or after.', {
      enum: ['start-first', 'stop-first'],
    }),
  });

const deviceRequest = (about: string, extra: Partial<SpecNode> = {}): SpecNode =>
  s.obj(
    about,
    {
      capabilities: s.strList('Capabilities the device must have, such as `gpu`.'),
      count: { kinds: ['string', 'integer'], description: 'How many devices to reserve, or `all`.' },
      device_ids: s.strList('Specific device IDs to reserve.'),
      driver: s.str('Driver of the device, such as `nvidia`.'),
      options: s.listOrDict('Driver-specific options.'),
    },
    extra,
  );

const resourceSet = (what: string, extra: Record<string, SpecNode>): SpecNode =>
  s.obj(what, {
    cpus: s.numOrStr('CPU share, in number of cores (0.5 = half a core).', { format: 'cpus' }),
    memory: s.str('Memory amount, in bytes or with a unit (512m, 1g).', { format: 'bytes' }),
    ...extra,
  });

export const deploy: SpecNode = s.objOrNull(
  'How the service is deployed and run: replicas, resource limits, restart and update policies.',
  {
    mode: s.str('`replicated` (a set number of containers) or `global` (one per node).', { default: 'replicated' }),
    endpoint_mode: s.str('How clients reach the service: `vip` (virtual IP) or `dnsrr` (DNS round-robin).'),
    replicas: s.int('Number of containers to run for this service.', { default: 1, minimum: 0 }),
    labels: s.listOrDict('Labels on the service (not on its containers).'),
    rollback_config: restartDetails('rolls back'),
    update_config: restartDetails('updates'),
    resources: s.obj('Limits and reservations of CPU, memory and devices.', {
      limits: resourceSet('Upper bounds the containers cannot exceed.', {
        pids: s.int('Maximum number of processes.'),
      }),
      reservations: resourceSet('Resources guaranteed to the containers.', {
        generic_resources: s.list(
          'Generic (discrete) resources to reserve.',
          s.obj('One generic resource.', {
            discrete_resource_spec: s.obj('A counted resource.', {
              kind: s.str('Kind of resource.'),
              value: s.num('How many.'),
            }),
          }),
        ),
        devices: s.list(
          'Devices (such as GPUs) to reserve.',
          deviceRequest('One device request.', { required: ['capabilities'] }),
        ),
      }),
    }),
    restart_policy: s.obj('Whether and how containers are restarted when they exit (Swarm style).', {
      condition: s.str('`none`, `on-failure` or `any`.'),
      delay: s.str('Wait between restart attempts.', { format: 'duration' }),
      max_attempts: s.int('Give up after this many attempts.'),
      window: s.str('How long a restart must run to count as successful.', { format: 'duration' }),
    }),
    placement: s.obj('Constraints and preferences for where tasks run.', {
      constraints: s.strList('Node conditions, such as `node.role==manager`.'),
      preferences: s.list(
        'Spread strategies.',
        s.obj('One preference.', { spread: s.str('Node label to spread the tasks over.') }),
      ),
      max_replicas_per_node: s.int('Cap on the replicas one node may run.'),
    }),
  },
);

const hook = (about: string, extra: Record<string, SpecNode> = {}): SpecNode =>
  s.obj(about, {
    command: s.command('The command to run.'),
    user: s.str('User the command runs as.'),
    privileged: s.bool('Run the command with extended privileges.'),
    working_dir: s.str('Folder the command starts in.'),
    environment: s.listOrDict('Extra environment variables for the command.'),
    ...extra,
  });
export const serviceHook = hook("A command run inside the service's container.");
export const preStartHook = hook('A command run in a helper container before the service starts.', {
  image: s.str("Image of the helper container (defaults to the service's).", { format: 'image' }),
  per_replica: s.bool('Run once for each replica instead of once for the service.'),
});

export const develop: SpecNode = s.objOrNull(
  'Settings for `compose watch`: which source changes sync into the container or trigger a rebuild.',
  {
    watch: s.list(
      'Rules mapping source paths to actions.',
      s.obj(
        'One watch rule.',
        {
          ignore: s.strOrList('Patterns (relative to `path`) to ignore.'),
          include: s.strOrList('Only changes matching these patterns count.'),
          path: s.str('Source path to watch, relative to the compose file.'),
          action: s.str('What to do on a change.', {
            enum: ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'],
          }),
          target: s.str('Where synced files go in the container.'),
          exec: hook('Command run in the container after a `sync+exec`.'),
          initial_sync: s.bool('Sync the files once when watching starts.'),
        },
        { required: ['path', 'action'] },
      ),
    ),
  },
);

export const healthcheck: SpecNode = s.obj('How the engine checks that the container is healthy.', {
  disable: s.bool("Turn off the image's health check."),
  interval: s.str('Time between checks.', { format: 'duration', default: '30s' }),
  retries: s.int('Consecutive failures before the container is unhealthy.', { default: 3 }),
  test: {
    kinds: ['string', 'array'],
    description: 'The check: a shell string, or a list starting with NONE, CMD or CMD-SHELL.',
    items: s.str('One argument.'),
  },
  timeout: s.str('How long one check may take.', { format: 'duration', default: '30s' }),
  start_period: s.str('Grace period after start when failures do not count.', { format: 'duration', default: '0s' }),
  start_interval: s.str('Time between checks during the start period.', { format: 'duration', default: '5s' }),
});

export const logging: SpecNode = s.obj("Where the container's logs go.", {
  driver: s.str('Log driver, such as json-file, local, syslog or none.'),
  options: s.map('Options of the log driver (max-size, max-file, …).', {
    kinds: ['string', 'number', 'null'],
    description: 'Option value.',
  }),
});

export const portItem: SpecNode = {
  kinds: ['number', 'string', 'object'],
  format: 'port',
  description: 'A port: `[ip:][host:]container[/protocol]` (ranges allowed), a number, or the long form.',
  properties: {
    name: s.str('A name for the port, for documentation and tools.'),
    mode: s.str('`host` (publish on each node) or `ingress` (load-balanced).'),
    host_ip: s.str('Host address to bind to (all addresses when omitted).'),
    target: {
      kinds: ['integer', 'string'],
      description: 'Port (or range) inside the container.',
      format: 'port-range',
    },
    published: { kinds: ['string', 'integer'], description: 'Port (or range) on the host.', format: 'port-range' },
    protocol: s.str('`tcp` or `udp` (also `sctp`).', { default: 'tcp' }),
    app_protocol: s.str('The application protocol (http, grpc, …), for tools that care.'),
  },
};

export const volumeItem: SpecNode = s.strOrObj(
  'A mount: `source:target[:mode]` (a named volume or a host path), or the long form.',
  {
    type: s.str('Kind of mount.', { enum: ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'] }),
    source: s.str('Host path, volume name or image, depending on `type`.'),
    target: s.str('Path in the container where the mount appears.'),
    read_only: s.bool('Mount read-only.'),
    consistency: s.str('Consistency requirements of the mount (macOS).'),
    bind: s.obj('Options for bind mounts.', {
      propagation: s.str('Mount propagation (rprivate, shared, slave, …).'),
      create_host_path: s.bool('Create the host folder when it is missing.', { default: true }),
      recursive: s.str('How sub-mounts are handled.', { enum: ['enabled', 'disabled', 'writable', 'readonly'] }),
      selinux: s.str('SELinux relabelling: `z` shared, `Z` private.', { enum: ['z', 'Z'] }),
    }),
    volume: s.obj('Options for volume mounts.', {
      labels: s.listOrDict('Labels for a volume created for this mount.'),
      nocopy: s.bool("Do not copy the image's files into a new volume."),
      subpath: s.str('Mount only this folder of the volume.'),
    }),
    tmpfs: s.obj('Options for tmpfs mounts.', {
      size: {
        kinds: ['integer', 'string'],
        description: 'Size of the tmpfs, in bytes or with a unit.',
        format: 'bytes',
        minimum: 0,
      },
      mode: s.numOrStr('Permissions of the tmpfs root, in octal.'),
    }),
    image: s.obj('Options for image mounts.', { subpath: s.str('Mount only this folder of the image.') }),
  },
  { format: 'volume', required: ['type'] },
);

export const blkioConfig: SpecNode = (() => {
  const limit = (what: string) =>
    s.list(
      what,
      s.obj('A limit for one device.', {
        path: s.str('Device path.'),
        rate: s.numOrStr('The rate limit.', { format: 'bytes' }),
      }),
    );
  const iops = (what: string) =>
    s.list(
      what,
      s.obj('A limit for one device.', { path: s.str('Device path.'), rate: s.int('Operations per second.') }),
    );
  return s.obj('Block I/O limits and weights.', {
    device_read_bps: limit('Read rate limits (bytes per second) per device.'),
    device_read_iops: iops('Read rate limits (operations per second) per device.'),
    device_write_bps: limit('Write rate limits (bytes per second) per device.'),
    device_write_iops: iops('Write rate limits (operations per second) per device.'),
    weight: s.int('Relative block I/O weight, 10 to 1000.', { minimum: 10, maximum: 1000 }),
    weight_device: s.list(
      'Weights per device.',
      s.obj('A weight for one device.', { path: s.str('Device path.'), weight: s.int('Relative weight.') }),
    ),
  });
})();

export const gpus: SpecNode = {
  kinds: ['string', 'array'],
  enum: ['all'],
  description: 'GPUs given to the container: `all`, or a list of device requests.',
  items: deviceRequest('One GPU request.'),
};

export const dependsOn: SpecNode = s.refsOrMap(
  'service',
  'Services to start before this one; in map form, with the condition to wait for.',
  'Name of a service.',
  s.obj(
    'How to depend on that service.',
    {
      restart: s.bool('Restart this service when that one is updated.'),
      required: s.bool('Fail when that service is not started (false: only warn).', { default: true }),
      condition: s.str('What to wait for.', {
        enum: ['service_started', 'service_healthy', 'service_completed_successfully'],
        default: 'service_started',
      }),
    },
    { required: ['condition'] },
  ),
);

export const serviceNetworks: SpecNode = s.refsOrMap(
  'network',
  'Networks the service joins, by name, or as a map with per-network settings.',
  'Name of a top-level network.',
  s.objOrNull('Settings of the service on this network (may be empty).', {
    aliases: s.strList('Extra host names of the service on this network.'),
    interface_name: s.str('Name of the network interface in the container.'),
    ipv4_address: s.str('Fixed IPv4 address on this network.'),
    ipv6_address: s.str('Fixed IPv6 address on this network.'),
    link_local_ips: s.strList('Link-local addresses.'),
    mac_address: s.str('MAC address on this network.'),
    driver_opts: s.map('Driver options for this attachment.', s.numOrStr('Option value.')),
    priority: s.num('Order in which networks are connected (higher first).'),
    gw_priority: s.num('Which network provides the default gateway (highest wins).'),
  }),
);

export const envFile: SpecNode = s.strOrList("Files of `KEY=VALUE` lines added to the container's environment.", {
  items: s.strOrObj('A path, or a long form saying whether the file must exist.', {
    path: s.str('Path of the file, relative to the compose file.'),
    format: s.str('Format of the file (`raw` keeps values verbatim).'),
    required: s.bool('Fail when the file is missing.', { default: true }),
  }),
});

export const serviceModels: SpecNode = s.refsOrMap(
  'model',
  'AI models the service uses, by name or with the variables that receive their endpoint and name.',
  'Name of a top-level model.',
  s.objOrNull('How the model is passed to the service.', {
    endpoint_var: s.str("Environment variable that receives the model's URL."),
    model_var: s.str("Environment variable that receives the model's name."),
  }),
);
