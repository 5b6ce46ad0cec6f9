/**
 * The `compose-gate` executable: bin/compose-gate.js runs the bundle built from this file
 * (scripts/build-cli.ts; dist/cli/main.js is the same entry, unbundled). Everything that can go
 * wrong is turned into an exit code by `runCli`; this file only connects it to the process.
 * No top-level await: the bundle is a CommonJS-style script, so V8 can cache its compiled code.
 */
import { nodeIo } from "./io.js";
import { internalError, runCli } from "./run.js";

// `compose-gate … | head` closes stdout early: that is the reader's choice, not a crash.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2), nodeIo());
  } catch (error) {
    process.stderr.write(internalError(error));
    process.exitCode = 2;
  }
}

void main();
