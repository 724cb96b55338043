// The contract between the thin LSP layer (server.ts) and each language (Dockerfile, Compose).
// lsp/router.ts routes each request by language id; a language implements what it supports, typed by features.ts.
import type { CompletionItem, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Feature, FeatureParams, FeatureResult } from './features';
import type { BerthSettings } from './settings';

/** An image the client found in the local engine, offered in FROM / image: completions. */
export interface EngineImage {
  repository: string;
  tags: string[];
  /** `os/arch[/variant]` of the image, when the client has read it (InvalidBaseImagePlatform). */
  platform?: string;
}

/** What a language may ask of its surroundings. Never blocks on the client. */
export interface AdapterContext {
  settings(): BerthSettings;
  /** Text of a file: the open document's if it is open, else the disk's; undefined when it does not exist. */
  readFile(uri: string): string | undefined;
  /** Why a file that exists is not read (a device, FIFO, network path or an oversized file); undefined otherwise. */
  refusal?(uri: string): string | undefined;
  /** Whether a path exists on disk (file or folder). */
  exists(uri: string): boolean;
  /** Names of the entries of a folder, for path completion; [] when it does not exist. */
  listDir(uri: string): { name: string; isDirectory: boolean }[];
  /** The images last reported by the client (empty until it reports, and when no engine is reachable). */
  engineImages(): readonly EngineImage[];
  /** `os/arch` of the client's engine, once reported. */
  enginePlatform?(): string | undefined;
  /** Open documents (for cross-file features such as compose → Dockerfile). */
  openDocuments(): readonly TextDocument[];
}

type Maybe<T> = T | null | undefined | Promise<T | null | undefined>;

/** A language's answer to one request, typed by the request itself (features.ts): params in, the protocol's result out. */
export type FeatureHandler<K extends Feature> = (
  doc: TextDocument,
  params: FeatureParams<K>,
  ctx: AdapterContext,
) => Maybe<FeatureResult<K>>;

/**
 * The `data` of a completion item whose documentation its language finds again without the document: the language
 * (one of its adapter's languageIds) and the language's own key for it. A client that resolves documentation gets
 * such items without it (lsp/completion-resolve.ts).
 */
export interface CompletionData {
  language: string;
  key: string;
}

/** The requests a language answers; the router answers null for the others. */
export type LanguageFeatures = { [K in Feature]?: FeatureHandler<K> };

export interface LanguageAdapter extends LanguageFeatures {
  readonly languageIds: readonly string[];
  diagnostics(doc: TextDocument, ctx: AdapterContext): Diagnostic[] | Promise<Diagnostic[]>;
  /** Languages whose documents this language's diagnostics read: an edit to one of them re-checks ours. */
  readonly dependsOn?: readonly string[];
  /**
   * One warm-up step while the editor is idle (warm-up.ts): the work a keystroke in `doc` costs, on a private copy
   * whose results nobody reads; 'setup' when the step prepared that copy instead. Without it the warm-up checks a
   * copy of the document in full.
   */
  warmUp?(doc: TextDocument, ctx: AdapterContext): 'setup' | 'edit';
  /** The document closed: drop what was cached for it. */
  forget?(uri: string): void;
  /** completionItem/resolve: the documentation of an item by the key of its CompletionData; undefined if unknown. */
  completionDocumentation?(key: string): CompletionItem['documentation'];
}

/** Semantic token legend shared by every language: indexes into these arrays are what adapters emit. */
export const TOKEN_TYPES = [
  'namespace',
  'type',
  'class',
  'enum',
  'interface',
  'struct',
  'typeParameter',
  'parameter',
  'variable',
  'property',
  'enumMember',
  'event',
  'function',
  'method',
  'macro',
  'keyword',
  'modifier',
  'comment',
  'string',
  'number',
  'regexp',
  'operator',
] as const;
export const TOKEN_MODIFIERS = [
  'declaration',
  'definition',
  'readonly',
  'static',
  'deprecated',
  'abstract',
  'modification',
  'documentation',
  'defaultLibrary',
] as const;

/**
 * Holds one model per document version, so that every feature of a language shares a single parse; every language
 * keeps its models here. `build` receives the document's previous model, for languages that re-read only what an
 * edit touched, and `context` when the model reads more than the document (C, void when it does not).
 * A document's model is dropped when the document closes.
 */
export class ModelCache<M, C = void> {
  private readonly models = new Map<string, { version: number; model: M }>();
  constructor(private readonly build: (doc: TextDocument, previous: M | undefined, context: C) => M) {}
  get(doc: TextDocument, context: C): M {
    const hit = this.models.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.model;
    // Negative versions are the server's own warm-up copies (lsp/diagnostics.ts): built in full (that is what they
    // warm up) and not kept, so the document's own model stays the base of its next version.
    if (doc.version < 0) return this.build(doc, undefined, context);
    const model = this.build(doc, hit?.model, context);
    this.models.set(doc.uri, { version: doc.version, model });
    return model;
  }
  forget(uri: string): void {
    this.models.delete(uri);
  }
}
