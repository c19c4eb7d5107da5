package ai.crawbl.migrations.clickhouse;

/**
 * A ClickHouse the migration engine can run statements against: chDB inside this process
 * ({@link EmbeddedClickHouse}) or a server reached over JDBC ({@link ExternalClickHouse}).
 *
 * <p>Every provider runs one statement per call, reports failures as {@link ClickHouseException} carrying ClickHouse's
 * own message, and returns rows as ClickHouse's text for each value. Implementations serialize calls,
 * so one instance may be shared between threads; {@link #close()} is idempotent.
 */
public sealed interface ClickHouse extends AutoCloseable permits EmbeddedClickHouse, ExternalClickHouse {

    /**
     * Runs one statement and discards whatever it returns.
     *
     * @throws ClickHouseException if ClickHouse rejects the statement or cannot be reached
     */
    void execute(String sql);

    /**
     * Runs one statement and returns its result set; statements without one give {@link QueryResult#empty()}.
     * The statement must not carry its own {@code FORMAT} clause.
     *
     * @throws ClickHouseException if ClickHouse rejects the statement or cannot be reached
     */
    QueryResult query(String sql);

    /**
     * Makes {@code database} the default for unqualified names in later statements of this handle (for chDB, of
     * the process's one session).
     *
     * @throws ClickHouseException if the database does not exist or ClickHouse cannot be reached
     */
    void useDatabase(String database);

    /**
     * Where this ClickHouse is, for people and safe to print: {@code embedded ClickHouse (data: FOLDER)} with the
     * folder relative to the working directory when it lies inside it, or {@code ClickHouse at URL as USER} with any
     * password masked.
     */
    String describe();

    /** Releases this handle; statements on a closed handle throw {@link IllegalStateException}. */
    @Override
    void close();
}
