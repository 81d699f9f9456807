/**
 * The query classifier both cache tiers share, and the SQL lexer it stands on.
 *
 * <p>Every request ends with exactly one {@link dev.hyperdrive.cache.CacheStatus}. The
 * {@link dev.hyperdrive.cache.QueryClassifier} decides the statuses that follow from the query text and
 * the session ({@code disabled}, {@code oversizedquery}, {@code parseerror}, {@code notaquery},
 * {@code multiplestatements}, {@code uncacheable}, {@code volatile}, {@code transaction}) or answers
 * {@link dev.hyperdrive.cache.Classification.Cacheable}, which a cache tier turns into {@code hit} or
 * {@code miss} (or {@code oversizedresult}).
 *
 * <h2>What is cacheable</h2>
 * One statement that only reads: SELECT, VALUES, TABLE, or WITH whose parts all read (no INSERT,
 * UPDATE, DELETE or MERGE anywhere, no SELECT ... INTO), with no locking clause (FOR UPDATE, FOR NO KEY
 * UPDATE, FOR SHARE, FOR KEY SHARE: {@code uncacheable}), outside an explicit transaction, and with
 * nothing volatile in it: every called function IMMUTABLE in the origin's {@code pg_proc}, none of the
 * SQL-standard keyword functions (CURRENT_TIMESTAMP, CURRENT_USER, ...), no TABLESAMPLE without
 * REPEATABLE, and no string constant reading {@code 'now'}, {@code 'today'}, {@code 'tomorrow'} or
 * {@code 'yesterday'} (date/time input turns them into the current moment, possibly through an
 * implicit cast we cannot see). STABLE functions are not cacheable either.
 *
 * <h2>Deliberate simplifications (all err towards not caching, except the last two)</h2>
 * <ul>
 *   <li>There is no grammar, only tokens: a keyword is an unquoted word not part of a dotted name, and a
 *       call is a name followed by {@code (} unless the name is syntax (IN, ARRAY, COALESCE, numeric(10,2)
 *       after {@code ::}, an alias column list, a CTE's column list, ...).
 *   <li>Argument types are not resolved: an overloaded function counts as its most volatile variant
 *       ({@code length}, {@code generate_series}, {@code extract}, {@code date_trunc} have a STABLE
 *       variant, so they are never cached).
 *   <li>The session's search_path is unknown: unqualified names resolve in {@code pg_catalog} first, then
 *       as the most volatile function of that name in any schema. Unknown functions are volatile.
 *   <li>The words INSERT, UPDATE (outside a locking clause), DELETE, MERGE and INTO make any statement a
 *       write, even when used as unquoted column names.
 *   <li>Not inspected: operators, casts and AT TIME ZONE (their functions depend on settings such as
 *       TimeZone, which the cache key covers), functions hidden in views, and the functional notation {@code t.f} for
 *       {@code f(t)}. The cache's max_age bounds how stale such an answer can get.
 * </ul>
 *
 * <p>The lexer ({@link dev.hyperdrive.cache.SqlLexer}) follows PostgreSQL's own lexical rules and is
 * usable on its own: every token has a kind, its source text, its meaning and its position.
 */
package dev.hyperdrive.cache;
