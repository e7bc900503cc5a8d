// Build-time switches Vite replaces in the bundle.
interface ImportMetaEnv {
  /** "1" in test builds (npm run build:ui:e2e): the end-to-end test hooks are bundled. */
  readonly VITE_E2E?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}

// `import text from "file?raw"`: a file's text, bundled at build time.
declare module "*?raw" {
  const text: string;
  export default text;
}
