/**
 * A test-only transform that applies a list of edits from options.json, so the document
 * layer's edit vocabulary is pinned by golden files like any transform.
 */
import { z } from "zod";
import { defineTransform } from "../../src/transforms/types.js";

const Key = z.union([z.string(), z.number()]);
const Edit = z.discriminatedUnion("op", [
  z.object({ op: z.literal("set"), path: z.array(Key), value: z.unknown(), after: z.string().optional(), shared: z.enum(["refuse", "anchor", "local"]).optional() }),
  z.object({ op: z.literal("delete"), path: z.array(Key), prune: z.boolean().optional() }),
  z.object({ op: z.literal("append"), path: z.array(Key), value: z.unknown() }),
  z.object({ op: z.literal("remove"), path: z.array(Key), value: z.unknown(), prune: z.boolean().optional() }),
  z.object({ op: z.literal("setEnv"), service: z.string(), name: z.string(), value: z.string().nullable(), shared: z.enum(["refuse", "anchor", "local"]).optional() }),
  z.object({ op: z.literal("deleteEnv"), service: z.string(), name: z.string() }),
  z.object({ op: z.literal("renameEnv"), service: z.string(), from: z.string(), to: z.string(), value: z.string().optional() }),
]);

export default defineTransform({
  id: "edit-script",
  title: "Edit script (tests only)",
  summary: "Applies the edits listed in its options",
  options: z.object({ file: z.number().default(0).describe("Index of the file to edit"), edits: z.array(Edit).default([]).describe("Edits in order") }),
  apply(ctx, options) {
    const doc = ctx.project.docs[options.file];
    for (const e of options.edits) {
      switch (e.op) {
        case "set":
          doc.set(e.path, e.value, { after: e.after, shared: e.shared });
          break;
        case "delete":
          doc.delete(e.path, { prune: e.prune });
          break;
        case "append": {
          // Appending what is already there would make the script non-idempotent.
          const current = doc.get(e.path);
          if (Array.isArray(current) && current.some((v) => JSON.stringify(v) === JSON.stringify(e.value))) break;
          doc.append(e.path, e.value);
          break;
        }
        case "remove":
          doc.removeWhere(e.path, (v) => JSON.stringify(v) === JSON.stringify(e.value), { prune: e.prune });
          break;
        case "setEnv":
          doc.setEnv(e.service, e.name, e.value, { shared: e.shared });
          break;
        case "deleteEnv":
          doc.deleteEnv(e.service, e.name);
          break;
        case "renameEnv":
          doc.renameEnv(e.service, e.from, e.to, e.value);
          break;
      }
      ctx.change(`${e.op} ${"path" in e ? e.path.join(".") : `${e.service}.${"name" in e ? e.name : e.from}`}`);
    }
  },
});
