/**
 * A list that grows without copying what it holds: values are kept in chunks
 * of CHUNK, the last one growing. An array grown by push is copied each time
 * its room runs out (to 1.5x), and past about 16,000 values each copy is
 * made in V8's large-object space, outside the young generation: the places
 * read from a list of 100,000 items (half a million values) allocated about
 * three times their size there before they were used once. A chunk is small
 * enough to be made young, and is never copied once full.
 */
const SHIFT = 12;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

export class Chunked<T> {
  private readonly full: T[][] = [];
  private tail: T[] = [];

  /** A list of these values. */
  static of<T>(...values: T[]): Chunked<T> {
    const out = new Chunked<T>();
    for (const v of values) out.push(v);
    return out;
  }

  get length(): number {
    return this.full.length * CHUNK + this.tail.length;
  }

  push(value: T): void {
    if (this.tail.length === CHUNK) {
      this.full.push(this.tail);
      this.tail = [];
    }
    this.tail.push(value);
  }

  /** The value at `i` (0 <= i < length). */
  at(i: number): T {
    const c = i >>> SHIFT;
    return c < this.full.length ? this.full[c][i & MASK] : this.tail[i & MASK];
  }

  /** Sets the value at `i` (0 <= i < length). */
  set(i: number, value: T): void {
    const c = i >>> SHIFT;
    if (c < this.full.length) this.full[c][i & MASK] = value;
    else this.tail[i & MASK] = value;
  }

  /** Back to the first `length` values (length <= this.length). */
  truncate(length: number): void {
    const c = length >>> SHIFT;
    if (c < this.full.length) {
      this.tail = this.full[c];
      this.full.length = c;
    }
    this.tail.length = length & MASK;
  }

  /** Lets go of the room the last chunk keeps for more (for a list that is done growing and is kept). */
  trim(): void {
    this.tail = this.tail.slice();
  }

  /** The values in an array of their number (for a list that is done growing and is kept). */
  toArray(): T[] {
    const out = new Array<T>(this.length);
    let i = 0;
    for (const chunk of this.full) for (const v of chunk) out[i++] = v;
    for (const v of this.tail) out[i++] = v;
    return out;
  }
}

const INT_SHIFT = 12;
const INT_BLOCK = 1 << INT_SHIFT;
const INT_MASK = INT_BLOCK - 1;

/**
 * Int32 values by index (0 where none was set), in blocks of INT_BLOCK made
 * as they are reached: it grows without copying, and holds one block more
 * than it uses at most. A typed array doubled as it filled left each old copy
 * to the allocator, and the last one up to twice what it held: the four
 * columns of a file's places (Locations in parse/index.ts) had allocated
 * about 2.5x their size by the end of a parse (BENCHMARKS.md, round 8).
 */
export class Int32Chunks {
  private readonly blocks: Int32Array[] = [];

  at(i: number): number {
    const block = this.blocks[i >>> INT_SHIFT];
    return block === undefined ? 0 : block[i & INT_MASK];
  }

  set(i: number, value: number): void {
    const c = i >>> INT_SHIFT;
    while (this.blocks.length <= c) this.blocks.push(new Int32Array(INT_BLOCK));
    this.blocks[c][i & INT_MASK] = value;
  }
}
