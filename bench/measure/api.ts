/** The built library (dist/), typed from its sources: the benchmark measures what ships. */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Api from "../../src/index.js";
import type * as Patch from "../../src/report/patch.js";
import { REPO } from "../workspace.js";

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(REPO, "dist", file)).href)) as T;

export const api = (): Promise<typeof Api> => load<typeof Api>("index.js");
export const patch = (): Promise<typeof Patch> => load<typeof Patch>("report/patch.js");

/** The preset the CLI runs by default, as a function of the text. */
export async function presetRunner(): Promise<(text: string) => ReturnType<typeof Api.runTransforms>> {
  const { PRESETS, getTransform, runTransforms } = await api();
  const transforms = PRESETS["pre-first-client"].map(getTransform);
  return (text) => runTransforms([{ path: "docker-compose.yml", text }], transforms);
}
