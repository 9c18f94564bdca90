/**
 * Every designator of a BOM's 位号 cells, to find the ones on more than one row and to answer `has`: an open-addressing
 * hash table of (row, position) pairs in typed arrays, pointing into the rows' own designator lists. A Map of 60,000
 * fresh strings costs more in garbage collection than in lookups (its growing tables are copied and scanned with
 * every young string they point at); these tables hold numbers only, outside the JavaScript heap.
 */
export class DesignatorIndex {
  /** index of the row in `lists` + 1; 0 marks a free slot */
  private listOf: Int32Array;
  private itemOf: Int32Array;
  private hashOf: Int32Array;
  private count = 0;

  /** `lists[i]` is the designator list of the i-th row; a list must not change once its row is added */
  constructor(private readonly lists: (readonly string[])[]) {
    this.listOf = new Int32Array(1024);
    this.itemOf = new Int32Array(1024);
    this.hashOf = new Int32Array(1024);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the designator at `item` of list `list`: the list where it was first added, or -1 when it is new. */
  add(list: number, item: number): number {
    const designator = this.lists[list]![item]!;
    const hash = hashOf(designator);
    const mask = this.listOf.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const taken = this.listOf[slot]!;
      if (taken === 0) {
        this.listOf[slot] = list + 1;
        this.itemOf[slot] = item;
        this.hashOf[slot] = hash;
        // at most half full: probes stay short
        if (++this.count * 2 > this.listOf.length) this.grow();
        return -1;
      }
      if (this.hashOf[slot] === hash && this.lists[taken - 1]![this.itemOf[slot]!] === designator) return taken - 1;
    }
  }

  has(designator: string): boolean {
    const hash = hashOf(designator);
    const mask = this.listOf.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const taken = this.listOf[slot]!;
      if (taken === 0) return false;
      if (this.hashOf[slot] === hash && this.lists[taken - 1]![this.itemOf[slot]!] === designator) return true;
    }
  }

  private grow(): void {
    const { listOf, itemOf, hashOf: hashes } = this;
    const size = listOf.length * 2;
    this.listOf = new Int32Array(size);
    this.itemOf = new Int32Array(size);
    this.hashOf = new Int32Array(size);
    const mask = size - 1;
    for (let old = 0; old < listOf.length; old++) {
      if (listOf[old] === 0) continue;
      let slot = hashes[old]! & mask;
      while (this.listOf[slot] !== 0) slot = (slot + 1) & mask;
      this.listOf[slot] = listOf[old]!;
      this.itemOf[slot] = itemOf[old]!;
      this.hashOf[slot] = hashes[old]!;
    }
  }
}

/** FNV-1a over the UTF-16 code units, then mixed so that the low bits (the slot) depend on every character. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
