/**
 * compose-lint (tmatens/compose-lint, Python), the peer `check` is measured against: its
 * fixtures for the parity report, its CLI for the side-by-side bench row. Nothing of it is
 * committed here. The source comes from a checkout named by COMPOSE_LINT_SRC (default
 * ../compose-lint beside this repository); it is installed with pip from that local path into
 * a virtual environment under .bench-tmp/, byte-compiled as pip installs it, or COMPOSE_LINT_BIN
 * names an installed `compose-lint`. When Python, pip or its dependencies are missing, callers
 * skip with the reason this module returns.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Outside `.bench-tmp/`, which the bench empties on every run: the install takes a minute. */
const VENV = path.join(REPO, ".bench-cache/compose-lint-venv");

export function composeLintSource(): string | undefined {
  const dir = path.resolve(REPO, process.env.COMPOSE_LINT_SRC ?? "../compose-lint");
  return existsSync(path.join(dir, "pyproject.toml")) && existsSync(path.join(dir, "tests/compose_files")) ? dir : undefined;
}

export type Located = { ok: true; bin: string } | { ok: false; why: string };

/** The compose-lint executable, installing it from the local source on first use. */
export function composeLint(): Located {
  if (process.env.COMPOSE_LINT_BIN) return { ok: true, bin: process.env.COMPOSE_LINT_BIN };
  const bin = path.join(VENV, "bin/compose-lint");
  if (existsSync(bin)) return { ok: true, bin };
  const src = composeLintSource();
  if (!src) return { ok: false, why: "compose-lint's source not found (set COMPOSE_LINT_SRC to a checkout of tmatens/compose-lint)" };
  mkdirSync(path.dirname(VENV), { recursive: true });
  const venv = spawnSync("python3", ["-m", "venv", VENV], { encoding: "utf8" });
  if (venv.status !== 0) return { ok: false, why: `python3 -m venv failed: ${(venv.stderr || String(venv.error)).trim().split("\n").pop()}` };
  // A short timeout: where PyPI is unreachable, pip falls back to the configured local index quickly.
  const pip = spawnSync(path.join(VENV, "bin/pip"), ["install", "--quiet", "--timeout", "5", "--retries", "0", src], { encoding: "utf8" });
  if (pip.status !== 0 || !existsSync(bin)) {
    return { ok: false, why: `pip could not install compose-lint from ${src} (its build backend hatchling or PyYAML missing?): ${pip.stderr.trim().split("\n").pop()}` };
  }
  return { ok: true, bin };
}
