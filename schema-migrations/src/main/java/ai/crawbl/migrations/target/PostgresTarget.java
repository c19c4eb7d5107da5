package ai.crawbl.migrations.target;

import ai.crawbl.migrations.ConnectionTimeouts;
import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.plan.AppliedMigration;
import ai.crawbl.migrations.postgres.Identifiers;
import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.sql.SqlScript;
import ai.crawbl.migrations.sql.SqlSyntaxException;
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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * PostgreSQL as a migration target: a driver the engine drives. It runs a transactional migration with its history
 * row in one transaction, and any statement on its own; it names the INVALID index a failed
 * {@code CREATE INDEX CONCURRENTLY} of a migration left, and drops it before that statement runs again. A session
 * advisory lock serialises runners; DDL waits at most {@code lockTimeout} for its locks, and such a timeout is
 * retryable, so a migration never queues indefinitely in front of the application.
 */
public final class PostgresTarget implements MigrationTarget {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile("(?i)^(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT"
            + "|SAVEPOINT|RELEASE|PREPARE\\s+TRANSACTION)\\b");
    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$]+)"
            + "\\s+ON\\s+(?:ONLY\\s+)?((?:(?:\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*\\.\\s*)?(?:\"(?:[^\"]|\"\")+\"|[\\w$]+))");

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
            boolean timedOut = timedOut(e);
            throw new MigrationException("cannot connect to " + options.endpoint() + ": " + options.endpoint().mask(e.getMessage())
                    + (timedOut ? timeoutAdvice(options.endpoint().timeouts()) : ""), e,
                    timedOut ? List.of(MigrationException.Setting.CONNECT_TIMEOUT, MigrationException.Setting.LOGIN_TIMEOUT) : List.of());
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
        return " (no answer within the connect timeout (" + ConnectionTimeouts.seconds(timeouts.connect()) + " s) and the login timeout ("
                + ConnectionTimeouts.seconds(timeouts.login()) + " s): check that the host and port are a PostgreSQL server's and "
                + "that it is healthy, or raise the timeouts for a slow link)";
    }

    @Override
    public String describe() {
        return (options.description() != null ? options.description() : options.endpoint().toString())
                + " schema " + options.schema();
    }

    /**
     * The migration's statements; a transactional migration may not hold transaction control ({@code COMMIT},
     * {@code BEGIN}, {@code ROLLBACK}, ...), which would commit part of it or undo it behind the engine's back, so
     * that a failure could not be rolled back as reported.
     */
    @Override
    public List<Statement> statements(Migration migration) {
        List<Statement> statements = SqlScript.postgres(migration.sql());
        if (migration.transactional()) {
            for (Statement statement : statements) {
                Matcher control = TRANSACTION_CONTROL.matcher(statement.sql());
                if (control.find()) {
                    throw new SqlSyntaxException(statement.start(), control.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ")
                            + " in a migration that runs in a transaction: the engine opens and commits that transaction itself,"
                            + " and a COMMIT or ROLLBACK inside it would apply part of the file for good, or undo it, whatever the"
                            + " history then says. Remove it; if the file must run outside a transaction, make its first line "
                            + Migration.NO_TRANSACTION + " instead");
                }
            }
        }
        return statements;
    }

    /**
     * Polls {@code pg_try_advisory_lock} rather than blocking in {@code pg_advisory_lock}: a session blocked in a
     * statement holds a virtual transaction, which a {@code CREATE INDEX CONCURRENTLY} run by the lock holder would
     * wait for, a deadlock.
     */
    @Override
    public Lock lock() {
        CRC32 crc = new CRC32();
        // One key per database, whatever the schema: files name their own schemas, so runners given different
        // --schema values still change the same tables and must exclude each other.
        crc.update("crawbl:schema-migrations".getBytes(StandardCharsets.UTF_8));
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
                    throw new MigrationException("another runner held the migration lock of this database"
                            + " for more than " + options.lockWait().toSeconds() + " s; is a migration stuck? (pg_locks shows advisory lock "
                            + key + "; raise the lock wait to wait longer)", null, List.of(MigrationException.Setting.LOCK_WAIT));
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
                            millis, AppliedMigration.Outcome.stored(rs.getBoolean(9), millis), rs.getInt(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new MigrationException("cannot read the history table " + history + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void record(AppliedMigration row) {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + history
                + " (version, description, kind, script, checksum, applied_at, applied_by, execution_ms, success, statements_done)"
                + " VALUES (?, ?, ?, ?, ?, coalesce(?, now()), coalesce(?, current_user), ?, ?, ?) ON CONFLICT (version) DO UPDATE SET"
                + " description = excluded.description, kind = excluded.kind, script = excluded.script, checksum = excluded.checksum,"
                + " applied_at = excluded.applied_at, applied_by = excluded.applied_by, execution_ms = excluded.execution_ms,"
                + " success = excluded.success, statements_done = excluded.statements_done")) {
            upsert.setInt(1, row.version());
            upsert.setString(2, row.description());
            upsert.setString(3, row.kind().name().toLowerCase(Locale.ROOT));
            upsert.setString(4, row.script());
            upsert.setString(5, row.checksum());
            upsert.setTimestamp(6, row.appliedAt() == null ? null : Timestamp.from(row.appliedAt()));
            upsert.setString(7, row.appliedBy());
            upsert.setObject(8, row.executionMillis(), java.sql.Types.BIGINT);
            upsert.setBoolean(9, row.success());
            upsert.setInt(10, row.statementsDone());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new MigrationException("cannot record version " + row.version() + " in " + history + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void runInTransaction(List<Statement> statements, Supplier<AppliedMigration> row) throws StatementError {
        Statement current = null;
        try {
            connection.setAutoCommit(false);
            for (Statement statement : statements) {
                current = statement;
                execute(statement.sql());
            }
            current = null;
            record(row.get());
            connection.commit();
        } catch (SQLException e) {
            rollback();
            if (current == null) {
                throw new MigrationException("cannot record the migration in " + history + ": " + e.getMessage()
                        + "; it was rolled back", e);
            }
            throw error(current, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } finally {
            autoCommit();
        }
    }

    @Override
    public void run(Statement statement) throws StatementError {
        try {
            execute(statement.sql());
        } catch (SQLException e) {
            throw error(statement, e);
        }
    }

    @Override
    public int retries() {
        return options.retries();
    }

    /**
     * An interrupted or timed-out {@code CREATE INDEX CONCURRENTLY} leaves an INVALID index of its name, which
     * {@code IF NOT EXISTS} would then skip: drop it, so the statement builds it anew.
     */
    @Override
    public void beforeRerun(Statement statement) throws StatementError {
        Optional<String> invalid = invalidIndexBuiltBy(statement);
        if (invalid.isPresent()) {
            try {
                execute("DROP INDEX CONCURRENTLY IF EXISTS " + invalid.get());
            } catch (SQLException e) {
                throw error(statement, e);
            }
        }
    }

    /** The INVALID indexes that this migration's concurrent builds left, and only those (not others in the schema). */
    @Override
    public Optional<String> leftovers(List<Statement> statements) {
        List<String> invalid = statements.stream().map(this::invalidIndexBuiltBy).flatMap(Optional::stream).toList();
        return invalid.isEmpty() ? Optional.empty() : Optional.of("It left INVALID index(es) " + invalid + "; a concurrent index"
                + " build failed, and IF NOT EXISTS would hide it on the next run. Drop them with DROP INDEX CONCURRENTLY.");
    }

    /** The qualified, quoted name of the INVALID index that {@code statement}, a concurrent index build, left; if any. */
    private Optional<String> invalidIndexBuiltBy(Statement statement) {
        Matcher matcher = CONCURRENT_INDEX.matcher(statement.sql());
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(1);
        name = name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(Locale.ROOT);
        try (PreparedStatement query = connection.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
                + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE i.indrelid = to_regclass(?) AND c.relname = ? AND NOT i.indisvalid")) {
            query.setString(1, matcher.group(2));
            query.setString(2, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot look for an INVALID index " + name + ": " + e.getMessage(), e);
        }
    }

    private static StatementError error(Statement statement, SQLException e) {
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
        return new StatementError(statement, position, e.getSQLState(), message, LOCK_NOT_AVAILABLE.equals(e.getSQLState()), e);
    }

    @Override
    public boolean resumesFailedMigrations() {
        return false;
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

    /** Schemas of this database, other than the target's, that hold a history table of this engine. */
    @Override
    public List<String> historiesElsewhere() {
        try (PreparedStatement query = connection.prepareStatement("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON "
                + "n.oid = c.relnamespace WHERE c.relname = ? AND c.relkind IN ('r', 'p') AND n.nspname <> ? ORDER BY 1")) {
            query.setString(1, HISTORY_TABLE);
            query.setString(2, options.schema());
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            return schemas;
        } catch (SQLException e) {
            throw new MigrationException("cannot look for other migration histories: " + e.getMessage(), e);
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
