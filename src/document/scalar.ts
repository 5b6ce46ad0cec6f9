/**
 * Writing a scalar so that it reads back as what was meant. `yaml`'s CST escapes syntax
 * (`a: b`, `#x`) but not types: the plain text `true`, `1.10`, `0755` or `null` re-reads as a
 * boolean, number or null. Docker's loaders also treat YAML 1.1 words (`yes`, `off`) and
 * sexagesimal-looking values differently from one another, so those are quoted too, as the
 * compose spec advises for boolean-like environment values.
 */
import { parse } from "yaml";
import { COMPOSE_TAGS } from "./tags.js";

const YAML11_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;

/** True when a string written plain would not read back as that same string everywhere. */
export function isTypeAmbiguous(value: string): boolean {
  if (value === "" || value.trim() !== value) return true;
  // A plain `<<` key is a merge key, not the string.
  if (value === "<<") return true;
  if (YAML11_WORDS.test(value) || SEXAGESIMAL.test(value)) return true;
  if (/^[-+]?(\.[0-9]|[0-9])/.test(value) || /^\.(inf|Inf|INF|nan|NaN|NAN)$/.test(value)) {
    try {
      return typeof parse(value, { customTags: COMPOSE_TAGS }) !== "string";
    } catch {
      return true;
    }
  }
  return false;
}

export type ScalarValue = string | number | boolean | null;
