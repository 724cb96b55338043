// Custom messages between Berth's client and its language server. Both sides import this file.
import type { EngineImage } from './lsp/adapter';

/** Client → server, whenever the local engine's image list changes. The server never waits for it. */
export const ENGINE_IMAGES_NOTIFICATION = 'berth/engineImages';
export interface EngineImagesParams { images: EngineImage[] }
