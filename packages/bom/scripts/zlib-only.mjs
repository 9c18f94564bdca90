/**
 * Stands in for fflate in the CLI bundle: the CLI always runs in Node, whose zlib the engine uses, and fflate's
 * start-up (building its Huffman tables, ~15 ms) is paid at every call.
 */
const missing = () => {
  throw new Error("the bom CLI needs Node's zlib (node:zlib)");
};
export const deflateSync = missing;
export const inflateSync = missing;
