// Compose failure classification on the shapes Compose v1 and v2 print (the real-engine case is in
// test/engine/compose.test.ts), and the port holder found through /proc for a port this process holds.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { classifyComposeOutput, explainComposeFailure } from '../../../client/src/commands/compose-failures';
import { portConflictIn, portHolder } from '../../../client/src/engine/port-in-use';

describe('Compose failures', () => {
  it('v1: the port, the address and the service from "Cannot start service"', () => {
    const out =
      'Creating p_web_1 ... error\n\nERROR: for p_web_1  Cannot start service web: driver failed programming external connectivity on endpoint p_web_1 (5676ef): Error starting userland proxy: listen tcp4 127.0.0.1:18999: bind: address already in use\nEncountered errors while bringing up the project.\n';
    assert.deepEqual(classifyComposeOutput(out), {
      kind: 'port-in-use',
      service: 'web',
      port: 18999,
      address: '127.0.0.1',
    });
  });

  it("v2: the service from the endpoint's container name; another container's port is 'already allocated'", () => {
    const out =
      ' Container shop-api-1  Starting\nError response from daemon: driver failed programming external connectivity on endpoint shop-api-1 (9f1c): Bind for 0.0.0.0:8080 failed: port is already allocated\n';
    assert.deepEqual(classifyComposeOutput(out), {
      kind: 'port-in-use',
      service: 'api',
      port: 8080,
      address: '0.0.0.0',
    });
  });

  it('name conflicts and missing images; anything else is left to the last line', () => {
    assert.deepEqual(
      classifyComposeOutput(
        'Error response from daemon: Conflict. The container name "/db" is already in use by container "ab12".',
      ),
      { kind: 'name-conflict', containerName: 'db' },
    );
    assert.deepEqual(classifyComposeOutput('ERROR: pull access denied for nosuch/image, repository does not exist'), {
      kind: 'image-missing',
      image: 'nosuch/image',
    });
    assert.equal(classifyComposeOutput('ERROR: Service "web" uses an undefined network "x"'), undefined);
  });

  it('Podman says it through rootlessport; the port parser takes IPv6 brackets off', () => {
    assert.deepEqual(portConflictIn('rootlessport listen tcp 0.0.0.0:8080: bind: address already in use'), {
      port: 8080,
      address: '0.0.0.0',
    });
    assert.deepEqual(portConflictIn('listen tcp6 [::1]:9000: bind: address already in use'), {
      port: 9000,
      address: '::1',
    });
  });

  it('names the process that listens on the port, or a container that publishes it', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = (s.address() as { port: number }).port;
    try {
      assert.match((await portHolder(port)) ?? '', new RegExp(`^process ${process.pid} \\(node`));
      const containers = async () => [{ Id: 'c0ffee', Names: ['/shop-web-1'], Ports: [{ PublicPort: port }] }];
      assert.equal(await portHolder(port, containers as never), 'container shop-web-1');
      const text = await explainComposeFailure({ kind: 'port-in-use', port, address: '0.0.0.0', service: 'web' });
      assert.match(text, new RegExp(`^Port ${port} is already in use on the host \\(held by process ${process.pid} `));
    } finally {
      s.close();
    }
    assert.equal(await portHolder(port), undefined, 'nobody holds it once closed');
  });
});
