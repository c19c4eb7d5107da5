package ai.crawbl.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ClickHouse conventions, one rule at a time. */
class ClickHouseLintTest {

    @TempDir
    Path dir;

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    private List<String> findings() throws IOException {
        return new ClickHouseLint().check(dir).stream().map(f -> f.file() + ":" + f.line() + ": " + f.rule())
                .toList();
    }

    private List<String> findingsFor(String sql) throws IOException {
        write("001_m.sql", sql);
        return findings();
    }

    @Test
    void aFolderFollowingTheConventionsHasNoFindings() throws IOException {
        write("001_llm_usage.sql", """
                # One row per LLM call. CREATE TABLE x (a UInt8); in a comment never counts.
                CREATE TABLE IF NOT EXISTS llm_usage
                (
                    event_id   UUID,
                    event_time DateTime64(3, 'UTC'),
                    model      String DEFAULT 'CREATE TABLE y; DROP TABLE z',
                    cost_usd   Decimal64(6)
                )
                ENGINE = MergeTree
                PARTITION BY toYYYYMM(event_time)
                ORDER BY (event_time, event_id)
                TTL toDateTime(event_time) + INTERVAL 13 MONTH;

                CREATE TABLE IF NOT EXISTS llm_usage_daily
                (
                    day Date,
                    model String,
                    total_cost_usd Decimal128(6)
                )
                ENGINE = SummingMergeTree
                ORDER BY (day, model);

                -- The rollup. // and /* */ comments too: DROP TABLE llm_usage
                CREATE MATERIALIZED VIEW IF NOT EXISTS llm_usage_daily_mv TO llm_usage_daily AS
                SELECT toDate(event_time) AS day, model, sum(cost_usd) AS total_cost_usd
                FROM llm_usage
                GROUP BY day, model;
                """);
        write("002_more.sql", """
                CREATE OR REPLACE VIEW recent AS SELECT * FROM llm_usage WHERE event_time > now() - 60;
                ALTER TABLE llm_usage ADD COLUMN IF NOT EXISTS region String, DROP COLUMN IF EXISTS legacy;
                DROP TABLE IF EXISTS old_usage;
                """);

        assertEquals(List.of(), findings());
    }

    @Test
    void naming_versionIsThreeZeroPaddedDigits() throws IOException {
        write("001_llm_usage.sql", "");
        write("0002_more.sql", "");
        write("003_More.sql", "");

        assertEquals(List.of("0002_more.sql:1: naming", "003_More.sql:1: naming"), findings());
    }

    @Test
    void sequence_versionsStartAtOneWithoutGapsOrDuplicates() throws IOException {
        write("001_a.sql", "");
        write("001_b.sql", "");
        write("003_c.sql", "");

        assertEquals(List.of("001_b.sql:1: sequence", "003_c.sql:1: sequence"), findings());
    }

    @Test
    void guard_createTakesIfNotExists() throws IOException {
        assertEquals(List.of("001_m.sql:1: guard", "001_m.sql:2: guard", "001_m.sql:3: guard", "001_m.sql:4: guard",
                "001_m.sql:5: guard", "001_m.sql:6: guard"), findingsFor("""
                CREATE TABLE t (a UInt8) ENGINE = Memory;
                CREATE MATERIALIZED VIEW mv TO t AS SELECT 1 AS a;
                CREATE VIEW v AS SELECT 1;
                CREATE DATABASE analytics;
                CREATE DICTIONARY d (id UInt64, v String) PRIMARY KEY id SOURCE(NULL()) LAYOUT(FLAT()) LIFETIME(0);
                CREATE OR REPLACE TABLE r (a UInt8) ENGINE = Memory;
                CREATE OR REPLACE VIEW v2 AS SELECT 1;
                """));
    }

    @Test
    void guard_dropTakesIfExists() throws IOException {
        assertEquals(List.of("001_m.sql:1: guard", "001_m.sql:2: guard"), findingsFor("""
                DROP TABLE t;
                DROP VIEW v;
                DROP TABLE IF EXISTS t2;
                DROP TEMPORARY TABLE IF EXISTS t3;
                """));
    }

    @Test
    void guard_alterTableAddsAndDropsWithGuards() throws IOException {
        assertEquals(List.of("001_m.sql:2: guard", "001_m.sql:3: guard"), findingsFor("""
                ALTER TABLE t
                    ADD COLUMN b String,
                    DROP INDEX idx,
                    ADD COLUMN IF NOT EXISTS c String,
                    MODIFY COLUMN a UInt16;
                """));
    }

    @Test
    void syntax_anUnterminatedStringIsAFindingAtItsLine() throws IOException {
        assertEquals(List.of("001_m.sql:2: syntax"), findingsFor("SELECT 1;\nSELECT 'open;\n"));
    }

    @Test
    void wordsInCommentsAndStringsNeverTrigger() throws IOException {
        assertEquals(List.of(), findingsFor("""
                # CREATE TABLE t (a UInt8) ENGINE = Memory;
                // DROP TABLE t;
                /* CREATE VIEW v AS SELECT 1; /* DROP VIEW v; */ */
                SELECT 'CREATE TABLE x; DROP TABLE y', $h$DROP TABLE z;$h$, `DROP TABLE w`;
                """));
    }
}
