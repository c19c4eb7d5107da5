package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.EmbeddedClickHouseExtension;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * chDB survives a JVM that collects garbage all the time. With chDB's own signal handlers installed this
 * load hung the JVM within seconds (every thread asleep); a hang shows here as the timeout, a lost JVM
 * signal handler as a crashed fork.
 */
@ExtendWith(EmbeddedClickHouseExtension.class)
class EmbeddedClickHouseUnderGcPressureTest {

    private static final int INSERTS = 3_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void thousandsOfSmallInsertsCompleteWhileTheJvmChurnsGarbage(ClickHouseDatabase database) {
        String runs = database.table("runs");
        database.execute("CREATE TABLE " + runs + " (id UInt32, label String) ENGINE = MergeTree ORDER BY id");
        List<byte[]> garbage = new ArrayList<>();
        long collectionsBefore = collections();

        for (int i = 0; i < INSERTS; i++) {
            database.execute("INSERT INTO " + runs + " VALUES (" + i + ", 'run-" + i + "')");
            for (int j = 0; j < 256; j++) {
                garbage.add(new byte[1024]);
            }
            if (garbage.size() > 16_384) {
                garbage.clear();
            }
        }

        QueryResult totals = database.query("SELECT count() AS rows, sum(id) AS ids FROM " + runs);
        assertEquals(String.valueOf(INSERTS), totals.value(0, "rows"));
        assertEquals(String.valueOf((long) INSERTS * (INSERTS - 1) / 2), totals.value(0, "ids"));
        assertTrue(collections() > collectionsBefore, "the JVM collected garbage while chDB was in use");
    }

    /** How many collections the JVM's collectors have run so far. */
    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(count -> count > 0).sum();
    }
}
