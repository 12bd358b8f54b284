// SVG files are imported as strings by the JupyterLab builder.
declare module '*.svg' {
  const value: string;
  export default value;
}
