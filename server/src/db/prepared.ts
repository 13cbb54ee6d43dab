/**
 * Kysely queries built and compiled once, run with new values: the hot paths (a page read, a
 * post's statements) skip building and compiling the same SQL on every request, which cost more
 * than SQLite's running it. The query is built with a marker for each named value; each marker's
 * place among the compiled parameters says where the value goes. A parameter that is no marker
 * is a constant of the query (the `1` of `total + 1`) and stays as it was compiled.
 */
import type SQLite from 'better-sqlite3';
import type { Compilable, CompiledQuery, Kysely, QueryResult, RawBuilder } from 'kysely';

const MARK = '\u0000';

/**
 * The compiled query, and the function that puts a request's values in its parameters' places.
 * A name the query does not use is left out (a variant of a statement may not need it).
 */
function compiledOnce<N extends string>(names: readonly N[], compile: (values: Record<N, never>) => CompiledQuery) {
  // Typed `never`, a marker goes wherever a value of any type goes: its place is all that counts.
  const markers = Object.fromEntries(names.map((n) => [n, MARK + n])) as unknown as Record<N, never>;
  const compiled = compile(markers);
  const places = compiled.parameters.map((p) => {
    const name = typeof p == 'string' && p.startsWith(MARK) ? (p.slice(1) as N) : undefined;
    if (name !== undefined && !names.includes(name)) throw new Error(`prepared: ${name} is not one of ${names.join(', ')}`);
    // `constant` counts only where there is no name.
    return { name, constant: p as unknown };
  });
  const parameters = (values: Record<N, unknown>) => places.map((p) => (p.name === undefined ? p.constant : values[p.name]));
  return { compiled, parameters };
}

/** Runs compiled queries: the database, or a transaction on it. */
type Executor<DB> = Pick<Kysely<DB>, 'executeQuery'>;

/** A query run through Kysely (either database), its SQL built once; run on `db`, or on the transaction given. */
export function prepared<DB, R, N extends string>(db: Kysely<DB>, names: readonly N[], build: (values: Record<N, never>) => Compilable<R>) {
  const { compiled, parameters } = compiledOnce(names, (markers) => build(markers).compile());
  return (values: Record<N, unknown>, on: Executor<DB> = db): Promise<QueryResult<R>> => on.executeQuery<R>({ ...(compiled as CompiledQuery<R>), parameters: parameters(values) });
}

/** `prepared` for SQL written with Kysely's `sql` tag (PostgreSQL's one-statement posts). */
export function preparedSql<DB, R, N extends string>(db: Kysely<DB>, names: readonly N[], build: (values: Record<N, never>) => RawBuilder<R>) {
  const { compiled, parameters } = compiledOnce(names, (markers) => build(markers).compile(db));
  return (values: Record<N, unknown>, on: Executor<DB> = db): Promise<QueryResult<R>> => on.executeQuery<R>({ ...(compiled as CompiledQuery<R>), parameters: parameters(values) });
}

/**
 * SQLite: a query built once and prepared once on better-sqlite3's handle, run synchronously in
 * the transaction the caller holds (db/together.ts): no promise, no Kysely on each run.
 */
export function preparedOnSqlite<R, N extends string>(sqlite: SQLite.Database, names: readonly N[], build: (values: Record<N, never>) => Compilable<R>) {
  const { compiled, parameters } = compiledOnce(names, (markers) => build(markers).compile());
  const statement = sqlite.prepare<unknown[], R>(compiled.sql);
  return {
    /** The first row (a select, or an insert's `returning`). */
    get: (values: Record<N, unknown>): R | undefined => statement.get(parameters(values)),
    run: (values: Record<N, unknown>): void => void statement.run(parameters(values)),
  };
}
