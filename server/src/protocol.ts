// Custom messages between Berth's client and its language server. Both sides import this file.
import type { EngineImage } from './lsp/adapter';

/** Environment variable by which the extension names the folder of the server's compile cache (compile-cache.ts). */
export const COMPILE_CACHE_ENV = 'BERTH_COMPILE_CACHE';

/** Client → server, whenever the local engine's image list changes. The server never waits for it. */
export const ENGINE_IMAGES_NOTIFICATION = 'berth/engineImages';
export interface EngineImagesParams {
  images: EngineImage[];
  /** `os/arch` of the engine itself: the platform a build targets when FROM has no --platform. */
  enginePlatform?: string;
}

/** Client → server: the stages and ARGs of a Dockerfile (open document or file on disk), for the Build command. */
export const DOCKERFILE_INFO_REQUEST = 'berth/dockerfileInfo';
export interface DockerfileInfoParams {
  uri: string;
}
export interface DockerfileInfo {
  /** Stages in order; `name` is undefined for an unnamed stage. */
  stages: { index: number; name?: string; base: string }[];
  /** Every ARG once (first declaration wins); `default` is undefined for `ARG NAME` without a value. */
  args: { name: string; default?: string; global: boolean }[];
}
