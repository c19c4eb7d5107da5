package ai.crawbl.migrations.target;

import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterDdlTest {

    private final ClusterDdl cluster = new ClusterDdl("analytics");

    @Test
    void onClusterFollowsTheObjectNameOfDdl() {
        assertEquals("CREATE TABLE IF NOT EXISTS llm_usage ON CLUSTER analytics (id UUID) ENGINE = MergeTree ORDER BY id",
                cluster.render("CREATE TABLE IF NOT EXISTS llm_usage (id UUID) ENGINE = MergeTree ORDER BY id"));
        assertEquals("CREATE MATERIALIZED VIEW IF NOT EXISTS db.mv ON CLUSTER analytics TO db.daily AS SELECT 1",
                cluster.render("CREATE MATERIALIZED VIEW IF NOT EXISTS db.mv TO db.daily AS SELECT 1"));
        assertEquals("CREATE DATABASE IF NOT EXISTS crawbl ON CLUSTER analytics", cluster.render("CREATE DATABASE IF NOT EXISTS crawbl"));
        assertEquals("ALTER TABLE `llm usage` ON CLUSTER analytics ADD COLUMN IF NOT EXISTS x UInt8",
                cluster.render("ALTER TABLE `llm usage` ADD COLUMN IF NOT EXISTS x UInt8"));
        assertEquals("DROP TABLE IF EXISTS old ON CLUSTER analytics SYNC", cluster.render("DROP TABLE IF EXISTS old SYNC"));
    }

    @Test
    void statementsThatAreNotDdlOrAlreadyOnAClusterAreLeftAlone() {
        String insert = "INSERT INTO llm_usage SELECT * FROM staging";
        assertEquals(insert, cluster.render(insert));
        String already = "CREATE TABLE IF NOT EXISTS t ON CLUSTER other (id UInt8) ENGINE = Memory";
        assertEquals(already, cluster.render(already));
    }

    @Test
    void theHistoryTableIsReplicatedOnACluster() {
        ClickHouseTarget.Options options = ClickHouseTarget.at(EmbeddedClickHouse.openInMemory()).database("crawbl").cluster("analytics");
        try (var target = (ClickHouseTarget) options.get()) {
            String ddl = cluster.render(target.historyTableDdl());
            assertTrue(ddl.startsWith("CREATE TABLE IF NOT EXISTS crawbl." + MigrationTarget.HISTORY_TABLE + " ON CLUSTER analytics ("), ddl);
            assertTrue(ddl.contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/crawbl/" + MigrationTarget.HISTORY_TABLE + "', '{replica}', stamp, deleted)"), ddl);
        } finally {
            options.clickHouse().close();
        }
    }

    @Test
    void aClusterNameMustBeAnIdentifier() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterDdl("a b; DROP"));
    }
}
