// Types `exports.default` from "cloudflare:workers" as the worker's own module.
declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import("../../worker/index.ts");
    }
  }
}

export {};
