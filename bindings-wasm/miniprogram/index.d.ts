// Types of the mini-program loader; the module's own types are in ./shegong.d.ts.
import type * as Shegong from "./shegong";

/** The module once loaded: every class and function of the package. */
export type ShegongModule = typeof Shegong;

/** What `load` needs. */
export interface LoadOptions {
  /** The package-local path of `shegong.wasm` (or `shegong.wasm.br`). */
  path: string;
  /** A path-based instantiate, for platforms other than WeChat and Douyin. */
  instantiate?: (path: string, imports: object) => Promise<{ instance: object; module?: object } | object>;
}

/** Loads and instantiates the module once; later calls resolve to the same exports. */
export function load(options: LoadOptions): Promise<ShegongModule>;
