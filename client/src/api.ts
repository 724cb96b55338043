// What activate() returns: a small surface for Berth's own extension-host tests and for other extensions.
import type { WorkflowApi } from './commands';
import type { ExplorerApi } from './explorer/register';
import type { HarborApi } from './harbor/commands';
import type { InsideApi } from './inside/register';
import type { MovingApi } from './moving/register';
import type { answerNextPrompts, clearAnswers, pendingAnswers } from './commands/prompts';
import type { BerthLanguageClient } from './language/client';

export interface BerthApi {
  /** Milliseconds spent inside activate(). */
  readonly activationMs: number;
  /** Milliseconds spent evaluating dist/extension.js plus inside activate(): Berth's own activation cost. */
  readonly loadAndActivationMs: number;
  /** The language client wrapper (the server starts on the first Dockerfile/compose document). */
  readonly language: BerthLanguageClient;
  /** The container explorer (views, its runtime created on first use). */
  readonly explorer: ExplorerApi;
  /** Harbor: instances, the Registries view, the Harbor output channel's text, the prompt queue, the last push. */
  readonly harbor: HarborApi;
  /** Build/run/exec/logs/Compose commands: the prompt queue and the terminals they opened. */
  readonly workflow: WorkflowApi;
  /** Changes, Layers, the inside documents and the live stats panels (with the engine's count of open streams). */
  readonly inside: InsideApi;
  /** The Disk Usage view and what the last prune showed and did. */
  readonly moving: MovingApi;
  /** The one queue every question to the user reads from in tests (see commands/prompts.ts). */
  readonly prompts: {
    answerNextPrompts: typeof answerNextPrompts;
    pendingAnswers: typeof pendingAnswers;
    clearAnswers: typeof clearAnswers;
  };
}
