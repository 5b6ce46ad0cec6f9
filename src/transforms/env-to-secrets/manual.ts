/**
 * What a human must do for the secrets compose-gate leaves in place: one step per service (or
 * per group of services in the same situation) naming the variables, why they stay, and the
 * ways forward — an entrypoint shim when the image has a shell, or making one's own image
 * read `*_FILE`. Shims are described, never written: the image's command and shell are not
 * known from the compose file (domain.md §2.1).
 */
import type { Location } from "../../document/compose-document.js";
import { imageMatches, parseImage } from "../../image/reference.js";
import { FILE_CAPABLE_IMAGES, knownWithoutFile } from "../../secrets/file-capable.js";
import { mountPath } from "../../secrets/naming.js";
import type { OtherUse, SecretUse } from "./collect.js";
import type { EnvValue } from "./values.js";

export type UrlUse = OtherUse & { value: Extract<EnvValue, { kind: "url" }> };

export type Leftover =
  /** A secret variable the image cannot read from a file. */
  | { kind: "secret"; use: SecretUse; secret: string; reason?: string; echoes?: string[] }
  /** A connection URL whose password could come from `secret`. */
  | { kind: "url"; use: UrlUse; secret: string }
  /** A value that mixes text with `${…}`. */
  | { kind: "template"; use: OtherUse };

export interface ServiceLeftovers {
  service: string;
  image: string | undefined;
  builds: boolean;
  items: Leftover[];
}

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
    const also = item.echoes?.length ? `, the same text also in ${joinWords(item.echoes)}` : "";
    return `${name} (its value is written in the file${also}: rotate it)`;
  }
  if (v.kind === "reference" && v.defaultValue) return `${name} (with a default written in the file: rotate it)`;
  return name;
}

/** Why the variables stay, from what is known about the image. */
function imageReason(group: ServiceLeftovers): string {
  if (!group.image) return "the service builds its own image, which is not known to read *_FILE variables";
  if (parseImage(group.image).chosenAtDeploy) return `its image (${group.image}) is chosen at deploy time, so compose-gate cannot tell whether it reads *_FILE variables`;
  const known = knownWithoutFile(group.image);
  if (known) return known.note;
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

/** `export VAR="$$(cat /run/secrets/name)"` lines of a shim, `$$` escaped for compose. */
function shimExports(items: Leftover[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const name = item.use.entry.name;
    if (item.kind === "secret") out.push(`export ${name}="$$(cat ${mountPath(item.secret)})"`);
    if (item.kind === "url") {
      const url = item.use.value.url;
      const read = `$$(cat ${mountPath(item.secret)})`;
      // Never echo text that may hold the literal password; placeholders are safer then.
      const safe = !url.rest.includes(url.password) && !url.user.includes(url.password);
      out.push(`export ${name}="${safe ? `${url.scheme}://${url.user}:${read}@${url.rest}` : `<scheme>://<user>:${read}@<host>/<database>`}"`);
    }
  }
  return out;
}

function shimText(items: Leftover[], exportsOf: string[]): string {
  const secrets = [...new Set(items.flatMap((i) => (i.kind === "template" ? [] : [i.secret])))];
  const script = `${exportsOf.join("; ")}; exec "$$@"`;
  return (
    `grant ${secrets.join(", ")} to the service and wrap its start in a shim: ` +
    `entrypoint: ["/bin/sh", "-c", ${JSON.stringify(script)}, "--"] and command: the image's own entrypoint and command ` +
    `(an entrypoint override drops the image's CMD; \`docker image inspect\` shows both)`
  );
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
  return ` (for JavaScript/TypeScript code, \`compose-gate codemod secrets --vars ${names.join(",")} --src <its source>\` rewrites its reads)`;
}

/** The ways forward for one service's leftovers. */
function options(group: ServiceLeftovers): string[] {
  const out: string[] = [];
  const unshare = unshareAdvice(group.items);
  if (unshare) out.push(unshare);
  const shimItems = group.items.filter((i) => !(i.kind === "secret" && i.reason));
  const exportsOf = shimExports(shimItems);
  const known = group.image ? knownWithoutFile(group.image) : undefined;
  if (exportsOf.length > 0) {
    if (known?.shell === "probably-not") {
      out.push(
        `${group.image} probably has no /bin/sh (check: docker run --rm --entrypoint /bin/sh ${group.image} -c true); ` +
          `if it has one, ${shimText(shimItems, exportsOf)}; otherwise a shim needs a derived image`,
      );
    } else {
      out.push(`${known?.shell === "yes" ? "" : "if the image has /bin/sh, "}${shimText(shimItems, exportsOf)}`);
    }
  }
  if (group.items.some((i) => i.kind === "url") && group.image && /postgres-exporter/.test(group.image)) {
    out.push("postgres-exporter reads DATA_SOURCE_URI + DATA_SOURCE_USER + DATA_SOURCE_PASS_FILE instead of a DSN with a password (no shim needed)");
  }
  const tabled = group.image !== undefined && FILE_CAPABLE_IMAGES.some((r) => r.repositories.some((p) => imageMatches(group.image!, p)));
  if (group.builds || (!known && !tabled && group.image)) {
    const what = group.builds ? "the service builds its image (build:)" : `if you build ${group.image} yourself`;
    out.push(`${what}: make the application read <NAME>_FILE${codemodHint(group.items)}, then list the image in option fileCapableImages`);
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
    const body = `${joinWords(group.items.map(describeItem))} ${verb} in plain environment: ${reason(group)}. To move ${group.items.length === 1 ? "it" : "them"}: ${options(group).join("; or ")}`;
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
