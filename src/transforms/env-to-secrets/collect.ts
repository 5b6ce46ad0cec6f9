/**
 * Finding the secrets in a stack's environment: every entry whose name says it holds a secret,
 * or whose value comes from a variable that holds one elsewhere (`MINIO_ROOT_USER:
 * ${MINIO_ROOT_USER}` next to `S3_ACCESS_KEY: ${MINIO_ROOT_USER}`), and every connection URL
 * with a password in it. Names come from detect.ts; the user's include/exclude lists apply.
 */
import type { ComposeDocument, Location } from "../../document/compose-document.js";
import type { EnvEntry } from "../../document/environment.js";
import type { Project } from "../../project/project.js";
import { isExcludedName, isSecretName, type SecretRules } from "../../secrets/detect.js";
import { isFileVariable } from "../../secrets/file-capable.js";
import { readEnvValue, urlPasswordVariable, type EnvValue, type SecretValue } from "./values.js";

/** One environment entry of one service, as written in one file. */
export interface EnvUse {
  service: string;
  doc: ComposeDocument;
  entry: EnvEntry;
  /** Where the entry is written (inside the anchor when it comes through one). */
  location?: Location;
  /** `file:line:column` of that place: entries with the same origin are the same text. */
  origin: string;
  /** Every file that sets this variable for this service, in `-f` order (usually one). */
  definitions: { doc: ComposeDocument; location?: Location }[];
}

export interface SecretUse extends EnvUse {
  value: SecretValue;
}

export interface OtherUse extends EnvUse {
  value: Extract<EnvValue, { kind: "template" | "url" }>;
}

export interface Collected {
  secrets: SecretUse[];
  /** Secret-named values that cannot move as they are (templates) and URLs with passwords. */
  others: OtherUse[];
  /** Variables that carry a secret somewhere in the stack (a secret name's value, a URL password). */
  secretVariables: Set<string>;
}

interface Candidate extends EnvUse {
  value: EnvValue;
}

function originOf(doc: ComposeDocument, location: Location | undefined, entry: EnvEntry, service: string): string {
  return location ? `${location.file}:${location.line}:${location.column}` : `${doc.filename}:${service}:${entry.name}`;
}

/** Each variable of each service once, from the file Docker takes it from (the last that sets it). */
function candidates(project: Project): Candidate[] {
  const out: Candidate[] = [];
  for (const service of project.services()) {
    const byName = new Map<string, { doc: ComposeDocument; entry: EnvEntry }[]>();
    for (const doc of project.docs) {
      if (!doc.has(["services", service])) continue;
      for (const entry of doc.env(service)) {
        const list = byName.get(entry.name) ?? [];
        list.push({ doc, entry });
        byName.set(entry.name, list);
      }
    }
    for (const list of byName.values()) {
      const { doc, entry } = list[list.length - 1];
      if (isFileVariable(entry.name)) continue;
      const location = doc.locate(entry.path);
      out.push({
        service,
        doc,
        entry,
        location,
        origin: originOf(doc, location, entry, service),
        definitions: list.map((d) => ({ doc: d.doc, location: d.doc.locate(d.entry.path) })),
        value: readEnvValue(entry.name, entry.value),
      });
    }
  }
  return out;
}

/** Variables that carry a secret somewhere in the stack: their every use is a secret use. */
function secretVariables(all: Candidate[], rules: SecretRules): Set<string> {
  const out = new Set<string>();
  for (const c of all) {
    const v = c.value;
    if (v.kind === "url") {
      const pw = urlPasswordVariable(v.url);
      if (pw) out.add(pw);
    } else if ((v.kind === "reference" || v.kind === "passthrough") && (isSecretName(c.entry.name, rules) || isSecretName(v.variable, rules))) {
      if (!isExcludedName(c.entry.name, rules)) out.add(v.variable);
    }
  }
  return out;
}

export function collectSecrets(project: Project, rules: SecretRules): Collected {
  const all = candidates(project);
  const tainted = secretVariables(all, rules);
  const secrets: SecretUse[] = [];
  const others: OtherUse[] = [];
  for (const c of all) {
    if (isExcludedName(c.entry.name, rules)) continue;
    const v = c.value;
    const named = isSecretName(c.entry.name, rules);
    if (v.kind === "url") others.push({ ...c, value: v });
    else if (v.kind === "template" && named) others.push({ ...c, value: v });
    else if (v.kind === "literal" && named) secrets.push({ ...c, value: v });
    else if ((v.kind === "reference" || v.kind === "passthrough") && (named || tainted.has(v.variable))) secrets.push({ ...c, value: v });
  }
  return { secrets, others, secretVariables: tainted };
}
