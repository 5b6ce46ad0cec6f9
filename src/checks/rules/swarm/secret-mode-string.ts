/**
 * swarm/secret-mode-string — the v3 schema types a secret's or config's `mode` as a number:
 * `mode: "0440"` fails with "services.<name>.secrets.0.mode must be a number", while an
 * unquoted `mode: 0440` is read as octal (288) and accepted (probed with docker stack config, docs/checks.md).
 */
import { fileServices } from "../../shared/model.js";
import { ownerOf } from "../../shared/owner.js";
import { defineRule } from "../../types.js";

/** The advice for a quoted mode: the same digits unquoted when they are octal. */
function unquoted(mode: string): string {
  if (!/^[0-7]{3,4}$/.test(mode)) return "write it as an unquoted number";
  const octal = mode.startsWith("0") ? mode : `0${mode}`;
  return `write it unquoted (mode: ${octal}) so it reads as an octal number`;
}

export default defineRule({
  id: "swarm/secret-mode-string",
  severity: "error",
  summary: "A secret or config mount has a quoted mode, which docker stack deploy rejects",
  description:
    "`mode` of a service's secret or config mount must be a number in the v3 schema: `mode: \"0440\"` fails with " +
    "\"… mode must be a number\", while `mode: 0440` (unquoted, read as octal 0o440 = 288 by Docker's YAML parser) " +
    "is accepted (probed with docker stack config, docs/checks.md). Interpolated modes are left alone: the loader casts them.",
  run(ctx) {
    for (const { doc, name } of fileServices(ctx.project)) {
      for (const kind of ["secrets", "configs"] as const) {
        const mounts = doc.get(["services", name, kind]);
        if (!Array.isArray(mounts)) continue;
        mounts.forEach((mount, index) => {
          const mode = (mount as { mode?: unknown } | null)?.mode;
          if (typeof mode !== "string" || mode.includes("$")) return;
          const path = ["services", name, kind, index, "mode"];
          const owner = ownerOf(doc, name, path);
          ctx.report({
            path,
            doc,
            service: owner.service,
            message: `${owner.label}: docker stack deploy rejects the quoted ${kind === "secrets" ? "secret" : "config"} mode "${mode}"; ${unquoted(mode)}`,
          });
        });
      }
    }
  },
});
