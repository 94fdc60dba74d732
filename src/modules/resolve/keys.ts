/**
 * `col = ANY(${keys('$1', 'bigint')})`: a list of keys to look up one index probe at a time.
 *
 * Given `col = ANY($1)` with the array itself, the planner estimates how many rows the keys
 * match and, for a long list on a table of modest size (a 10,000-record batch against the
 * stored index of a 100,000-person world), prefers to read the whole table: cheaper by its
 * cost model, but a cost that grows with the world on every incremental run. Behind a
 * subquery the array is opaque to it; it plans for a few keys (PostgreSQL assumes ten) and
 * probes the index, so the lookup costs what the keys cost, on a small world or a large one.
 */
export function keys(param: string, type: 'bigint' | 'int' | 'text' | 'uuid'): string {
  return `ARRAY(SELECT unnest(${param}::${type}[]))`;
}
