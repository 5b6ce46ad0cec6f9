/**
 * What a human must do for the secrets compose-gate leaves in place: one step per service (or
 * per group of services in the same situation) naming the variables, why they stay, and the way
 * forward, in two sentences — the recipes (a hand-written shim, a derived image) are in
 * docs/transforms/env-to-secrets.md, not repeated in every step.
 */
import type { Location } from "../../document/compose-document.js";
import { imageMatches, parseImage } from "../../image/reference.js";
import { FILE_CAPABLE_IMAGES, knownWithoutFile } from "../../secrets/file-capable.js";
import type { OtherUse, SecretUse } from "./collect.js";
import type { EnvValue } from "./values.js";

export type UrlUse = OtherUse & { value: Extract<EnvValue, { kind: "url" }> };

export type Leftover =
  /** A secret variable the image cannot read from a file. */
  | {
      kind: "secret";
      use: SecretUse;
      secret: string;
      reason?: string;
      echoes?: string[];
      /** The `${VAR}` that replaced a value written in the file (this run took it out). */
      replacedBy?: string;
    }
  /** A connection URL whose password could come from `secret`. */
  | { kind: "url"; use: UrlUse; secret: string }
  /** A value that mixes text with `${…}`. */
  | { kind: "template"; use: OtherUse };

export interface ServiceLeftovers {
  service: string;
  image: string | undefined;
  builds: boolean;
  items: Leftover[];
  /** Why the image's entrypoint shim was not added, when the image would take one. */
  shimReason?: string;
}

/** Where the recipes the steps point at are written. */
const DOCS = "docs/transforms/env-to-secrets.md";

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function describeItem(item: Leftover): string {
  const name = item.use.entry.name;
  if (item.kind === "url") return `${name} (a password inside a connection URL${item.use.value.viaDefaultOf ? ", in its default" : ""})`;
  if (item.kind === "template") return `${name} (its value mixes text with \${…})`;
  const v = item.use.value;
  if (v.kind === "literal") {
    // A value that left the file has its own step (the literal's, echoes included); the next run
    // sees only the variable, and this step must read the same then (the gate checklist keeps it).
    if (item.replacedBy) return name;
    const also = item.echoes?.length ? `, the same text also in ${joinWords(item.echoes)}` : "";
    return `${name} (its value is written in the file${also}: rotate it)`;
  }
  if (v.kind === "reference" && v.defaultValue) return `${name} (with a default written in the file: rotate it)`;
  return name;
}

/** Why the variables stay, from what is known about the image. */
function imageReason(group: ServiceLeftovers): string {
  if (group.builds || !group.image) return "the service builds its own image, which is not known to read *_FILE variables";
  if (parseImage(group.image).chosenAtDeploy) return `its image (${group.image}) is chosen at deploy time, so compose-gate cannot tell whether it reads *_FILE variables`;
  const known = knownWithoutFile(group.image);
  if (known) return group.shimReason ? `${known.note}; compose-gate did not add its shim: ${group.shimReason}` : known.note;
  if (group.items.every((i) => i.kind !== "secret")) return "a URL or a composed value cannot be read from a secret file as it is";
  return `${group.image} is not known to read *_FILE variables`;
}

/** The image's reason, or the anchor's for variables the image could read were they not shared. */
function reason(group: ServiceLeftovers): string {
  const shared = group.items.filter((i): i is Leftover & { kind: "secret" } => i.kind === "secret" && i.reason !== undefined);
  if (shared.length === 0) return imageReason(group);
  if (shared.length === group.items.length) return shared[0].reason!;
  return `${imageReason(group)}; ${joinWords(shared.map((i) => i.use.entry.name))}: ${shared[0].reason}`;
}

/** Variables this image could read from a file, were they not shared with services that cannot. */
function unshareAdvice(items: Leftover[]): string | undefined {
  const shared = items.filter((i) => i.kind === "secret" && i.reason);
  if (shared.length === 0) return undefined;
  const anchors = [...new Set(shared.map((i) => i.use.entry.sharedVia).filter((a): a is string => Boolean(a)))].map((a) => `&${a}`);
  const names = joinWords(shared.map((i) => i.use.entry.name));
  return `write ${names} in each service's own environment instead of anchor ${joinWords(anchors)}, then run env-to-secrets again`;
}

/** The command that makes a Node application read the variables' `_FILE` (docs/codemod.md). */
function codemodHint(items: Leftover[]): string {
  const names = [...new Set(items.filter((i) => i.kind === "secret").map((i) => i.use.entry.name))];
  if (names.length === 0) return "";
  return `; for JavaScript/TypeScript code, \`compose-gate codemod secrets --vars ${names.join(",")} --src <its source>\` does that`;
}

/** The way forward for the image, in one sentence. */
function imageAdvice(group: ServiceLeftovers): string | undefined {
  const them = group.items.length === 1 ? "it" : "them";
  const known = group.image && !group.builds ? knownWithoutFile(group.image) : undefined;
  if (known?.shell === "none") return `build a derived image whose entrypoint reads ${them} from /run/secrets (${DOCS}, "Images without a shell")`;
  if (known?.shell === "unknown") {
    return `if \`docker run --rm --entrypoint /bin/sh ${group.image} -c true\` succeeds, wrap its start in a shim by hand (${DOCS}, "Writing a shim by hand"), else build a derived image`;
  }
  if (known?.shell === "yes") {
    if (group.shimReason === "option shims is off") return "set option shims to known and run env-to-secrets again";
    return `wrap its start in a shim by hand (${DOCS}, "Writing a shim by hand")`;
  }
  const tabled = group.image !== undefined && FILE_CAPABLE_IMAGES.some((r) => r.repositories.some((p) => imageMatches(group.image!, p)));
  if (!group.builds && (tabled || !group.image)) return undefined;
  const what = group.builds ? "make the application read <NAME>_FILE" : `if ${group.image} reads <NAME>_FILE (or you make it do so)`;
  return `${what}, then list the image in option fileCapableImages${codemodHint(group.items)}`;
}

/** The ways forward for one service's leftovers. */
function options(group: ServiceLeftovers): string[] {
  const out: string[] = [];
  const unshare = unshareAdvice(group.items);
  if (unshare) out.push(unshare);
  if (group.items.some((i) => !(i.kind === "secret" && i.reason))) {
    const advice = imageAdvice(group);
    if (advice) out.push(advice);
  }
  if (group.items.some((i) => i.kind === "url") && group.image && /postgres-exporter/.test(group.image)) {
    out.push("postgres-exporter reads DATA_SOURCE_URI + DATA_SOURCE_USER + DATA_SOURCE_PASS_FILE instead of a DSN with a password (no shim needed)");
  }
  if (group.items.some((i) => i.kind === "template")) out.push("split a composed value so that its secret part is a variable of its own");
  return out;
}

export interface ManualStep {
  message: string;
  location?: Location;
  service: string;
}

/**
 * One manual step per situation: services whose leftovers read the same (the same variables,
 * image and advice, typically services sharing an anchor) are listed together.
 */
export function leftoverSteps(groups: ServiceLeftovers[]): ManualStep[] {
  const steps = new Map<string, { services: string[]; location?: Location }>();
  for (const group of groups) {
    if (group.items.length === 0) continue;
    const verb = group.items.length === 1 ? "stays" : "stay";
    const ways = options(group);
    const next = ways.length > 0 ? ` To move ${group.items.length === 1 ? "it" : "them"}: ${ways.join("; or ")}` : "";
    const body = `${joinWords(group.items.map(describeItem))} ${verb} in plain environment: ${reason(group)}.${next}`;
    const step = steps.get(body) ?? { services: [], location: group.items[0].use.location };
    step.services.push(group.service);
    steps.set(body, step);
  }
  return [...steps].map(([body, step]) => ({
    message: `${step.services.map((s) => `services.${s}`).join(", ")}: ${body}`,
    location: step.location,
    service: step.services[0],
  }));
}
