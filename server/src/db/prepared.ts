/**
 * A Kysely query built and compiled once, run with new values: the hot read path skips building
 * and compiling the same SQL on every request. The query is built with a marker for each named
 * value; each marker's place among the compiled parameters says where the value goes.
 */
import type { Compilable, Kysely, QueryResult } from 'kysely';

const MARK = '\u0000';

export function prepared<R, N extends string>(db: Kysely<unknown>, names: readonly N[], build: (values: Record<N, string>) => Compilable<R>) {
  const markers = Object.fromEntries(names.map((n) => [n, MARK + n])) as Record<N, string>;
  const compiled = build(markers).compile();
  const places = compiled.parameters.map((p) => {
    const name = typeof p == 'string' && p.startsWith(MARK) ? (p.slice(1) as N) : undefined;
    if (!name || !names.includes(name)) throw new Error(`prepared: a parameter is not one of ${names.join(', ')}`);
    return name;
  });
  return (values: Record<N, string>): Promise<QueryResult<R>> => db.executeQuery<R>({ ...compiled, parameters: places.map((n) => values[n]) });
}
