// The one module the client may import from the server's sources (lint enforces it, see eslint.config.mjs): the
// custom protocol between the two, Compose project-file discovery (which files `docker compose` reads together) and
// the .dockerignore reader and matcher the build context shares with the editor, and the build arguments the builder
// predefines. Everything here is pure: no LSP
// transport, no `vscode`, nothing that reads the disk by itself.
export * from '../protocol';
export { projectFileUris, type FileAccess } from '../compose/env';
export { IgnoreMatcher, readIgnoreFile } from '../dockerignore/matcher';
export { ContextIgnore, ignoreFileCandidates } from '../dockerignore/context-ignore';
export { PLATFORM_ARGS, PROXY_ARGS } from '../dockerfile/parse/model';
