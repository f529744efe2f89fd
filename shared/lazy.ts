/**
 * A zod schema built on its first use instead of when its module loads. The client's entry
 * imports modules that hold schemas (the agreement types, the deal form's draft, the inject
 * scripts) for their plain functions; built at import, their schemas cost the projector's
 * first board frame about 50 ms (docs/PERFORMANCE.md). The value stands in for the schema
 * itself — same type, same methods, usable inside other schemas — so every module keeps one
 * home per schema and its callers stay as they are. A list made this way (the move schemas of
 * shared/engine/actions.ts) spreads, slices and iterates as its array does, but is no array to
 * `Array.isArray` or JSON.stringify: its stand-in is an object. tests/protocol/lazy.test.ts.
 */
export function lazy<T extends object>(make: () => T): T {
  let built: T | undefined;
  const schema = () => (built ??= make());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
