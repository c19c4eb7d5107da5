package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.EmbeddedClickHouseExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ClickHouseDriftCheck} on chDB, with the project's ClickHouse schema and a chain shaped differently (a
 * dictionary, a plain view): a clean database compares equal; each hand-made change is exactly one line. The scratch
 * database is made beside the live one, as it is for an embedded ClickHouse.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class ClickHouseDriftTest {

    static final Path PROJECT = Path.of("..", "migrations", "clickhouse");
    static final String CHAIN = """
            CREATE TABLE IF NOT EXISTS countries (code String, name String) ENGINE = MergeTree ORDER BY code;
            CREATE DICTIONARY IF NOT EXISTS country_names (code String, name String DEFAULT '?')
                PRIMARY KEY code SOURCE(CLICKHOUSE(TABLE 'countries')) LAYOUT(HASHED()) LIFETIME(300);
            CREATE VIEW IF NOT EXISTS country_codes AS SELECT code FROM countries;
            """;
    /** The query of the project's rollup view, as ClickHouse prints it, up to its GROUP BY. */
    static final String ROLLUP = "SELECT user_id, workspace_id, toDate(event_time) AS day, model, agent_id,"
                                + " sum(toInt64(prompt_tokens)) AS total_prompt_tokens, sum(toInt64(completion_tokens)) AS total_completion_tokens,"
                                + " sum(toInt64(total_tokens)) AS total_tokens, sum(toDecimal128(cost_usd, 6)) AS total_cost_usd,"
                                + " toInt64(count()) AS request_count FROM llm_usage";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static ClickHouse clickHouse;
    private static Path chain;

    @BeforeAll
    static void remember(ClickHouseDatabase database, @TempDir Path folder) throws Exception {
        clickHouse = database.clickHouse();
        chain = Files.createDirectories(folder.resolve("chain"));
        Files.writeString(chain.resolve("001_countries.sql"), CHAIN);
    }

    /** A new database migrated with {@code source}, the "live" one. */
    private static String migrated(MigrationSource source) {
        String name = "live_" + DATABASES.incrementAndGet();
        Migrator.configure().source(source).target(ClickHouseTarget.at(clickHouse).database(name)).load().migrate();
        return name;
    }

    private static MigrationSource project() {
        return MigrationSource.directory(PROJECT, NamingScheme.CLICKHOUSE);
    }

    private static DriftReport check(MigrationSource source, String database) {
        return ClickHouseDriftCheck.of(source, ClickHouseTarget.at(clickHouse).database(database)).run();
    }

    static Stream<Arguments> projectDrift() {
        return Stream.of(
                Arguments.of("TTL", "ALTER TABLE %s.llm_usage MODIFY TTL toDateTime(event_time) + INTERVAL 6 MONTH",
                        "table llm_usage: ttl toDateTime(event_time) + toIntervalMonth(6), expected toDateTime(event_time) + toIntervalMonth(13)"),
                Arguments.of("settings", "ALTER TABLE %s.llm_usage MODIFY SETTING merge_with_ttl_timeout = 3600",
                        "table llm_usage: settings index_granularity = 8192, merge_with_ttl_timeout = 3600, expected index_granularity = 8192"),
                Arguments.of("ORDER BY", "DROP TABLE %1$s.llm_usage_daily ;; CREATE TABLE %1$s.llm_usage_daily (user_id UUID, workspace_id UUID,"
                                + " day Date, model String, agent_id String, total_prompt_tokens Int64, total_completion_tokens Int64,"
                                + " total_tokens Int64, total_cost_usd Decimal128(6), request_count Int64) ENGINE = SummingMergeTree((total_prompt_tokens,"
                                + " total_completion_tokens, total_tokens, total_cost_usd, request_count)) PARTITION BY toYYYYMM(day)"
                                + " ORDER BY (user_id, day, model, agent_id, workspace_id) TTL day + INTERVAL 25 MONTH",
                        "table llm_usage_daily: order by (user_id, day, model, agent_id, workspace_id), expected (user_id, workspace_id, day, model, agent_id)"),
                Arguments.of("engine", "DROP TABLE %1$s.llm_usage_daily ;; CREATE TABLE %1$s.llm_usage_daily (user_id UUID, workspace_id UUID,"
                                + " day Date, model String, agent_id String, total_prompt_tokens Int64, total_completion_tokens Int64,"
                                + " total_tokens Int64, total_cost_usd Decimal128(6), request_count Int64) ENGINE = MergeTree"
                                + " PARTITION BY toYYYYMM(day) ORDER BY (user_id, workspace_id, day, model, agent_id) TTL day + INTERVAL 25 MONTH",
                        "table llm_usage_daily: engine MergeTree, expected SummingMergeTree((total_prompt_tokens, total_completion_tokens,"
                                + " total_tokens, total_cost_usd, request_count))"),
                Arguments.of("PARTITION BY", "DROP TABLE %1$s.llm_usage_daily ;; CREATE TABLE %1$s.llm_usage_daily (user_id UUID, workspace_id UUID,"
                                + " day Date, model String, agent_id String, total_prompt_tokens Int64, total_completion_tokens Int64,"
                                + " total_tokens Int64, total_cost_usd Decimal128(6), request_count Int64) ENGINE = SummingMergeTree((total_prompt_tokens,"
                                + " total_completion_tokens, total_tokens, total_cost_usd, request_count)) PARTITION BY toYear(day)"
                                + " ORDER BY (user_id, workspace_id, day, model, agent_id) TTL day + INTERVAL 25 MONTH",
                        "table llm_usage_daily: partition by toYear(day), expected toYYYYMM(day)"),
                Arguments.of("column type", "ALTER TABLE %s.llm_usage MODIFY COLUMN model LowCardinality(String)",
                        "llm_usage: column model: type LowCardinality(String), expected String"),
                Arguments.of("column default", "ALTER TABLE %s.llm_usage MODIFY COLUMN provider String DEFAULT 'openai'",
                        "llm_usage: column provider: default DEFAULT 'openai', expected <none>"),
                Arguments.of("column codec", "ALTER TABLE %s.llm_usage MODIFY COLUMN session_id String CODEC(ZSTD(3))",
                        "llm_usage: column session_id: codec CODEC(ZSTD(3)), expected <none>"),
                Arguments.of("column added", "ALTER TABLE %s.llm_usage ADD COLUMN region String",
                        "llm_usage: column region not in the migrations"),
                Arguments.of("column dropped", "ALTER TABLE %s.llm_usage DROP COLUMN turn_id",
                        "llm_usage: column turn_id missing"),
                Arguments.of("table comment", "ALTER TABLE %s.llm_usage MODIFY COMMENT 'calls'",
                        "table llm_usage: comment calls, expected <none>"),
                Arguments.of("materialized view query", "DROP VIEW %1$s.llm_usage_daily_mv ;; CREATE MATERIALIZED VIEW %1$s.llm_usage_daily_mv"
                                + " TO %1$s.llm_usage_daily AS SELECT user_id, workspace_id, toDate(event_time) AS day, model, agent_id,"
                                + " sum(toInt64(prompt_tokens)) AS total_prompt_tokens, sum(toInt64(completion_tokens)) AS total_completion_tokens,"
                                + " sum(toInt64(total_tokens)) AS total_tokens, sum(toDecimal128(cost_usd, 6)) AS total_cost_usd,"
                                + " toInt64(count()) AS request_count FROM %1$s.llm_usage WHERE model != '' GROUP BY user_id, workspace_id, day, model, agent_id",
                        "materialized view llm_usage_daily_mv: query " + ROLLUP + " WHERE model != '' GROUP BY user_id, workspace_id,"
                                + " day, model, agent_id, expected " + ROLLUP + " GROUP BY user_id, workspace_id, day, model, agent_id"),
                Arguments.of("materialized view target", "CREATE TABLE %1$s.other_daily AS %1$s.llm_usage_daily ;; DROP VIEW %1$s.llm_usage_daily_mv"
                                + " ;; CREATE MATERIALIZED VIEW %1$s.llm_usage_daily_mv TO %1$s.other_daily AS " + ROLLUP.replace("FROM llm_usage", "FROM %1$s.llm_usage")
                                + " GROUP BY user_id, workspace_id, day, model, agent_id",
                        "materialized view llm_usage_daily_mv: target other_daily, expected llm_usage_daily\ntable other_daily not in the migrations"),
                Arguments.of("materialized view dropped", "DROP VIEW %s.llm_usage_daily_mv",
                        "materialized view llm_usage_daily_mv missing"));
    }

    /** Each case: what kind of drift, the statements that make it ({@code %s}: the database; separated by {@code " ;; "}), the line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("projectDrift")
    void eachChangeToTheProjectSchemaIsOneLine(String kind, String sql, String line) {
        String live = migrated(project());
        try {
            assertEquals(List.of(), check(project(), live).drift().lines(), "clean before " + kind);
            for (String statement : sql.formatted(live).split(" ;; ")) {
                clickHouse.execute(statement);
            }
            assertEquals(List.of(line.split("\n")), check(project(), live).drift().lines());
        } finally {
            clickHouse.execute("DROP DATABASE IF EXISTS " + live);
        }
    }

    static Stream<Arguments> chainDrift() {
        return Stream.of(
                Arguments.of("dictionary", "DROP DICTIONARY %1$s.country_names ;; CREATE DICTIONARY %1$s.country_names (code String,"
                                + " name String DEFAULT '?') PRIMARY KEY code SOURCE(CLICKHOUSE(TABLE 'countries')) LAYOUT(HASHED()) LIFETIME(600)",
                        "dictionary country_names: definition (`code` String, `name` String DEFAULT '?') PRIMARY KEY code"
                                + " SOURCE(CLICKHOUSE(TABLE 'countries')) LIFETIME(MIN 0 MAX 600) LAYOUT(COMPLEX_KEY_HASHED()), expected"
                                + " (`code` String, `name` String DEFAULT '?') PRIMARY KEY code SOURCE(CLICKHOUSE(TABLE 'countries'))"
                                + " LIFETIME(MIN 0 MAX 300) LAYOUT(COMPLEX_KEY_HASHED())"),
                Arguments.of("view", "DROP VIEW %1$s.country_codes ;; CREATE VIEW %1$s.country_codes AS SELECT code, name FROM %1$s.countries",
                        "view country_codes: query SELECT code, name FROM countries, expected SELECT code FROM countries"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainDrift")
    void eachChangeToAChainOfAnotherShapeIsOneLine(String kind, String sql, String line) {
        MigrationSource source = MigrationSource.directory(chain, NamingScheme.CLICKHOUSE);
        String live = migrated(source);
        try {
            assertEquals(List.of(), check(source, live).drift().lines(), "clean before " + kind);
            for (String statement : sql.formatted(live).split(" ;; ")) {
                clickHouse.execute(statement);
            }
            assertEquals(List.of(line), check(source, live).drift().lines());
        } finally {
            clickHouse.execute("DROP DATABASE IF EXISTS " + live);
        }
    }

    @Test
    void aHistoryNamingAVersionTheFilesLackIsRefusedNamingIt() {
        String live = migrated(project());
        try {
            clickHouse.execute("INSERT INTO " + live + "." + MigrationTarget.HISTORY_TABLE + " (version, description, kind, script, checksum,"
                    + " applied_at, applied_by, execution_ms, success, statements_done, stamp, deleted) SELECT 2, 'elsewhere', kind,"
                    + " '002_elsewhere.sql', checksum, applied_at, applied_by, execution_ms, success, statements_done, stamp + 1, 0 FROM "
                    + live + "." + MigrationTarget.HISTORY_TABLE + " WHERE version = 1");
            MigrationException refused = assertThrows(MigrationException.class, () -> check(project(), live));
            assertTrue(refused.getMessage().contains("its history names version 2 (elsewhere), which "), refused.getMessage());
        } finally {
            clickHouse.execute("DROP DATABASE IF EXISTS " + live);
        }
    }

    @Test
    void theScratchDatabaseIsDroppedAfterwards() {
        String live = migrated(project());
        try {
            check(project(), live);
            assertEquals("0", clickHouse.query("SELECT count() FROM system.databases WHERE name LIKE 'crawbl\\_drift\\_%'").singleValue());
        } finally {
            clickHouse.execute("DROP DATABASE IF EXISTS " + live);
        }
    }
}
