// Lint: typescript-eslint's recommended rules over all TypeScript, and three type-aware rules over client/ and server/.
// Layout is Prettier's job (.prettierrc.json, checked by `npm run lint`); eslint-config-prettier turns off the rules that would fight it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// The layers, as lint (ARCHITECTURE.md says why). Data flows one way: engine events → explorer store → trees.
// - The server's language code knows nothing of the LSP transport: adapters in server/src/lsp and server.ts own it.
// - client/src/engine/ is the only code that talks to dockerode, and it knows nothing of VS Code or of the views and
//   commands built on it.
// - Views and commands reach the engine only through `Engine` (no dockerode, no `engine.docker`, no `engine.call`).
// - The client reads the server's sources only through server/src/common, never server/src/compose/* and the like.
// - Each language's parse layer (server/src/<language>/parse/) is below its features: it never imports them.
const TRANSPORT = [
  'vscode-languageserver',
  'vscode-languageserver/node',
  'vscode-languageserver-protocol',
  'vscode-jsonrpc',
];
const onlyCommonFromServer = {
  group: ['**/server/src/*', '**/server/src/*/**', '!**/server/src/common'],
  message: 'The client imports the server only through server/src/common (protocol, project files, .dockerignore).',
};
const transportFree = [...TRANSPORT, 'vscode'].map((name) => ({
  name,
  message: 'Language code stays transport-free: the adapters in server/src/lsp and server.ts speak LSP.',
}));
// An import that climbs exactly `depth` folders and then goes down again lands among the language's features.
const aboveTheParseLayer = (depth) => ({
  regex: `^${'\\.\\./'.repeat(depth)}(?!\\.\\./)(?!parse(/|$))`,
  message: "The parse layer is below the language's features (completion, rules, hover…): it never imports them.",
});
const layerRules = [
  {
    files: ['server/src/compose/**', 'server/src/dockerfile/**', 'server/src/dockerignore/**', 'server/src/common/**'],
    // editing.ts is the second half of the Dockerfile adapter: it answers a refused rename with the LSP's ResponseError.
    ignores: ['server/src/dockerfile/editing.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: transportFree }] },
  },
  {
    files: ['server/src/*/parse/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: transportFree, patterns: [aboveTheParseLayer(1)] }] },
  },
  {
    files: ['server/src/*/parse/*/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: transportFree, patterns: [aboveTheParseLayer(2)] }] },
  },
  {
    files: ['client/src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The engine layer runs in plain Node (the engine tests drive it).' }],
          patterns: [
            onlyCommonFromServer,
            {
              group: ['**/harbor', '**/harbor/**', '**/explorer', '**/explorer/**', '**/commands', '**/commands/**'],
              message: 'The engine layer is below the views and commands: they import it, never the other way.',
            },
            {
              group: ['**/language', '**/language/**'],
              message: 'The engine layer knows nothing of the language client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**'],
    ignores: ['client/src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dockerode', message: 'Only client/src/engine talks to dockerode; use Engine.' }],
          patterns: [onlyCommonFromServer],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='docker']",
          message: "Engine's dockerode is for client/src/engine only: add an Engine method with typed errors.",
        },
        {
          selector: "CallExpression > MemberExpression[property.name='call'][object.name=/^engine$|^e$|^eng$/]",
          message: 'engine.call() hands out dockerode: add an Engine method instead.',
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        setImmediate: 'readonly',
        structuredClone: 'readonly',
        require: 'readonly',
        module: 'writable',
        window: 'readonly',
        document: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  ...layerRules,
  // Type-aware checks on the shipped code only (tests and scripts stay on the fast syntactic rules): a promise
  // nobody awaits or catches, a promise passed where a callback's result is ignored, and a switch over a union that
  // forgets a member.
  {
    files: ['client/src/**/*.ts', 'server/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
);
