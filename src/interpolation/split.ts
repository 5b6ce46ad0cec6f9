/**
 * Splitting the colon-separated short syntax of `ports:` and `volumes:` entries. A colon inside
 * `${…}` (`${HOST_IP:-127.0.0.1}`, `${SOCK:-/run/docker.sock}`) or inside brackets (an IPv6
 * address) does not separate fields.
 */
export function splitOutsideInterpolation(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let bracket = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (c === "}" && depth > 0) depth--;
    else if (c === "[" && depth === 0) bracket = true;
    else if (c === "]" && depth === 0) bracket = false;
    else if (c === ":" && depth === 0 && !bracket) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
