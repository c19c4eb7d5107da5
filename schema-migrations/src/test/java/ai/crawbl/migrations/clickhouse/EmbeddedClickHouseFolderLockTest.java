package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.testing.EmbeddedClickHouseProcess;
import ai.crawbl.migrations.testing.EmbeddedClickHouseProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One process at a time can have an embedded ClickHouse data folder open (chDB locks it); other processes wait for it
 * instead of failing, up to the lock wait. Each process is a JVM of its own, since chDB holds one storage per process.
 */
class EmbeddedClickHouseFolderLockTest {

    private static final String HOLD = "SELECT sleep(1.5)";

    @Test
    void twoProcessesOpeningOneFolderAtOnceBothSucceed(@TempDir Path temporary) throws Exception {
        assertAllSucceed(temporary.resolve("clickhouse"), 2);
    }

    @Test
    void fourProcessesOpeningOneFolderAtOnceAllSucceed(@TempDir Path temporary) throws Exception {
        assertAllSucceed(temporary.resolve("clickhouse"), 4);
    }

    @Test
    void aProcessThatCannotGetTheFolderWithinTheLockWaitFailsNamingTheSetting(@TempDir Path temporary) throws Exception {
        Path data = temporary.resolve("clickhouse");
        try (ChdbFolderLock held = ChdbFolderLock.acquire(data, Duration.ZERO)) {
            assertTrue(Files.exists(ChdbFolderLock.fileOf(data)), held + " locks the file beside the folder");
            Outcome waiting = EmbeddedClickHouseProcess.run(Map.of(ChdbFolderLock.VARIABLE, "1"), "--storage", data.toString(), "SELECT 1");
            assertNotEquals(0, waiting.exitCode());
            assertTrue(waiting.stderr().contains("another process has had the embedded ClickHouse data folder " + data
                    + " open for more than 1 s") && waiting.stderr().contains("Set CRAWBL_CLICKHOUSE_LOCK_WAIT"), waiting.stderr());
            assertFalse(waiting.stderr().contains("Code: 76"), waiting.stderr());
        }
        Outcome after = EmbeddedClickHouseProcess.run(Map.of(ChdbFolderLock.VARIABLE, "1"), "--storage", data.toString(), "SELECT 1");
        assertEquals(0, after.exitCode(), after.stderr());
    }

    @Test
    void aLockWaitThatIsNotANumberOfSecondsIsRefusedWithWhatToSet() {
        ClickHouseException refused = org.junit.jupiter.api.Assertions.assertThrows(ClickHouseException.class,
                () -> ChdbFolderLock.wait(Map.of(ChdbFolderLock.VARIABLE, "ten"), null));
        assertTrue(refused.getMessage().startsWith("CRAWBL_CLICKHOUSE_LOCK_WAIT=ten is not a number of seconds"), refused.getMessage());
        assertEquals(Duration.ofSeconds(600), ChdbFolderLock.wait(Map.of(), null));
        assertEquals(Duration.ofSeconds(5), ChdbFolderLock.wait(Map.of(ChdbFolderLock.VARIABLE, "7"), "5"));
    }

    /** Starts {@code processes} JVMs at once, each creating a table of its own and holding the folder a moment. */
    private static void assertAllSucceed(Path data, int processes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        List<CompletableFuture<Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            String table = "default.run_" + i;
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return EmbeddedClickHouseProcess.run("--storage", data.toString(),
                            "CREATE TABLE " + table + " (n UInt8) ENGINE = MergeTree ORDER BY n", HOLD);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        pool.shutdown();
        for (int i = 0; i < processes; i++) {
            Outcome outcome = runs.get(i).join();
            assertEquals(0, outcome.exitCode(), "process " + i + ":\n" + outcome.stderr());
        }
        Outcome count = EmbeddedClickHouseProcess.run("--storage", data.toString(),
                "SELECT count() FROM system.tables WHERE database = 'default' AND name LIKE 'run\\\\_%'");
        assertEquals(processes + "\n", count.stdout(), count.stderr());
    }
}
