// Types for the spdx-license-ids package, which ships only JSON arrays of SPDX license identifiers.
declare module 'spdx-license-ids' {
  const ids: string[];
  export default ids;
}
declare module 'spdx-license-ids/deprecated.json' {
  const ids: string[];
  export default ids;
}
