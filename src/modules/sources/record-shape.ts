/**
 * Fast builders for records whose keys are only known at run time (a file's header, a source's
 * columns). Assigning N keys one by one in a loop costs V8 about 1 µs a row; an object literal
 * compiled once per key list costs a twentieth of that, which is what lets ingest keep up with
 * its rows-per-second target. The generated code holds nothing but property names, each written
 * as a JSON string literal, so no file content can become code.
 */

function checkKeys(keys: readonly string[]): void {
  for (const k of keys) {
    // `{"__proto__": x}` would set the prototype instead of a property.
    if (k === '__proto__') throw new Error('"__proto__" cannot be a column name');
  }
}

/** (values) => { [keys[0]]: values[0], ... } as one object literal. */
export function objectBuilder<T>(
  keys: readonly string[],
): (values: readonly T[]) => Record<string, T> {
  checkKeys(keys);
  const body = `return {${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')}};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the file comment
  return new Function('v', body) as (values: readonly T[]) => Record<string, T>;
}

/** (obj) => [obj[keys[0]], obj[keys[1]], ...] with named property loads. */
export function propertyReader<T>(
  keys: readonly string[],
): (obj: Record<string, T>) => (T | undefined)[] {
  checkKeys(keys);
  const body = `return [${keys.map((k) => `o[${JSON.stringify(k)}]`).join(', ')}];`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the file comment
  return new Function('o', body) as (obj: Record<string, T>) => (T | undefined)[];
}

/**
 * (obj, f, ctx) => { [keys[0]]: f(ctx, 0, obj[keys[0]]), ... }: reads and maps every key in one
 * object literal, without an intermediate array.
 */
export function objectMapper<S, T, C>(
  keys: readonly string[],
): (
  obj: Record<string, S>,
  f: (ctx: C, i: number, v: S | undefined) => T,
  ctx: C,
) => Record<string, T> {
  checkKeys(keys);
  const body = `return {${keys.map((k, i) => `${JSON.stringify(k)}: f(c, ${i}, o[${JSON.stringify(k)}])`).join(', ')}};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the file comment
  return new Function('o', 'f', 'c', body) as (
    obj: Record<string, S>,
    f: (ctx: C, i: number, v: S | undefined) => T,
    ctx: C,
  ) => Record<string, T>;
}
