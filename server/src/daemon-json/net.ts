// node:net, for its address parsers. Required on the first daemon.json check, not with the server: every server start
// would pay for loading it, and most servers never see a daemon.json (scripts/build.mjs, deferBuiltins).
export const net = (): typeof import('node:net') => require('node:net') as typeof import('node:net');
