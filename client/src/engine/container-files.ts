// Files inside a container, through the Engine API's archive endpoints alone, so that they work on stopped
// containers and on images with no shell (distroless, scratch), on dockerd and Podman alike. The pieces live in
// container-files/: path.ts (stat, a path's tar, errors), read.ts (listing, owner, file bytes), write.ts (file,
// folder), shell.ts (delete, rename and `find`, which the API lacks, by the container's own programs), listing.ts
// (the Files tree's listing) and transfer.ts (tar download and upload). This class binds them to one connected
// engine, for the UI, which never touches dockerode.
import type Docker from 'dockerode';
import { listContainerFolder } from './container-files/listing';
import { container, statContainerPath, type PathOptions } from './container-files/path';
import { containerPathOwner, readContainerFile } from './container-files/read';
import { removeContainerPath, renameContainerPath } from './container-files/shell';
import { downloadContainerPath, uploadToContainer, type TransferOptions } from './container-files/transfer';
import { makeContainerDirectory, writeContainerFile } from './container-files/write';

/** Every method passes the engine's endpoint name into the errors it raises. */
export class ContainerFiles {
  private constructor(
    private readonly docker: Docker,
    readonly endpoint: string,
  ) {}

  static of(engine: { docker: Docker; endpoint: { label: string } }): ContainerFiles {
    return new ContainerFiles(engine.docker, engine.endpoint.label);
  }

  private o<T extends object>(extra?: T): T & PathOptions {
    return { ...(extra ?? ({} as T)), endpoint: this.endpoint };
  }

  /** Whether the container runs now; a container that is gone reads as stopped (its next call says it was removed). */
  async isRunning(id: string): Promise<boolean> {
    const info = (await container(this.docker, id)
      .inspect()
      .catch(() => undefined)) as { State?: { Running?: boolean } } | undefined;
    return !!info?.State?.Running;
  }

  stat = (id: string, path: string, o?: PathOptions) => statContainerPath(this.docker, id, path, this.o(o));
  list = (id: string, dir: string, o: { running: boolean; signal?: AbortSignal }) =>
    listContainerFolder(this.docker, id, dir, this.o(o));
  read = (id: string, path: string, o?: { maxBytes?: number; signal?: AbortSignal }) =>
    readContainerFile(this.docker, id, path, this.o(o));
  owner = (id: string, path: string) => containerPathOwner(this.docker, id, path, this.o());
  write = (id: string, path: string, content: Buffer, o?: { mode?: number; uid?: number; gid?: number }) =>
    writeContainerFile(this.docker, id, path, content, this.o(o));
  mkdir = (id: string, path: string) => makeContainerDirectory(this.docker, id, path, this.o());
  remove = (id: string, path: string, o: { directory: boolean; recursive: boolean }) =>
    removeContainerPath(this.docker, id, path, this.o(o));
  rename = (id: string, from: string, to: string) => renameContainerPath(this.docker, id, from, to, this.o());
  download = (id: string, path: string, hostDir: string, o: TransferOptions & { overwrite?: boolean }) =>
    downloadContainerPath(this.docker, id, path, hostDir, this.o(o));
  upload = (id: string, hostPaths: string[], dir: string, o: TransferOptions) =>
    uploadToContainer(this.docker, id, hostPaths, dir, this.o(o));
}
