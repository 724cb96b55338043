// The per-document requests a language may answer, each named once with its LSP request type. The adapter contract
// (adapter.ts) derives every feature's signature from these types and the router (router.ts) registers them from the
// same table, so the compiler checks each language's answers against what the protocol says the request returns.
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type ProtocolRequestType,
} from 'vscode-languageserver';

export const FEATURE_REQUESTS = {
  completion: CompletionRequest.type,
  hover: HoverRequest.type,
  definition: DefinitionRequest.type,
  references: ReferencesRequest.type,
  documentHighlight: DocumentHighlightRequest.type,
  prepareRename: PrepareRenameRequest.type,
  rename: RenameRequest.type,
  documentSymbol: DocumentSymbolRequest.type,
  foldingRange: FoldingRangeRequest.type,
  semanticTokens: SemanticTokensRequest.type,
  signatureHelp: SignatureHelpRequest.type,
  documentLink: DocumentLinkRequest.type,
  formatting: DocumentFormattingRequest.type,
  rangeFormatting: DocumentRangeFormattingRequest.type,
  onTypeFormatting: DocumentOnTypeFormattingRequest.type,
  codeAction: CodeActionRequest.type,
  codeLens: CodeLensRequest.type,
} as const;

export type Feature = keyof typeof FEATURE_REQUESTS;

/** The params of a feature's request, as the protocol declares them. */
export type FeatureParams<K extends Feature> =
  (typeof FEATURE_REQUESTS)[K] extends ProtocolRequestType<infer P, infer _R, infer _PR, infer _E, infer _RO>
    ? P
    : never;

/** The result of a feature's request, as the protocol declares it (null included where the protocol allows it). */
export type FeatureResult<K extends Feature> =
  (typeof FEATURE_REQUESTS)[K] extends ProtocolRequestType<infer _P, infer R, infer _PR, infer _E, infer _RO>
    ? R
    : never;
