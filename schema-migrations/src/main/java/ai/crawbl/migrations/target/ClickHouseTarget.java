package ai.crawbl.migrations.target;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.ClickHouseException;
import ai.crawbl.migrations.clickhouse.QueryResult;
import ai.crawbl.migrations.plan.AppliedMigration;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.sql.SqlScript;
import ai.crawbl.migrations.sql.Statement;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse as a migration target: a driver the engine drives. ClickHouse has no transactions, so the engine runs
 * statements one at a time and records after each how many completed; a migration that failed or died at statement k
 * resumes at k (every statement is guarded, which {@code lint} checks). The history is a ReplacingMergeTree keyed
 * by version, so a retried write replaces the row instead of duplicating it; with a cluster it is replicated and
 * all DDL is rendered {@code ON CLUSTER}. ClickHouse has no advisory locks: run one migrator at a time.
 */
public final class ClickHouseTarget implements MigrationTarget {

    private static final Pattern POSITION = Pattern.compile("failed at position (\\d{1,18})");
    private static final String NAME = "(?:`[^`]+`|\"[^\"]+\"|[\\w$]+)(?:\\.(?:`[^`]+`|\"[^\"]+\"|[\\w$]+))?";
    private static final Pattern FILLED_FROM_SELECT = Pattern.compile("(?is)^\\s*CREATE\\s+(?:TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?("
            + NAME + ").*\\bAS\\s*\\(?\\s*(?:SELECT|WITH)\\b|MATERIALIZED\\s+VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME
            + ").*\\bPOPULATE\\b)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

    /**
     * Where to migrate: a ClickHouse (not closed by the target), a database, and optionally a cluster.
     * {@link #get()} opens a target with these settings.
     */
    public record Options(ClickHouse clickHouse, String database, String cluster) implements Supplier<MigrationTarget> {

        public Options {
            Objects.requireNonNull(clickHouse, "clickHouse");
            if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain ClickHouse database name: " + database);
            }
            if (cluster != null) {
                new ClusterDdl(cluster);
            }
        }

        public Options database(String database) {
            return new Options(clickHouse, database, cluster);
        }

        /** Renders DDL {@code ON CLUSTER cluster} and replicates the history table. */
        public Options cluster(String cluster) {
            return new Options(clickHouse, database, cluster);
        }

        @Override
        public MigrationTarget get() {
            return new ClickHouseTarget(this);
        }
    }

    /** Migrates the {@code default} database of {@code clickHouse}, no cluster. */
    public static Options at(ClickHouse clickHouse) {
        return new Options(clickHouse, "default", null);
    }

    private final Options options;
    private final ClickHouse clickHouse;
    private final ClusterDdl cluster;
    private final String history;
    private long lastVersionStamp;

    private ClickHouseTarget(Options options) {
        this.options = options;
        this.clickHouse = options.clickHouse();
        this.cluster = options.cluster() == null ? null : new ClusterDdl(options.cluster());
        this.history = options.database() + "." + HISTORY_TABLE;
    }

    @Override
    public String describe() {
        return clickHouse.describe() + " database " + options.database() + (cluster == null ? "" : " on cluster " + cluster.cluster());
    }

    @Override
    public List<Statement> statements(Migration migration) {
        return SqlScript.clickhouse(migration.sql());
    }

    /** ClickHouse has no advisory lock; the lock is a no-op and one migrator must run at a time. */
    @Override
    public Lock lock() {
        return () -> {
        };
    }

    @Override
    public void prepare() {
        ddl("CREATE DATABASE IF NOT EXISTS " + options.database());
        ddl(historyTableDdl());
        lastVersionStamp = Long.parseLong(clickHouse.query("SELECT max(stamp) FROM " + history).singleValue());
    }

    /** The history table's DDL; replicated when a cluster is configured. */
    String historyTableDdl() {
        String engine = cluster == null
                ? "ReplacingMergeTree(stamp, deleted)"
                : "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/" + options.database() + "/" + HISTORY_TABLE
                  + "', '{replica}', stamp, deleted)";
        return "CREATE TABLE IF NOT EXISTS " + history + " (version UInt32, description String, kind LowCardinality(String), "
                + "script Nullable(String), checksum Nullable(String), applied_at DateTime64(3, 'UTC'), applied_by String, "
                + "execution_ms Nullable(Int64), success Bool, statements_done UInt32, stamp UInt64, deleted UInt8) "
                + "ENGINE = " + engine + " ORDER BY version";
    }

    private void ddl(String sql) {
        clickHouse.execute(cluster == null ? sql : cluster.render(sql));
    }

    @Override
    public List<AppliedMigration> history() {
        String exists = clickHouse.query("SELECT count() FROM system.tables WHERE database = '" + options.database()
                + "' AND name = '" + HISTORY_TABLE + "'").singleValue();
        if ("0".equals(exists)) {
            return List.of();
        }
        QueryResult result = clickHouse.query("SELECT version, description, kind, script, checksum, applied_at, applied_by, "
                + "execution_ms, success, statements_done FROM " + history + " FINAL WHERE deleted = 0 ORDER BY version");
        List<AppliedMigration> rows = new ArrayList<>();
        for (List<String> row : result.rows()) {
            rows.add(new AppliedMigration(Integer.parseInt(row.get(0)), row.get(1),
                    AppliedMigration.Kind.of(row.get(2), history, Integer.parseInt(row.get(0))), row.get(3), row.get(4),
                    LocalDateTime.parse(row.get(5), TIME).toInstant(ZoneOffset.UTC), row.get(6),
                    millis(row.get(7)), AppliedMigration.Outcome.stored(row.get(8).equals("true") || row.get(8).equals("1"),
                    millis(row.get(7))), Integer.parseInt(row.get(9))));
        }
        return rows;
    }

    private static Long millis(String value) {
        return value == null ? null : Long.parseLong(value);
    }

    @Override
    public void record(AppliedMigration row) {
        write(row, false);
    }

    @Override
    public boolean locks() {
        return false;
    }

    /** ClickHouse has no transactions: every migration runs statement by statement. */
    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public void runInTransaction(List<Statement> statements, Supplier<AppliedMigration> row) {
        throw new UnsupportedOperationException("ClickHouse has no transactions");
    }

    @Override
    public void run(Statement statement) throws StatementError {
        String sent = cluster == null ? statement.sql() : cluster.render(statement.sql());
        try {
            clickHouse.useDatabase(options.database());
            clickHouse.execute(sent);
        } catch (ClickHouseException e) {
            throw new StatementError(statement, characterPosition(String.valueOf(e.getMessage()), sent, statement.sql()),
                    e.code().isPresent() ? Integer.toString(e.code().getAsInt()) : null, firstLine(e.getMessage()), false, e);
        }
    }

    /**
     * The 1-based character position in {@code statement} of the place a ClickHouse message names, or 0 for none.
     * ClickHouse says "failed at position N" with N a 1-based <em>byte</em> offset into the UTF-8 text it was sent;
     * where {@code ON CLUSTER} was inserted into that text, a place after the insertion moves back by its length.
     */
    static int characterPosition(String message, String sent, String statement) {
        Matcher position = POSITION.matcher(message);
        if (!position.find()) {
            return 0;
        }
        byte[] bytes = sent.getBytes(StandardCharsets.UTF_8);
        int offset = (int) Math.min(Long.parseLong(position.group(1)) - 1, bytes.length);
        int index = new String(bytes, 0, Math.max(offset, 0), StandardCharsets.UTF_8).length();
        int shared = 0;
        while (shared < Math.min(sent.length(), statement.length()) && sent.charAt(shared) == statement.charAt(shared)) {
            shared++;
        }
        int inserted = sent.length() - statement.length();
        if (inserted > 0 && index > shared) {
            index = Math.max(shared, index - inserted);
        }
        return statement.codePointCount(0, Math.min(index, statement.length())) + 1;
    }

    /**
     * A table filled from a SELECT ({@code CREATE TABLE ... AS SELECT}, a materialized view's {@code POPULATE}) that
     * exists when its statement runs again may hold part of the rows of an attempt that died, and {@code IF NOT EXISTS}
     * would keep it so: refuse, naming the table to drop. A fresh run, where the table may rightly exist, is not checked.
     */
    @Override
    public void beforeRerun(Statement statement) throws StatementError {
        Matcher filled = FILLED_FROM_SELECT.matcher(statement.sql());
        if (!filled.find()) {
            return;
        }
        String name = (filled.group(1) != null ? filled.group(1) : filled.group(2)).replace("`", "").replace("\"", "");
        String table = name.contains(".") ? name : options.database() + "." + name;
        String[] parts = table.split("\\.", 2);
        String exists = clickHouse.query("SELECT count() FROM system.tables WHERE database = " + literal(parts[0])
                + " AND name = " + literal(parts[1])).singleValue();
        if (!"0".equals(exists)) {
            throw new StatementError(statement, 0, null, "an earlier run stopped at this statement, which fills " + table
                    + " from a SELECT; the table exists and may hold only part of the rows, which IF NOT EXISTS would keep."
                    + " Drop it (DROP TABLE " + table + (cluster == null ? "" : " ON CLUSTER " + cluster.cluster())
                    + ") and migrate again to build it whole", false, null);
        }
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public boolean resumesFailedMigrations() {
        return true;
    }

    @Override
    public void forget(int version) {
        history().stream().filter(row -> row.version() == version).findFirst().ifPresent(row -> write(row, true));
    }

    /** Inserts a new version of a history row; the highest stamp wins when ClickHouse merges or reads FINAL. */
    private void write(AppliedMigration row, boolean deleted) {
        long stamp = Math.max(lastVersionStamp + 1, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        lastVersionStamp = stamp;
        // INSERT … SELECT, not VALUES: embedded chDB takes the host process's stdin as data for an INSERT that has
        // an input format, so a VALUES insert would fail, or take stray rows, whenever stdin holds something.
        clickHouse.execute("INSERT INTO " + history + " (version, description, kind, script, checksum, applied_at, applied_by, "
                + "execution_ms, success, statements_done, stamp, deleted) SELECT " + row.version() + ", " + literal(row.description())
                + ", " + literal(row.kind().name().toLowerCase(Locale.ROOT)) + ", " + literal(row.script()) + ", "
                + literal(row.checksum()) + ", "
                + (row.appliedAt() == null ? "now64(3)" : "fromUnixTimestamp64Milli(" + row.appliedAt().toEpochMilli() + ")") + ", "
                + (row.appliedBy() == null ? "currentUser()" : literal(row.appliedBy())) + ", "
                + (row.executionMillis() == null ? "NULL" : row.executionMillis()) + ", " + row.success() + ", "
                + row.statementsDone() + ", " + stamp + ", " + (deleted ? 1 : 0));
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public void close() {
        // the ClickHouse belongs to the caller
    }
}
