// The loader checks found by the oracle layer (test/oracle): files Compose refuses although every value has the right
// type, and multi-document files, which Compose loads as one.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { codes, diagnose } from './helpers';

const errors = (text: string, files: Record<string, string> = {}) =>
  codes(diagnose(text, files).filter((d) => d.severity === 1));

describe('compose loader consistency (what docker compose refuses)', () => {
  it('an empty file, a comment-only file and `{}` are refused', () => {
    for (const text of ['', '\n', '# nothing\n', '{}\n'])
      assert.deepEqual(errors(text), ['wrong-type'], JSON.stringify(text));
    assert.deepEqual(errors('x-only: 1\n'), []);
  });

  it('map keys that are not strings are refused; quoted keys are fine', () => {
    assert.deepEqual(errors('services:\n  123:\n    image: alpine\n'), ['wrong-type']);
    assert.deepEqual(errors('services:\n  web:\n    image: alpine\n    environment:\n      123: x\n      true: y\n'), [
      'wrong-type',
      'wrong-type',
    ]);
    assert.deepEqual(errors('services:\n  "123":\n    image: alpine\n    environment:\n      "123": x\n'), []);
  });

  it('network_mode together with networks is refused', () => {
    assert.deepEqual(
      errors('services:\n  web:\n    image: alpine\n    network_mode: host\n    networks: [default]\n'),
      ['invalid-value'],
    );
    assert.deepEqual(errors('services:\n  web:\n    image: alpine\n    network_mode: host\n'), []);
  });

  it('an external volume cannot set driver, driver_opts or labels; name and external.name must agree', () => {
    const svc = 'services:\n  web:\n    image: alpine\n    volumes: [data:/data]\n';
    assert.deepEqual(errors(`${svc}volumes:\n  data:\n    external: true\n    driver: local\n`), ['invalid-value']);
    assert.deepEqual(errors(`${svc}volumes:\n  data:\n    external: true\n    labels: {a: b}\n`), ['invalid-value']);
    assert.deepEqual(errors(`${svc}volumes:\n  data:\n    external: true\n    name: real\n    x-note: 1\n`), []);
    assert.deepEqual(errors(`${svc}volumes:\n  data:\n    name: one\n    external:\n      name: two\n`), [
      'invalid-value',
    ]);
  });

  it('a bind mount needs a source', () => {
    assert.deepEqual(
      errors('services:\n  web:\n    image: alpine\n    volumes:\n      - type: bind\n        target: /data\n'),
      ['invalid-value'],
    );
    assert.deepEqual(
      errors(
        'services:\n  web:\n    image: alpine\n    volumes:\n      - type: bind\n        source: .\n        target: /data\n',
      ),
      [],
    );
  });

  it('GPU device requests: count is all or a number, not with device_ids; capabilities are required under deploy', () => {
    const dev = (d: string) =>
      `services:\n  web:\n    image: alpine\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - ${d}\n`;
    assert.deepEqual(errors(dev('{count: many, capabilities: [gpu]}')), ['invalid-value']);
    assert.deepEqual(errors(dev('{count: 1, device_ids: ["0"], capabilities: [gpu]}')), ['invalid-value']);
    assert.deepEqual(errors(dev('{count: 1}')), ['invalid-value']);
    assert.deepEqual(errors(dev('{count: all, capabilities: [gpu]}')), []);
    assert.deepEqual(errors('services:\n  web:\n    image: alpine\n    gpus:\n      - count: 1\n'), []);
  });

  it('a long-form depends_on entry needs a condition; a secret or config needs a source', () => {
    assert.deepEqual(
      errors('services:\n  db:\n    image: a\n  web:\n    image: a\n    depends_on:\n      db: {restart: true}\n'),
      ['invalid-value'],
    );
    const svc = 'services:\n  web:\n    image: a\n';
    assert.deepEqual(errors(`${svc}secrets:\n  s: {name: x}\n`), ['invalid-value']);
    assert.deepEqual(errors(`${svc}secrets:\n  s: {external: true}\nconfigs:\n  c: {content: hi}\n`), []);
  });

  it('an include cycle and a service defined in both the file and an include are refused', () => {
    assert.deepEqual(errors('include: [compose.yaml]\nservices:\n  web:\n    image: a\n'), ['invalid-value']);
    assert.deepEqual(
      errors('include: [other.yaml]\nservices:\n  web:\n    image: a\n', {
        'other.yaml': 'services:\n  web:\n    image: b\n',
      }),
      ['invalid-value'],
    );
    assert.deepEqual(
      errors('include: [other.yaml]\nservices:\n  web:\n    image: a\n', {
        'other.yaml': 'services:\n  db:\n    image: b\n',
      }),
      [],
    );
    // Compose applies each document's includes before merging the documents: the second document's include may
    // redefine a service of the first (the oracle layer's seed 20793 found this; Compose 2.26 loads it).
    assert.deepEqual(
      errors('services:\n  web:\n    image: a\n---\ninclude: [other.yaml]\n', {
        'other.yaml': 'services:\n  web:\n    image: b\n',
      }),
      [],
    );
  });

  it('an interpolated string where only a list or a map will do is a wrong type', () => {
    assert.deepEqual(errors('services:\n  web:\n    image: a\n    ports: ${PORTS}\n'), ['wrong-type']);
    assert.deepEqual(errors('services:\n  web:\n    image: a\n    cpus: ${CPUS}\n'), []);
  });

  it('x- names inside services, volumes, networks, configs and secrets are real names', () => {
    assert.deepEqual(errors('services:\n  x-web:\n    image: a\n    network_mode: host\n    networks: [default]\n'), [
      'invalid-value',
    ]);
    assert.deepEqual(
      errors('services:\n  x-web:\n    image: a\n    volumes: [x-data:/d]\nvolumes:\n  x-data: {}\n'),
      [],
    );
  });

  it('several YAML documents are merged, as Compose does', () => {
    const text = 'services:\n  web:\n    image: a\n    depends_on: [db]\n---\nservices:\n  db:\n    image: b\n';
    assert.deepEqual(errors(text), []);
    assert.deepEqual(errors('services:\n  web:\n    image: a\n---\nservices:\n  web:\n    ports: ["80:80"]\n'), []);
    assert.deepEqual(errors('services:\n  web:\n    image: a\n    image: b\n---\nservices: {}\n'), ['duplicate-key']);
    assert.deepEqual(
      errors('services:\n  web:\n    image: a\n---\nservices:\n  db:\n    depends_on: [nope]\n    image: b\n'),
      ['undefined-service'],
    );
  });

  it('a service held under an x- key of one document is no service of the merged file', () => {
    // The oracle layer's seed 1945083838: a document whose `services` key became `x-extra`, then an override that
    // only adds to `app`. Compose 2.26 refuses the project ("app" has neither image nor build); the file itself loads.
    const text = 'x-extra:\n  app:\n    image: acme/app\n---\nservices:\n  extra:\n    image: alpine\n';
    const override = 'services:\n  app:\n    ports: !reset []\n';
    assert.deepEqual(errors(text, { 'compose.override.yaml': override }), []);
    assert.deepEqual(codes(diagnose(override, { 'compose.yaml': text }, { name: 'compose.override.yaml' })), [
      'no-image-or-build',
    ]);
    assert.deepEqual(errors('x-extra:\n  app:\n    image: a\n---\nservices:\n  app:\n    ports: ["80:80"]\n'), [
      'no-image-or-build',
    ]);
  });

  it('a network named only by a variable default is not resolved; the same name written out is undefined', () => {
    // The oracle layer's seed 1463486663: Compose refuses both (with an override, as a schema error on the merged
    // networks); Berth cannot see the shell, so it checks the written name only (the allowlist's unset variable).
    const withNetwork = (name: string) =>
      `services:\n  web:\n    image: a\n    networks:\n      - ${name}\nnetworks:\n  front:\n`;
    const override = { 'compose.override.yaml': 'services:\n  web:\n    ports: ["3000:3000"]\n' };
    assert.deepEqual(errors(withNetwork('${UNSET_VAR:-80:80}'), override), []);
    assert.deepEqual(errors(withNetwork('"80:80"'), override), ['undefined-network']);
  });
});

describe('compose schema: required keys and empty values (what docker compose refuses)', () => {
  it('objects that miss a required key', () => {
    const svc = (body: string) => `services:\n  web:\n    image: a\n${body}`;
    assert.deepEqual(errors(svc('    ulimits:\n      nofile: {soft: 1}\n')), ['invalid-value']);
    assert.deepEqual(errors(svc('    ulimits:\n      nofile: {soft: 1, hard: 2}\n')), []);
    assert.deepEqual(errors(svc('    develop:\n      watch:\n        - path: ./src\n')), ['invalid-value']);
    assert.deepEqual(errors(svc('    devices:\n      - target: /dev/x\n')), ['invalid-value']);
    assert.deepEqual(errors(svc('    extends:\n      file: other.yaml\n'), { 'other.yaml': 'services: {}\n' }), [
      'invalid-value',
    ]);
  });

  it('an empty value only where the spec allows one', () => {
    assert.deepEqual(errors('services:\n  web:\n    image: a\n    restart:\n'), ['wrong-type']);
    assert.deepEqual(
      errors(
        'services:\n  web:\n    image: a\n    environment:\n      A:\n    networks:\n      default:\nvolumes:\n  data:\n',
      ),
      [],
    );
  });

  it('an empty override beside a real file is fine; a project with nothing in it is not', () => {
    assert.deepEqual(
      codes(
        diagnose('', { 'compose.yaml': 'services:\n  web:\n    image: a\n' }, { name: 'compose.override.yaml' }).filter(
          (d) => d.severity === 1,
        ),
      ),
      [],
    );
    assert.deepEqual(
      codes(
        diagnose('', { 'compose.yaml': '{}\n' }, { name: 'compose.override.yaml' }).filter((d) => d.severity === 1),
      ),
      ['wrong-type'],
    );
  });
});

describe('compose: more refusals found by the oracle layer', () => {
  it('a service that extends one without image or build has nothing to run', () => {
    const common = { 'common.yaml': 'services:\n  hardened:\n    read_only: true\n  full:\n    image: a\n' };
    assert.deepEqual(errors('services:\n  s:\n    extends: {file: common.yaml, service: hardened}\n', common), [
      'no-image-or-build',
    ]);
    assert.deepEqual(
      errors('services:\n  s:\n    extends: {file: common.yaml, service: full}\n  t:\n    extends: s\n', common),
      [],
    );
  });

  it('an empty env_file path, and a sync watch rule without target', () => {
    assert.deepEqual(errors('services:\n  web:\n    image: a\n    env_file: ""\n'), ['missing-env-file']);
    assert.deepEqual(
      errors('services:\n  web:\n    image: a\n    develop:\n      watch:\n        - {path: ./src, action: sync}\n'),
      ['invalid-value'],
    );
    assert.deepEqual(
      errors('services:\n  web:\n    image: a\n    develop:\n      watch:\n        - {path: ./src, action: rebuild}\n'),
      [],
    );
    // An empty target is none (compose 2.26: "target is required"); a blank one is a target.
    const target = (t: string) =>
      errors(
        `services:\n  web:\n    image: a\n    develop:\n      watch:\n        - {path: ./src, action: sync, target: ${t}}\n`,
      );
    assert.deepEqual(target('""'), ['invalid-value']);
    assert.deepEqual(target('" "'), []);
  });

  it('a string (even empty, even interpolated) where only a map or null will do', () => {
    assert.deepEqual(errors('services:\n  web:\n    image: a\nnetworks:\n  n: ""\n'), ['wrong-type']);
    assert.deepEqual(errors('services:\n  web:\n    image: a\nnetworks:\n  n: ${X:+set}\n'), ['wrong-type']);
  });
});

describe('compose: long forms that miss their key part', () => {
  it('a healthcheck test list starts with CMD, CMD-SHELL or NONE; long-form ports need a target; grants need a source', () => {
    const svc = (body: string) => `services:\n  web:\n    image: a\n${body}`;
    assert.deepEqual(errors(svc('    healthcheck:\n      test: [curl, localhost]\n')), ['invalid-value']);
    assert.deepEqual(errors(svc('    healthcheck:\n      test: [CMD, curl, localhost]\n')), []);
    assert.deepEqual(errors(svc('    ports:\n      - {published: 80}\n')), ['invalid-value']);
    assert.deepEqual(errors(svc('    ports:\n      - {target: 80, published: 80}\n')), []);
    assert.deepEqual(errors(svc('    secrets:\n      - {target: x}\nsecrets:\n  s: {file: ./s}\n')), ['invalid-value']);
  });
});
