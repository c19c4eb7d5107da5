package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.crawbl.migrations.testing.EmbeddedClickHouseProcess;
import ai.crawbl.migrations.testing.EmbeddedClickHouseProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where chDB keeps its data. Each case runs in a JVM of its own: chDB holds one storage per process, and this
 * test JVM's already holds the shared in-memory one.
 */
class EmbeddedClickHouseStorageTest {

    @Test
    void aMissingDataDirectoryIsCreatedAndItsTablesOutliveTheProcess(@TempDir Path temporary) throws Exception {
        Path data = temporary.resolve("nested").resolve("clickhouse");

        Outcome writer = EmbeddedClickHouseProcess.run("--storage", data.toString(),
                "CREATE TABLE IF NOT EXISTS default.notes (n UInt8) ENGINE = MergeTree ORDER BY n",
                "INSERT INTO default.notes VALUES (7), (8)");
        assertEquals(0, writer.exitCode(), writer.stderr());
        assertTrue(Files.isDirectory(data.resolve("metadata")), "chDB keeps its catalog in the directory");

        Outcome reader = EmbeddedClickHouseProcess.run("--storage", data.toString(), "SELECT sum(n) FROM default.notes");
        assertEquals(0, reader.exitCode(), reader.stderr());
        assertEquals("15\n", reader.stdout());
    }

    @Test
    void inMemoryStorageStartsEmptyAndAnotherStorageOpensOnceItIsClosed(@TempDir Path temporary) throws Exception {
        Path data = temporary.resolve("after-memory");

        Outcome outcome = EmbeddedClickHouseProcess.run(
                "--in-memory",
                "CREATE TABLE default.scratch (n UInt8) ENGINE = MergeTree ORDER BY n",
                "INSERT INTO default.scratch VALUES (1)",
                "SELECT count() FROM default.scratch",
                "--storage", data.toString(),
                "EXISTS TABLE default.scratch");

        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertEquals("1\n0\n", outcome.stdout(), "the in-memory table is gone; the directory opened fresh");
        assertTrue(outcome.stderr().contains("first answer after"), outcome.stderr());
    }
}
