package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.AppliedMigration;
import ai.crawbl.migrations.ConnectionTimeouts;
import ai.crawbl.migrations.Migration;
import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.StatementFailure;
import ai.crawbl.migrations.sql.SqlScript;
import ai.crawbl.migrations.sql.Statement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * PostgreSQL as a migration target. Each migration runs in one transaction with its history row, unless its first
 * line is {@value Migration#NO_TRANSACTION}: then its statements run one by one, the row records how many completed,
 * and INVALID indexes left behind (a failed {@code CREATE INDEX CONCURRENTLY}) fail the migration by name. A
 * session advisory lock keyed by the schema serialises runners; DDL waits at most {@code lockTimeout} for its locks
 * and is retried a bounded number of times, so a migration never queues indefinitely in front of the application.
 */
public final class PostgresTarget implements MigrationTarget {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$]+)");

    /**
     * Connection settings, immutable; {@link #get()} opens a target with them.
     *
     * @param lockWait         how long to wait for another runner's migration lock
     * @param lockTimeout      how long one DDL statement may wait for a table lock before it is retried
     * @param statementTimeout how long one statement may run ({@link Duration#ZERO}: no limit)
     * @param retries          how many times a statement or transaction that hit {@code lockTimeout} is retried
     * @param description      how messages and results name the database (no password), or null for the endpoint
     */
    public record Options(PostgresEndpoint endpoint, String schema, Duration lockWait, Duration lockTimeout,
                          Duration statementTimeout, int retries, String description) implements Supplier<MigrationTarget> {

        public Options {
            Objects.requireNonNull(endpoint, "endpoint");
            if (schema == null || schema.isBlank()) {
                throw new IllegalArgumentException("schema must not be empty");
            }
        }

        public Options schema(String schema) {
            return new Options(endpoint, schema, lockWait, lockTimeout, statementTimeout, retries, description);
        }

        public Options lockWait(Duration lockWait) {
            return new Options(endpoint, schema, lockWait, lockTimeout, statementTimeout, retries, description);
        }

        public Options lockTimeout(Duration lockTimeout) {
            return new Options(endpoint, schema, lockWait, lockTimeout, statementTimeout, retries, description);
        }

        public Options statementTimeout(Duration statementTimeout) {
            return new Options(endpoint, schema, lockWait, lockTimeout, statementTimeout, retries, description);
        }

        public Options retries(int retries) {
            return new Options(endpoint, schema, lockWait, lockTimeout, statementTimeout, retries, description);
        }

        /**
         * Names the database this way in messages and results instead of by its endpoint, e.g. an embedded cluster by
         * its data folder ({@link PostgresConnection#describe()}) rather than by the port it happens to listen on.
         */
        public Options describedAs(String description) {
            return new Options(endpoint, schema, lockWait, lockTimeout, statementTimeout, retries, description);
        }

        @Override
        public MigrationTarget get() {
            return new PostgresTarget(this);
        }
    }

    /**
     * Defaults: schema {@code orchestrator}, wait up to 10 minutes for another runner, 10 s lock timeout for DDL
     * retried 3 times, no statement timeout.
     */
    public static Options at(PostgresEndpoint endpoint) {
        return new Options(endpoint, "orchestrator", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ZERO, 3, null);
    }

    private final Options options;
    private final Connection connection;
    private final String history;

    private PostgresTarget(Options options) {
        this.options = options;
        this.history = Identifiers.quote(options.schema()) + "." + HISTORY_TABLE;
        try {
            this.connection = options.endpoint().connect();
            execute("SET search_path TO " + Identifiers.quote(options.schema()) + ", public");
            execute("SET statement_timeout = " + options.statementTimeout().toMillis());
            execute("SET lock_timeout = " + options.lockTimeout().toMillis());
        } catch (SQLException e) {
            throw new MigrationException("cannot connect to " + options.endpoint() + ": " + options.endpoint().mask(e.getMessage())
                    + (timedOut(e) ? timeoutAdvice(options.endpoint().timeouts()) : ""), e);
        }
    }

    /** True when pgJDBC gave up waiting: its login timeout, or a socket or connect timeout underneath. */
    private static boolean timedOut(SQLException e) {
        for (Throwable each = e; each != null; each = each.getCause() == each ? null : each.getCause()) {
            if (each instanceof java.net.SocketTimeoutException || String.valueOf(each.getMessage()).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    private static String timeoutAdvice(ConnectionTimeouts timeouts) {
        return " (no answer within --connect-timeout " + ConnectionTimeouts.seconds(timeouts.connect()) + " s / --login-timeout "
                + ConnectionTimeouts.seconds(timeouts.login()) + " s: check that the host and port are a PostgreSQL server's and "
                + "that it is healthy, or raise the timeouts for a slow link)";
    }

    @Override
    public String describe() {
        return (options.description() != null ? options.description() : options.endpoint().toString())
                + " schema " + options.schema();
    }

    @Override
    public List<Statement> statements(Migration migration) {
        return SqlScript.postgres(migration.sql());
    }

    /**
     * Polls {@code pg_try_advisory_lock} rather than blocking in {@code pg_advisory_lock}: a session blocked in a
     * statement holds a virtual transaction, which a {@code CREATE INDEX CONCURRENTLY} run by the lock holder would
     * wait for, a deadlock.
     */
    @Override
    public Lock lock() {
        CRC32 crc = new CRC32();
        crc.update(("crawbl:" + options.schema()).getBytes(StandardCharsets.UTF_8));
        long key = crc.getValue();
        long deadline = System.nanoTime() + options.lockWait().toNanos();
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            while (true) {
                try (ResultSet rs = tryLock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new MigrationException("another runner held the migration lock of schema " + options.schema()
                            + " for more than " + options.lockWait().toSeconds() + " s; is a migration stuck? (pg_locks shows advisory lock "
                            + key + "; raise --lock-wait to wait longer)");
                }
                Thread.sleep(50 + ThreadLocalRandom.current().nextInt(50));
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot take the migration lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the migration lock");
        }
        return () -> {
            try {
                execute("SELECT pg_advisory_unlock(" + key + ")");
            } catch (SQLException e) {
                throw new MigrationException("cannot release the migration lock: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public void prepare() {
        try {
            execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(options.schema()));
            execute("CREATE TABLE IF NOT EXISTS " + history + " ("
                    + "version integer PRIMARY KEY, description text NOT NULL, kind text NOT NULL, script text, "
                    + "checksum text, applied_at timestamptz NOT NULL DEFAULT now(), "
                    + "applied_by text NOT NULL DEFAULT current_user, execution_ms bigint, success boolean NOT NULL, "
                    + "statements_done integer NOT NULL DEFAULT 0)");
        } catch (SQLException e) {
            throw new MigrationException("cannot create the history table " + history + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AppliedMigration> history() {
        try {
            if (!exists(HISTORY_TABLE)) {
                return List.of();
            }
            List<AppliedMigration> rows = new ArrayList<>();
            try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                    "SELECT version, description, kind, script, checksum, applied_at, applied_by, execution_ms, success, "
                    + "statements_done FROM " + history + " ORDER BY version")) {
                while (rs.next()) {
                    Timestamp appliedAt = rs.getTimestamp(6);
                    Long millis = rs.getObject(8, Long.class);
                    rows.add(new AppliedMigration(rs.getInt(1), rs.getString(2),
                            AppliedMigration.Kind.of(rs.getString(3), history, rs.getInt(1)), rs.getString(4),
                            rs.getString(5), appliedAt == null ? null : appliedAt.toInstant(), rs.getString(7),
                            millis, rs.getBoolean(9), rs.getInt(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new MigrationException("cannot read the history table " + history + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void apply(Migration migration, List<Statement> statements, int from) {
        if (migration.transactional()) {
            applyInTransaction(migration, statements);
        } else {
            applyStatementByStatement(migration, statements, from);
        }
    }

    private void applyInTransaction(Migration migration, List<Statement> statements) {
        for (int attempt = 0; ; attempt++) {
            long started = System.nanoTime();
            Statement current = null;
            try {
                connection.setAutoCommit(false);
                for (Statement statement : statements) {
                    current = statement;
                    execute(statement.sql());
                }
                current = null;
                recordApplied(migration, (System.nanoTime() - started) / 1_000_000, statements.size());
                connection.commit();
                return;
            } catch (SQLException e) {
                rollback();
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && attempt < options.retries()) {
                    backOff(attempt);
                    continue;
                }
                if (current == null) {
                    throw new MigrationException(migration.script() + ": cannot record it in " + history + ": " + e.getMessage(), e);
                }
                throw failure(migration, current, e, "The migration was rolled back: the database is as it was before it.");
            } finally {
                autoCommit();
            }
        }
    }

    private void applyStatementByStatement(Migration migration, List<Statement> statements, int from) {
        long started = System.nanoTime();
        boolean resuming = from > 0 || rowExists(migration.version());
        try {
            upsertRunning(migration, from);
        } catch (SQLException e) {
            throw new MigrationException(migration.script() + ": cannot record it in " + history + ": " + e.getMessage(), e);
        }
        for (int index = from; index < statements.size(); index++) {
            Statement statement = statements.get(index);
            try {
                if (resuming && index == from) {
                    dropInvalidIndexBuiltBy(statement);
                }
                executeWithRetries(statement.sql());
                updateProgress(migration.version(), index + 1);
            } catch (SQLException e) {
                markFailed(migration.version(), started);
                List<String> invalid = invalidIndexes();
                throw failure(migration, statement, e, index + " of " + statements.size() + " statement(s) completed; "
                        + "the migration is recorded as failed."
                        + (invalid.isEmpty() ? "" : " It left INVALID index(es) " + invalid + ": drop them with DROP INDEX CONCURRENTLY.")
                        + " Fix the cause, run 'repair', then migrate again.");
            }
        }
        List<String> invalid = invalidIndexes();
        if (!invalid.isEmpty()) {
            markFailed(migration.version(), started);
            throw new MigrationException(migration.script() + ": INVALID index(es) in schema " + options.schema() + ": " + invalid
                    + ". A concurrent index build failed; IF NOT EXISTS would hide it on the next run. Drop them with "
                    + "DROP INDEX CONCURRENTLY, fix the cause, run 'repair', then migrate again.");
        }
        try {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + history
                    + " SET success = true, execution_ms = ?, applied_at = now() WHERE version = ?")) {
                update.setLong(1, (System.nanoTime() - started) / 1_000_000);
                update.setInt(2, migration.version());
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new MigrationException(migration.script() + ": applied, but cannot record it in " + history + ": " + e.getMessage(), e);
        }
    }

    /** An interrupted {@code CREATE INDEX CONCURRENTLY} leaves an INVALID index of that name: drop it to build it anew. */
    private void dropInvalidIndexBuiltBy(Statement statement) throws SQLException {
        Matcher matcher = CONCURRENT_INDEX.matcher(statement.sql());
        if (!matcher.find()) {
            return;
        }
        String name = matcher.group(1);
        name = name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(java.util.Locale.ROOT);
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND NOT i.indisvalid")) {
            query.setString(1, options.schema());
            query.setString(2, name);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
            }
        }
        executeWithRetries("DROP INDEX CONCURRENTLY IF EXISTS " + Identifiers.quote(options.schema()) + "." + Identifiers.quote(name));
    }

    private List<String> invalidIndexes() {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT i.indisvalid ORDER BY 1")) {
            query.setString(1, options.schema());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    names.add(options.schema() + "." + rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot look for INVALID indexes: " + e.getMessage(), e);
        }
        return names;
    }

    private void executeWithRetries(String sql) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try {
                execute(sql);
                return;
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || attempt >= options.retries()) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200L << attempt, 5_000L) + ThreadLocalRandom.current().nextInt(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting to retry");
        }
    }

    private StatementFailure failure(Migration migration, Statement statement, SQLException e, String aftermath) {
        int position = 0;
        String message = e.getMessage();
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            position = server.getPosition();
            message = server.getMessage()
                    + (server.getDetail() == null ? "" : "\n  detail: " + server.getDetail())
                    + (server.getHint() == null ? "" : "\n  hint: " + server.getHint())
                    + (server.getWhere() == null ? "" : "\n  where: " + server.getWhere());
        }
        return new StatementFailure(migration, statement, position, e.getSQLState(), message, aftermath, e);
    }

    private void recordApplied(Migration migration, long millis, int statementsDone) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + history
                + " (version, description, kind, script, checksum, execution_ms, success, statements_done) VALUES (?, ?, 'migration', ?, ?, ?, true, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, migration.script());
            insert.setString(4, migration.checksum());
            insert.setLong(5, millis);
            insert.setInt(6, statementsDone);
            insert.executeUpdate();
        }
    }

    private void upsertRunning(Migration migration, int statementsDone) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + history
                + " (version, description, kind, script, checksum, execution_ms, success, statements_done) VALUES (?, ?, 'migration', ?, ?, NULL, false, ?)"
                + " ON CONFLICT (version) DO UPDATE SET description = excluded.description, script = excluded.script,"
                + " checksum = excluded.checksum, execution_ms = NULL, success = false, statements_done = excluded.statements_done")) {
            upsert.setInt(1, migration.version());
            upsert.setString(2, migration.description());
            upsert.setString(3, migration.script());
            upsert.setString(4, migration.checksum());
            upsert.setInt(5, statementsDone);
            upsert.executeUpdate();
        }
    }

    private void updateProgress(int version, int statementsDone) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + history + " SET statements_done = ? WHERE version = ?")) {
            update.setInt(1, statementsDone);
            update.setInt(2, version);
            update.executeUpdate();
        }
    }

    private void markFailed(int version, long started) {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + history + " SET execution_ms = ? WHERE version = ?")) {
            update.setLong(1, (System.nanoTime() - started) / 1_000_000);
            update.setInt(2, version);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new MigrationException("cannot record the failure in " + history + ": " + e.getMessage(), e);
        }
    }

    private boolean rowExists(int version) {
        return history().stream().anyMatch(row -> row.version() == version);
    }

    @Override
    public boolean resumesFailedMigrations() {
        return false;
    }

    @Override
    public void baseline(int version, String description, String appliedBy) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + history
                + " (version, description, kind, execution_ms, success, applied_by) VALUES (?, ?, 'baseline', 0, true, coalesce(?, current_user))")) {
            insert.setInt(1, version);
            insert.setString(2, description);
            insert.setString(3, appliedBy);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new MigrationException("cannot record the baseline in " + history + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void realign(Migration migration) {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + history
                + " SET checksum = ?, description = ?, script = ? WHERE version = ?")) {
            update.setString(1, migration.checksum());
            update.setString(2, migration.description());
            update.setString(3, migration.script());
            update.setInt(4, migration.version());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new MigrationException("cannot update " + history + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(int version) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + history + " WHERE version = ?")) {
            delete.setInt(1, version);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new MigrationException("cannot update " + history + ": " + e.getMessage(), e);
        }
    }

    /** golang-migrate's {@code schema_migrations(version bigint, dirty boolean)} in the target schema. */
    @Override
    public Optional<ForeignHistory> foreignHistory() {
        try {
            if (!exists("schema_migrations")) {
                return Optional.empty();
            }
            String table = Identifiers.quote(options.schema()) + ".schema_migrations";
            try (var statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT version, dirty FROM " + table + " ORDER BY version DESC LIMIT 1")) {
                return rs.next()
                        ? Optional.of(new ForeignHistory("golang-migrate", options.schema() + ".schema_migrations", rs.getLong(1), rs.getBoolean(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            // a table of that name with other columns is not golang-migrate's
            return Optional.empty();
        }
    }

    private boolean exists(String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, Identifiers.quote(options.schema()) + "." + Identifiers.quote(table));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            statement.execute(sql);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the server rolls back on its own
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the next statement reports the broken connection
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing; nothing left to do
        }
    }
}
