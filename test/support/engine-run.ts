// One test file's footprint on the engine: a short id for this run, the label every object it creates carries, the
// pull-free busybox containers most engine tests start from, and the clean-up that removes exactly what this run
// made. The engine may be the user's own (docs/real-engines.md), so nothing unlabelled is ever touched.
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { BUSYBOX_IMAGE, TEST_LABEL, removeTestObjects, testDocker } from './engine-env';

export interface BusyboxOptions {
  /** The container's full name; the caller puts the run id in it. */
  name?: string;
  /** Run under `sh -c`; without it the image's default command. */
  script?: string;
  /** Started unless false (a created, never-started container). */
  start?: boolean;
  hostConfig?: Docker.HostConfig;
  /** Labels beside this run's own. */
  labels?: Record<string, string>;
}

export class EngineTestRun {
  readonly docker: Docker = testDocker();
  /** Eight hex digits, unique to this run: in names and tags, and the value of its label. */
  readonly id = randomUUID().slice(0, 8);
  readonly labels: Record<string, string> = { [TEST_LABEL]: this.id };
  /** The label as a filter: `berth.test=<id>`. */
  readonly labelFilter = `${TEST_LABEL}=${this.id}`;

  /** A busybox container labelled for this run (the image is built locally, never pulled). */
  async busybox(options: BusyboxOptions = {}): Promise<Docker.Container> {
    const c = await this.docker.createContainer({
      Image: BUSYBOX_IMAGE,
      name: options.name,
      Cmd: options.script === undefined ? undefined : ['sh', '-c', options.script],
      HostConfig: options.hostConfig,
      Labels: { ...this.labels, ...options.labels },
    });
    if (options.start !== false) await c.start();
    return c;
  }

  /** Removes this run's containers, volumes and networks, then the images named (images carry no run label). */
  async cleanup(...images: string[]): Promise<void> {
    await removeTestObjects(this.docker, this.id);
    for (const ref of images)
      await this.docker
        .getImage(ref)
        .remove({ force: true })
        .catch(() => undefined);
  }
}
