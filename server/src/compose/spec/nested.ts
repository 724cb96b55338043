// Nested objects used by service attributes: build, deploy, develop, healthcheck, hooks, long syntaxes, limits.
import {
  bool,
  command,
  int,
  list,
  listOrDict,
  map,
  NAME_PATTERN,
  num,
  numOrStr,
  obj,
  str,
  strList,
  strOrList,
  type SpecNode,
} from './types';

/** One ulimit: a single number for both limits, or separate soft and hard limits. */
export const ulimits: SpecNode = map(
  'Kernel resource limits (nofile, nproc, memlock, …) for the container.',
  {
    kinds: ['integer', 'object'],
    description: 'The limit as one number (soft = hard), or `soft` and `hard` separately.',
    properties: {
      soft: int('Limit the kernel enforces by default; a process may raise it up to `hard`.'),
      hard: int('Ceiling the soft limit can be raised to.'),
    },
    required: ['soft', 'hard'],
  },
  { keyPattern: /^[a-z]+$/ },
);

/** Short `source` form or long form of a secret/config granted to a service. */
export function grant(what: 'secret' | 'config'): SpecNode {
  return list(`${what === 'secret' ? 'Secrets' : 'Configs'} the service may read, by name or in long form.`, {
    kinds: ['string', 'object'],
    description: `The name of a top-level ${what}, or a long form with its mount details.`,
    ref: what,
    properties: {
      source: str(`Name of the top-level ${what} to grant.`, { ref: what }),
      target: str(
        what === 'secret'
          ? 'File name under /run/secrets, or an absolute path in the container.'
          : 'Path of the file in the container (defaults to /<source>).',
      ),
      uid: str('Numeric owner of the mounted file.'),
      gid: str('Numeric group of the mounted file.'),
      mode: numOrStr('File permissions, usually written in octal such as 0440.'),
    },
    required: ['source'],
  });
}

const extraHosts = (): SpecNode => ({
  kinds: ['array', 'object'],
  description: "Extra lines for the container's /etc/hosts, as `host:ip`/`host=ip` entries or a host → address map.",
  items: str('A `hostname=ip` (or `hostname:ip`) entry.', { format: 'extra-host' }),
  values: {
    kinds: ['string', 'array'],
    description: 'The address (or addresses) of this host name.',
    items: str('An IP address.'),
  },
});
export { extraHosts };

export const build: SpecNode = {
  kinds: ['string', 'object'],
  description:
    "How to build the service's image: a context path, or an object with the context, Dockerfile, args and build options.",
  properties: {
    context: str("Folder (or Git URL) sent to the builder; relative paths start at the compose file's folder.", {
      default: '.',
    }),
    dockerfile: str('The Dockerfile to use, relative to the context.', { default: 'Dockerfile' }),
    dockerfile_inline: str("The Dockerfile's text written inline, instead of a file."),
    entitlements: strList('Extra privileges the build may use, such as `network.host` or `security.insecure`.'),
    args: listOrDict("Build arguments: values for the Dockerfile's ARG instructions."),
    ssh: listOrDict('SSH agent sockets or keys exposed to the build (`default` or `id=path`).'),
    labels: listOrDict('Labels added to the built image.'),
    cache_from: strList('Images or cache sources the build may reuse layers from.'),
    cache_to: strList('Where to export the build cache.'),
    no_cache: bool('Build every step again, ignoring the cache.', { default: false }),
    no_cache_filter: strOrList('Stages to rebuild without cache.'),
    additional_contexts: listOrDict(
      'Named extra contexts (path, image or URL) that the Dockerfile can refer to with --from.',
    ),
    network: str('Network used by RUN steps (`host`, `none`, or a network name).'),
    provenance: {
      kinds: ['string', 'boolean'],
      description: 'Whether (and how) to attach a provenance attestation to the image.',
    },
    sbom: {
      kinds: ['string', 'boolean'],
      description: 'Whether (and how) to attach a software bill of materials to the image.',
    },
    pull: bool('Always pull the base images, even when a local copy exists.', { default: false }),
    target: str('The Dockerfile stage to build; later stages are skipped.'),
    shm_size: numOrStr('Size of /dev/shm during the build, in bytes or with a unit (64m).', { format: 'bytes' }),
    extra_hosts: extraHosts(),
    isolation: str('Isolation technology used by the build (Windows containers).'),
    privileged: bool('Run the build with extended privileges.', { default: false }),
    secrets: grant('secret'),
    tags: strList('Extra tags given to the built image.'),
    ulimits,
    platforms: strList('Target platforms of a multi-platform build, such as linux/amd64.'),
  },
};

const restartDetails = (what: string): SpecNode =>
  obj(`How Swarm ${what} a service's tasks.`, {
    parallelism: int('How many containers are handled at once (0 = all).'),
    delay: str('Wait between groups of containers.', { format: 'duration' }),
    failure_action: str('What to do when a change fails: continue, pause or rollback.'),
    monitor: str('How long each task is watched for failure after the change.', { format: 'duration' }),
    max_failure_ratio: num('Share of failures tolerated during the change.'),
    order: str('Whether new tasks start before the old ones stop, or after.', { enum: ['start-first', 'stop-first'] }),
  });

const deviceRequest = (about: string, extra: Partial<SpecNode> = {}): SpecNode =>
  obj(
    about,
    {
      capabilities: strList('Capabilities the device must have, such as `gpu`.'),
      count: { kinds: ['string', 'integer'], description: 'How many devices to reserve, or `all`.' },
      device_ids: strList('Specific device IDs to reserve.'),
      driver: str('Driver of the device, such as `nvidia`.'),
      options: listOrDict('Driver-specific options.'),
    },
    extra,
  );

const resourceSet = (what: string, extra: Record<string, SpecNode>): SpecNode =>
  obj(what, {
    cpus: numOrStr('CPU share, in number of cores (0.5 = half a core).', { format: 'cpus' }),
    memory: str('Memory amount, in bytes or with a unit (512m, 1g).', { format: 'bytes' }),
    ...extra,
  });

export const deploy: SpecNode = {
  kinds: ['object', 'null'],
  description: 'How the service is deployed and run: replicas, resource limits, restart and update policies.',
  properties: {
    mode: str('`replicated` (a set number of containers) or `global` (one per node).', { default: 'replicated' }),
    endpoint_mode: str('How clients reach the service: `vip` (virtual IP) or `dnsrr` (DNS round-robin).'),
    replicas: int('Number of containers to run for this service.', { default: 1, minimum: 0 }),
    labels: listOrDict('Labels on the service (not on its containers).'),
    rollback_config: restartDetails('rolls back'),
    update_config: restartDetails('updates'),
    resources: obj('Limits and reservations of CPU, memory and devices.', {
      limits: resourceSet('Upper bounds the containers cannot exceed.', { pids: int('Maximum number of processes.') }),
      reservations: resourceSet('Resources guaranteed to the containers.', {
        generic_resources: list(
          'Generic (discrete) resources to reserve.',
          obj('One generic resource.', {
            discrete_resource_spec: obj('A counted resource.', {
              kind: str('Kind of resource.'),
              value: num('How many.'),
            }),
          }),
        ),
        devices: list(
          'Devices (such as GPUs) to reserve.',
          deviceRequest('One device request.', { required: ['capabilities'] }),
        ),
      }),
    }),
    restart_policy: obj('Whether and how containers are restarted when they exit (Swarm style).', {
      condition: str('`none`, `on-failure` or `any`.'),
      delay: str('Wait between restart attempts.', { format: 'duration' }),
      max_attempts: int('Give up after this many attempts.'),
      window: str('How long a restart must run to count as successful.', { format: 'duration' }),
    }),
    placement: obj('Constraints and preferences for where tasks run.', {
      constraints: strList('Node conditions, such as `node.role==manager`.'),
      preferences: list(
        'Spread strategies.',
        obj('One preference.', { spread: str('Node label to spread the tasks over.') }),
      ),
      max_replicas_per_node: int('Cap on the replicas one node may run.'),
    }),
  },
};

const hook = (about: string, extra: Record<string, SpecNode> = {}): SpecNode =>
  obj(about, {
    command: command('The command to run.'),
    user: str('User the command runs as.'),
    privileged: bool('Run the command with extended privileges.'),
    working_dir: str('Folder the command starts in.'),
    environment: listOrDict('Extra environment variables for the command.'),
    ...extra,
  });
export const serviceHook = hook("A command run inside the service's container.");
export const preStartHook = hook('A command run in a helper container before the service starts.', {
  image: str("Image of the helper container (defaults to the service's).", { format: 'image' }),
  per_replica: bool('Run once for each replica instead of once for the service.'),
});

export const develop: SpecNode = {
  kinds: ['object', 'null'],
  description: 'Settings for `compose watch`: which source changes sync into the container or trigger a rebuild.',
  properties: {
    watch: list(
      'Rules mapping source paths to actions.',
      obj(
        'One watch rule.',
        {
          ignore: strOrList('Patterns (relative to `path`) to ignore.'),
          include: strOrList('Only changes matching these patterns count.'),
          path: str('Source path to watch, relative to the compose file.'),
          action: str('What to do on a change.', { enum: ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'] }),
          target: str('Where synced files go in the container.'),
          exec: hook('Command run in the container after a `sync+exec`.'),
          initial_sync: bool('Sync the files once when watching starts.'),
        },
        { required: ['path', 'action'] },
      ),
    ),
  },
};

export const healthcheck: SpecNode = obj('How the engine checks that the container is healthy.', {
  disable: bool("Turn off the image's health check."),
  interval: str('Time between checks.', { format: 'duration', default: '30s' }),
  retries: int('Consecutive failures before the container is unhealthy.', { default: 3 }),
  test: {
    kinds: ['string', 'array'],
    description: 'The check: a shell string, or a list starting with NONE, CMD or CMD-SHELL.',
    items: str('One argument.'),
  },
  timeout: str('How long one check may take.', { format: 'duration', default: '30s' }),
  start_period: str('Grace period after start when failures do not count.', { format: 'duration', default: '0s' }),
  start_interval: str('Time between checks during the start period.', { format: 'duration', default: '5s' }),
});

export const logging: SpecNode = obj("Where the container's logs go.", {
  driver: str('Log driver, such as json-file, local, syslog or none.'),
  options: map('Options of the log driver (max-size, max-file, …).', {
    kinds: ['string', 'number', 'null'],
    description: 'Option value.',
  }),
});

export const portItem: SpecNode = {
  kinds: ['number', 'string', 'object'],
  format: 'port',
  description: 'A port: `[ip:][host:]container[/protocol]` (ranges allowed), a number, or the long form.',
  properties: {
    name: str('A name for the port, for documentation and tools.'),
    mode: str('`host` (publish on each node) or `ingress` (load-balanced).'),
    host_ip: str('Host address to bind to (all addresses when omitted).'),
    target: {
      kinds: ['integer', 'string'],
      description: 'Port (or range) inside the container.',
      format: 'port-range',
    },
    published: { kinds: ['string', 'integer'], description: 'Port (or range) on the host.', format: 'port-range' },
    protocol: str('`tcp` or `udp` (also `sctp`).', { default: 'tcp' }),
    app_protocol: str('The application protocol (http, grpc, …), for tools that care.'),
  },
};

export const volumeItem: SpecNode = {
  kinds: ['string', 'object'],
  format: 'volume',
  description: 'A mount: `source:target[:mode]` (a named volume or a host path), or the long form.',
  properties: {
    type: str('Kind of mount.', { enum: ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'] }),
    source: str('Host path, volume name or image, depending on `type`.'),
    target: str('Path in the container where the mount appears.'),
    read_only: bool('Mount read-only.'),
    consistency: str('Consistency requirements of the mount (macOS).'),
    bind: obj('Options for bind mounts.', {
      propagation: str('Mount propagation (rprivate, shared, slave, …).'),
      create_host_path: bool('Create the host folder when it is missing.', { default: true }),
      recursive: str('How sub-mounts are handled.', { enum: ['enabled', 'disabled', 'writable', 'readonly'] }),
      selinux: str('SELinux relabelling: `z` shared, `Z` private.', { enum: ['z', 'Z'] }),
    }),
    volume: obj('Options for volume mounts.', {
      labels: listOrDict('Labels for a volume created for this mount.'),
      nocopy: bool("Do not copy the image's files into a new volume."),
      subpath: str('Mount only this folder of the volume.'),
    }),
    tmpfs: obj('Options for tmpfs mounts.', {
      size: {
        kinds: ['integer', 'string'],
        description: 'Size of the tmpfs, in bytes or with a unit.',
        format: 'bytes',
        minimum: 0,
      },
      mode: numOrStr('Permissions of the tmpfs root, in octal.'),
    }),
    image: obj('Options for image mounts.', { subpath: str('Mount only this folder of the image.') }),
  },
};

export const blkioConfig: SpecNode = (() => {
  const limit = (what: string) =>
    list(
      what,
      obj('A limit for one device.', {
        path: str('Device path.'),
        rate: numOrStr('The rate limit.', { format: 'bytes' }),
      }),
    );
  const iops = (what: string) =>
    list(what, obj('A limit for one device.', { path: str('Device path.'), rate: int('Operations per second.') }));
  return obj('Block I/O limits and weights.', {
    device_read_bps: limit('Read rate limits (bytes per second) per device.'),
    device_read_iops: iops('Read rate limits (operations per second) per device.'),
    device_write_bps: limit('Write rate limits (bytes per second) per device.'),
    device_write_iops: iops('Write rate limits (operations per second) per device.'),
    weight: int('Relative block I/O weight, 10 to 1000.', { minimum: 10, maximum: 1000 }),
    weight_device: list(
      'Weights per device.',
      obj('A weight for one device.', { path: str('Device path.'), weight: int('Relative weight.') }),
    ),
  });
})();

export const gpus: SpecNode = {
  kinds: ['string', 'array'],
  enum: ['all'],
  description: 'GPUs given to the container: `all`, or a list of device requests.',
  items: deviceRequest('One GPU request.'),
};

export const dependsOn: SpecNode = {
  kinds: ['array', 'object'],
  keyPattern: NAME_PATTERN,
  keyRef: 'service',
  description: 'Services to start before this one; in map form, with the condition to wait for.',
  items: str('Name of a service.', { ref: 'service' }),
  values: obj(
    'How to depend on that service.',
    {
      restart: bool('Restart this service when that one is updated.'),
      required: bool('Fail when that service is not started (false: only warn).', { default: true }),
      condition: str('What to wait for.', {
        enum: ['service_started', 'service_healthy', 'service_completed_successfully'],
        default: 'service_started',
      }),
    },
    { required: ['condition'] },
  ),
};

export const serviceNetworks: SpecNode = {
  kinds: ['array', 'object'],
  keyPattern: NAME_PATTERN,
  keyRef: 'network',
  description: 'Networks the service joins, by name, or as a map with per-network settings.',
  items: str('Name of a top-level network.', { ref: 'network' }),
  values: {
    kinds: ['object', 'null'],
    description: 'Settings of the service on this network (may be empty).',
    properties: {
      aliases: strList('Extra host names of the service on this network.'),
      interface_name: str('Name of the network interface in the container.'),
      ipv4_address: str('Fixed IPv4 address on this network.'),
      ipv6_address: str('Fixed IPv6 address on this network.'),
      link_local_ips: strList('Link-local addresses.'),
      mac_address: str('MAC address on this network.'),
      driver_opts: map('Driver options for this attachment.', numOrStr('Option value.')),
      priority: num('Order in which networks are connected (higher first).'),
      gw_priority: num('Which network provides the default gateway (highest wins).'),
    },
  },
};

export const envFile: SpecNode = {
  kinds: ['string', 'array'],
  description: "Files of `KEY=VALUE` lines added to the container's environment.",
  items: {
    kinds: ['string', 'object'],
    description: 'A path, or a long form saying whether the file must exist.',
    properties: {
      path: str('Path of the file, relative to the compose file.'),
      format: str('Format of the file (`raw` keeps values verbatim).'),
      required: bool('Fail when the file is missing.', { default: true }),
    },
  },
};

export const serviceModels: SpecNode = {
  kinds: ['array', 'object'],
  keyPattern: NAME_PATTERN,
  keyRef: 'model',
  description: 'AI models the service uses, by name or with the variables that receive their endpoint and name.',
  items: str('Name of a top-level model.', { ref: 'model' }),
  values: {
    kinds: ['object', 'null'],
    description: 'How the model is passed to the service.',
    properties: {
      endpoint_var: str("Environment variable that receives the model's URL."),
      model_var: str("Environment variable that receives the model's name."),
    },
  },
};
