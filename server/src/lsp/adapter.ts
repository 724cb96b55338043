// The contract between the thin LSP layer (server.ts) and each language (Dockerfile, Compose).
// server.ts registers every capability once and dispatches by language id; a language implements what it supports.
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CodeLensParams,
  CompletionItem,
  CompletionList,
  CompletionParams,
  Definition,
  DefinitionParams,
  Diagnostic,
  DocumentFormattingParams,
  DocumentHighlight,
  DocumentHighlightParams,
  DocumentLink,
  DocumentLinkParams,
  DocumentOnTypeFormattingParams,
  DocumentRangeFormattingParams,
  DocumentSymbol,
  DocumentSymbolParams,
  FoldingRange,
  FoldingRangeParams,
  Hover,
  HoverParams,
  Location,
  LocationLink,
  PrepareRenameParams,
  Range,
  ReferenceParams,
  RenameParams,
  SemanticTokens,
  SemanticTokensParams,
  SignatureHelp,
  SignatureHelpParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BerthSettings } from './settings';

/** An image the client found in the local engine, offered in FROM / image: completions. */
export interface EngineImage {
  repository: string;
  tags: string[];
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
  /** Open documents (for cross-file features such as compose → Dockerfile). */
  openDocuments(): readonly TextDocument[];
}

type Maybe<T> = T | null | undefined | Promise<T | null | undefined>;

export interface LanguageAdapter {
  readonly languageIds: readonly string[];
  diagnostics(doc: TextDocument, ctx: AdapterContext): Diagnostic[] | Promise<Diagnostic[]>;
  /** Languages whose documents this language's diagnostics read: an edit to one of them re-checks ours. */
  readonly dependsOn?: readonly string[];
  /** The document closed: drop what was cached for it. */
  forget?(uri: string): void;
  completion?(doc: TextDocument, p: CompletionParams, ctx: AdapterContext): Maybe<CompletionItem[] | CompletionList>;
  completionResolve?(item: CompletionItem, ctx: AdapterContext): Maybe<CompletionItem>;
  hover?(doc: TextDocument, p: HoverParams, ctx: AdapterContext): Maybe<Hover>;
  definition?(doc: TextDocument, p: DefinitionParams, ctx: AdapterContext): Maybe<Definition | LocationLink[]>;
  references?(doc: TextDocument, p: ReferenceParams, ctx: AdapterContext): Maybe<Location[]>;
  documentHighlight?(doc: TextDocument, p: DocumentHighlightParams, ctx: AdapterContext): Maybe<DocumentHighlight[]>;
  prepareRename?(
    doc: TextDocument,
    p: PrepareRenameParams,
    ctx: AdapterContext,
  ): Maybe<Range | { range: Range; placeholder: string }>;
  rename?(doc: TextDocument, p: RenameParams, ctx: AdapterContext): Maybe<WorkspaceEdit>;
  documentSymbol?(doc: TextDocument, p: DocumentSymbolParams, ctx: AdapterContext): Maybe<DocumentSymbol[]>;
  foldingRange?(doc: TextDocument, p: FoldingRangeParams, ctx: AdapterContext): Maybe<FoldingRange[]>;
  semanticTokens?(doc: TextDocument, p: SemanticTokensParams, ctx: AdapterContext): Maybe<SemanticTokens>;
  signatureHelp?(doc: TextDocument, p: SignatureHelpParams, ctx: AdapterContext): Maybe<SignatureHelp>;
  documentLink?(doc: TextDocument, p: DocumentLinkParams, ctx: AdapterContext): Maybe<DocumentLink[]>;
  formatting?(doc: TextDocument, p: DocumentFormattingParams, ctx: AdapterContext): Maybe<TextEdit[]>;
  rangeFormatting?(doc: TextDocument, p: DocumentRangeFormattingParams, ctx: AdapterContext): Maybe<TextEdit[]>;
  onTypeFormatting?(doc: TextDocument, p: DocumentOnTypeFormattingParams, ctx: AdapterContext): Maybe<TextEdit[]>;
  codeAction?(doc: TextDocument, p: CodeActionParams, ctx: AdapterContext): Maybe<CodeAction[]>;
  codeLens?(doc: TextDocument, p: CodeLensParams, ctx: AdapterContext): Maybe<CodeLens[]>;
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
 * Holds one model per document version, so that every feature of a language shares a single parse.
 * A document's model is dropped when the document closes.
 */
export class ModelCache<M> {
  private readonly models = new Map<string, { version: number; model: M }>();
  constructor(private readonly build: (doc: TextDocument) => M) {}
  get(doc: TextDocument): M {
    const hit = this.models.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.model;
    const model = this.build(doc);
    this.models.set(doc.uri, { version: doc.version, model });
    return model;
  }
  forget(uri: string): void {
    this.models.delete(uri);
  }
}
