/**
 * Finding many secret values in a text in one pass (Aho–Corasick), in time linear in the text
 * plus the matches. A regular expression built from the values has a size limit (a secret of
 * 32 K characters broke every command) and cost that grows with the number of values; this has
 * neither. Matching is by UTF-16 code unit: a value is found whatever follows it, where a
 * grapheme-aware matcher (such as modern-ahocorasick's) does not see `abc` in `abc` followed
 * by a combining accent — and a masker must hide those characters too.
 */
export class Dictionary {
  /** Children of the root by code unit (0: none; the root is never a child). */
  readonly #root = new Int32Array(65536);
  /** Other nodes' children: a linked list of edges per node, a map once a node has many. */
  readonly #head: number[] = [-1];
  readonly #edgeCode: number[] = [];
  readonly #edgeChild: number[] = [];
  readonly #edgeNext: number[] = [];
  readonly #count: number[] = [0];
  readonly #wide = new Map<number, Map<number, number>>();
  readonly #fail: number[] = [0];
  /** Length of the longest word that ends at the node (a suffix of its path), 0 for none. */
  readonly #longest: number[] = [0];
  /** Index of the word the node completes, -1 for none. */
  readonly #word: number[] = [-1];
  /** The nearest node on the fail chain that completes a word, -1 for none. */
  readonly #output: number[] = [-1];
  readonly #words: string[];

  constructor(words: Iterable<string>) {
    this.#words = [...new Set(words)].filter((w) => w.length > 0);
    this.#words.forEach((word, index) => {
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        node = this.#child(node, c) ?? this.#add(node, c);
      }
      this.#word[node] = index;
      this.#longest[node] = word.length;
    });
    this.#link();
  }

  get size(): number {
    return this.#words.length;
  }

  #child(node: number, c: number): number | undefined {
    if (node === 0) return this.#root[c] || undefined;
    const wide = this.#wide.get(node);
    if (wide) return wide.get(c);
    for (let e = this.#head[node]; e >= 0; e = this.#edgeNext[e]) if (this.#edgeCode[e] === c) return this.#edgeChild[e];
    return undefined;
  }

  #add(node: number, c: number): number {
    const child = this.#fail.length;
    this.#fail.push(0);
    this.#longest.push(0);
    this.#word.push(-1);
    this.#output.push(-1);
    this.#head.push(-1);
    this.#count.push(0);
    if (node === 0) this.#root[c] = child;
    const e = this.#edgeCode.length;
    this.#edgeCode.push(c);
    this.#edgeChild.push(child);
    this.#edgeNext.push(this.#head[node]);
    this.#head[node] = e;
    // Past a few children a list costs more than a map (the first letters of many secrets).
    if (++this.#count[node] > 8 && node !== 0) {
      let wide = this.#wide.get(node);
      if (!wide) {
        wide = new Map();
        for (let x = this.#head[node]; x >= 0; x = this.#edgeNext[x]) wide.set(this.#edgeCode[x], this.#edgeChild[x]);
        this.#wide.set(node, wide);
      }
      wide.set(c, child);
    }
    return child;
  }

  /** Fail links breadth first, so a node's fail target is always finished before it. */
  #link(): void {
    const queue: number[] = [];
    for (let e = this.#head[0]; e >= 0; e = this.#edgeNext[e]) queue.push(this.#edgeChild[e]);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      const fail = this.#fail[node];
      if (this.#longest[node] === 0) this.#longest[node] = this.#longest[fail];
      this.#output[node] = this.#word[fail] >= 0 ? fail : this.#output[fail];
      for (let e = this.#head[node]; e >= 0; e = this.#edgeNext[e]) {
        const child = this.#edgeChild[e];
        this.#fail[child] = this.#step(fail, this.#edgeCode[e]);
        queue.push(child);
      }
    }
  }

  /** The node reached from `node` on code unit `c`, following fail links where it has no child. */
  #step(node: number, c: number): number {
    let current = node;
    for (;;) {
      const next = this.#child(current, c);
      if (next !== undefined) return next;
      if (current === 0) return 0;
      current = this.#fail[current];
    }
  }

  /** Calls `found` for every occurrence of every word (overlapping ones too), by end offset. */
  each(text: string, found: (start: number, end: number, word: number) => void): void {
    if (this.#words.length === 0) return;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      node = this.#step(node, text.charCodeAt(i));
      for (let n = this.#word[node] >= 0 ? node : this.#output[node]; n > 0; n = this.#output[n]) {
        const length = this.#words[this.#word[n]].length;
        found(i + 1 - length, i + 1, this.#word[n]);
      }
    }
  }

  /**
   * The ranges the words cover in `text`, sorted and joined: for each end offset only the
   * longest word ending there is needed, which keeps this linear however the words overlap.
   */
  cover(text: string): [number, number][] {
    const out: [number, number][] = [];
    if (this.#words.length === 0) return out;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      node = this.#step(node, text.charCodeAt(i));
      const length = this.#longest[node];
      if (length === 0) continue;
      // A longer word may start before ranges already found: it swallows them.
      let start = i + 1 - length;
      let end = i + 1;
      while (out.length > 0 && start <= out[out.length - 1][1]) {
        const last = out.pop()!;
        start = Math.min(start, last[0]);
        end = Math.max(end, last[1]);
      }
      out.push([start, end]);
    }
    return out;
  }
}
