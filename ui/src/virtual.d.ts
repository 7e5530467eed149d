declare module 'virtual:recap-templates' {
  /** The built-in templates as stored in crates/core/templates/*.toml, parsed at build time. */
  const templates: unknown[];
  export default templates;
}
