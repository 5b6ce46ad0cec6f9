/**
 * `yaml`'s syntax error messages, without the text they quote. A few of them repeat what they
 * choke on (`Block scalar header includes extra characters: |s3cret`, `Invalid escape sequence
 * \xZZ`, `Unresolved tag: !s3cret`, `Not a YAML token: …`), and that text is often a password
 * that starts with `|`, `!` or `*`, or holds a backslash. A file that does not parse has no
 * known secrets to mask, so the message itself must not carry any: these are replaced by a
 * description of the mistake, and the location points at the text.
 */
import type { YAMLError } from "yaml";

/** Messages for the codes whose text can quote the input. */
const DESCRIBED: Partial<Record<YAMLError["code"], string>> = {
  BAD_DQ_ESCAPE: "invalid escape sequence in a double-quoted value: write a backslash as \\\\, or use single quotes",
  BAD_SCALAR_START: "a plain value cannot start with @ or `: quote the value",
  TAG_RESOLVE_FAILED: "a tag (`!…`) that YAML cannot resolve: if the value is text that starts with !, quote it",
  BAD_COLLECTION_TYPE: "a tag that does not fit the kind of value it is on",
  BAD_DIRECTIVE: "an invalid `%` directive line",
};

const BLOCK_HEADER = "text after a block scalar indicator (| or >) on the same line: if the value is text that starts with | or >, quote it";
const UNEXPECTED = "unexpected text here (YAML syntax)";

/**
 * `yaml`'s own wording, which names token kinds, indicators and flow collections, is kept;
 * anything else is described without quoting the input.
 */
const SAFE = [
  /^Unexpected [a-z-]+ token( in YAML (stream|document))?$/,
  /^Unexpected [a-z-]+ at node end$/,
  /^Unexpected (,|empty item|[?:-]) in [a-z ]+$/,
  /^Expected a flow scalar value, but found: [a-z-]+$/,
  /^Unexpected token in block scalar header: [a-z-]+$/,
];

/** The message to show for one of `yaml`'s errors. */
export function syntaxMessage(error: YAMLError): string {
  const described = DESCRIBED[error.code];
  if (described) return described;
  if (error.code !== "UNEXPECTED_TOKEN") return error.message;
  if (error.message.startsWith("Block scalar header includes extra characters")) return BLOCK_HEADER;
  return SAFE.some((re) => re.test(error.message)) ? error.message : UNEXPECTED;
}
