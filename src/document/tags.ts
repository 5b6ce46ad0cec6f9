/**
 * The tag schema compose-gate reads with. It is YAML 1.2 core, which is what Docker's Go
 * YAML parser resolves for plain scalars, with two differences that matter for compose:
 *
 * - A zero-prefixed integer (`mode: 0440`) is octal, as go-yaml reads it (288 here), not the
 *   decimal 440 of YAML 1.2. The text is never rewritten, so `0440` stays `0440`.
 * - `!reset` and `!override` (compose merge tags) pass through unchanged instead of being
 *   reported as unknown tags and re-emitted with quotes.
 */
import { YAMLMap, YAMLSeq, type Tags } from "yaml";

type TagList = Tags[number];

const octalInt: TagList = {
  identify: (value: unknown) => typeof value === "number",
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "OCT",
  test: /^[-+]?0[0-7]+$/,
  resolve: (source: string) => {
    const sign = source.startsWith("-") ? -1 : 1;
    return sign * parseInt(source.replace(/^[-+]/, ""), 8);
  },
};

function passThrough(tag: string): TagList[] {
  return [
    { tag, resolve: (source: string) => source },
    { tag, collection: "map", nodeClass: YAMLMap, resolve: (map: YAMLMap) => map },
    { tag, collection: "seq", nodeClass: YAMLSeq, resolve: (seq: YAMLSeq) => seq },
  ] as TagList[];
}

export const COMPOSE_TAGS = (defaults: TagList[]): TagList[] => [
  octalInt,
  ...defaults,
  ...passThrough("!reset"),
  ...passThrough("!override"),
];

/** The `yaml` options every parse in compose-gate uses. */
export const COMPOSE_YAML_OPTIONS = {
  keepSourceTokens: true,
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  customTags: COMPOSE_TAGS,
} as const;
