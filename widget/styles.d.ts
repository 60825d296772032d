/** The widget's stylesheet, minified into the bundle as text by the build (scripts/build.ts). */
declare module "*.css" {
  const text: string;
  export default text;
}
