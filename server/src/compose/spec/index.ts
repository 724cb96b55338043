// Our typed description of the whole Compose Specification (root and top-level sections) and its lookup by YAML path.
// Validation, completion and hover all read it through `specAt` / `childSpec`.
import * as l10n from '@vscode/l10n';
import { serviceAttributes } from './service';
import * as s from './builders';
import { NAME_PATTERN, type SpecNode } from './types';

export * from './types';

const external = (what: string): SpecNode => ({
  kinds: ['boolean', 'object'],
  description: `The ${what} is created outside Compose; Compose only looks it up and fails if it is missing.`,
  properties: {
    name: s.str(`Name of the existing ${what}.`, {
      deprecated: `set the top-level \`name\` of the ${what} instead of \`external.name\`.`,
    }),
  },
});

export const serviceSpec: SpecNode = s.obj(
  'A service: one kind of container of the application, with its image or build and runtime settings.',
  serviceAttributes,
);

const networkSpec: SpecNode = s.objOrNull(
  'A network services can join; empty means a default bridge network for the project.',
  {
    name: s.str("The network's real name (by default the project name is prefixed)."),
    driver: s.str('Network driver, such as bridge, overlay, host or macvlan.'),
    driver_opts: s.map('Options of the network driver.', s.numOrStr('Option value.')),
    ipam: s.obj('IP address management: subnets, ranges, gateways.', {
      driver: s.str('IPAM driver (default: `default`).'),
      config: s.list(
        'Address pools.',
        s.obj('One address pool.', {
          subnet: s.str('Subnet in CIDR notation, such as 172.28.0.0/16.'),
          ip_range: s.str('Range (CIDR) to allocate container addresses from.'),
          gateway: s.str('Gateway address of the subnet.'),
          aux_addresses: s.map('Addresses reserved for other hosts, by name.', s.str('An IP address.')),
        }),
      ),
      options: s.map('Driver-specific IPAM options.', s.str('Option value.')),
    }),
    external: external('network'),
    internal: s.bool('Cut the network off from the outside world.'),
    enable_ipv4: s.bool('Give containers IPv4 addresses on this network.', { default: true }),
    enable_ipv6: s.bool('Give containers IPv6 addresses on this network.'),
    attachable: s.bool('Let standalone containers join the (overlay) network too.'),
    labels: s.listOrDict('Labels of the network.'),
  },
);

const volumeSpec: SpecNode = s.objOrNull('A named volume services can mount; empty means a local volume.', {
  name: s.str("The volume's real name (by default the project name is prefixed)."),
  driver: s.str('Volume driver (default: local).'),
  driver_opts: s.map('Options of the volume driver (type, o, device, …).', s.numOrStr('Option value.')),
  external: external('volume'),
  labels: s.listOrDict('Labels of the volume.'),
});

const secretSpec: SpecNode = s.obj('A secret: sensitive data mounted into services as a file.', {
  name: s.str("The secret's real name in the engine."),
  environment: s.str("Take the secret's content from this environment variable."),
  file: s.str("Take the secret's content from this file."),
  external: external('secret'),
  labels: s.listOrDict('Labels of the secret.'),
  driver: s.str('Secret driver.'),
  driver_opts: s.map('Options of the secret driver.', s.numOrStr('Option value.')),
  template_driver: s.str('Template engine applied to the content.'),
});

const configSpec: SpecNode = s.obj('A config: non-sensitive data mounted into services as a file.', {
  name: s.str("The config's real name in the engine."),
  content: s.str('The content, written inline (interpolated).'),
  environment: s.str('Take the content from this environment variable.'),
  file: s.str('Take the content from this file.'),
  external: external('config'),
  labels: s.listOrDict('Labels of the config.'),
  template_driver: s.str('Template engine applied to the content.'),
});

const modelSpec: SpecNode = s.obj('An AI model run by the model runner and offered to services.', {
  name: s.str('Name of the model as shown to services.'),
  model: s.str('Reference of the model to pull (an OCI artifact such as ai/smollm2).'),
  context_size: s.int('Maximum context size in tokens.'),
  runtime_flags: s.strList('Raw flags passed to the inference engine.'),
});

const includeSpec: SpecNode = s.strOrObj(
  'A compose file (path) to include, or the long form with its own env file and folder.',
  {
    path: s.strOrList('The compose file(s) to include, merged together.'),
    env_file: s.strOrList('Environment file(s) for interpolating the included files.'),
    project_directory: s.str('Folder relative paths of the included files start from.'),
  },
);

const section = (description: string, value: SpecNode, keyRef?: SpecNode['keyRef']): SpecNode =>
  s.map(description, value, { keyPattern: NAME_PATTERN, ...(keyRef ? { keyRef } : {}) });

/** The root of a compose file. */
export const rootSpec: SpecNode = s.obj('A Compose application.', {
  version: s.str('Former file-format version; Compose ignores it.', {
    deprecated: 'the `version` key is obsolete and ignored; remove it.',
  }),
  name: s.str('Project name (lowercase letters, digits, dashes and underscores); defaults to the folder name.', {
    format: 'project-name',
  }),
  include: s.list('Other compose files loaded as part of this application.', includeSpec),
  services: section('The services (containers) of the application.', serviceSpec, 'service'),
  models: section('AI models the services use.', modelSpec, 'model'),
  networks: section('Networks the services are attached to.', networkSpec, 'network'),
  volumes: section('Named volumes the services mount.', volumeSpec, 'volume'),
  secrets: section('Secrets the services can be granted.', secretSpec, 'secret'),
  configs: section('Configs the services can be granted.', configSpec, 'config'),
});

/** Whether a key is an extension field (`x-…`), allowed at the root and in most objects. */
export const isExtensionKey = (key: string): boolean => key.startsWith('x-');

/**
 * The description of the child at `key` of a value described by `parent`. For a string key: the fixed property, else
 * the free-key value; for a number: the list item. The value's actual form (list vs map) is known only to the caller,
 * so both are tried.
 */
export function childSpec(parent: SpecNode | undefined, key: string | number): SpecNode | undefined {
  if (!parent) return undefined;
  if (typeof key === 'number') return parent.items;
  return parent.properties?.[key] ?? parent.values;
}

/** The description of the value at a YAML path from the root, e.g. ['services', 'web', 'build', 'args']. */
export function specAt(path: readonly (string | number)[]): SpecNode | undefined {
  let node: SpecNode | undefined = rootSpec;
  for (const key of path) {
    if (typeof key === 'string' && isExtensionKey(key)) return undefined;
    node = childSpec(node, key);
    if (!node) return undefined;
  }
  return node;
}

/** Keys allowed in an object at this description (fixed properties only). */
export function keysOf(node: SpecNode | undefined): string[] {
  return Object.keys(node?.properties ?? {});
}

/** A readable type for hover and messages: "string | list of strings". */
export function describeKinds(node: SpecNode): string {
  const names: Record<string, string> = {
    string: l10n.t('string'),
    number: l10n.t('number'),
    integer: l10n.t('integer'),
    boolean: l10n.t('boolean'),
    null: 'null',
    object: l10n.t('mapping'),
    array: l10n.t('list'),
  };
  return node.kinds.map((k) => names[k]).join(' | ');
}
