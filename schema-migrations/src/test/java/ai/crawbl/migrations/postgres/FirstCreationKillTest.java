package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.process.ProcessRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed with kill -9 during the first creation of a persistent cluster, at any moment, leaves a data folder
 * that the next run starts in (creating the cluster when there is none yet), and nothing of its own behind.
 */
class FirstCreationKillTest {

    private final KilledRuns runs = new KilledRuns();

    @AfterEach
    void removeFolders() throws Exception {
        runs.close();
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"aside", "initdb", "password", "renamed", "started"})
    void aRunKilledAtEachStepOfFirstCreationLeavesAFolderTheNextRunStartsIn(String step) throws Exception {
        Path folder = runs.folder();
        Path data = folder.resolve("pgdata");
        Path log = folder.resolve("killed.log");
        Process killed = FirstCreationRun.start(data, step, log);
        BufferedReader out = KilledRuns.stdout(killed);
        KilledRuns.awaitLine(killed, out, "at " + step, log);
        KilledRuns.kill(killed);

        assertNextRunConverges(data, killed.pid());
    }

    @ParameterizedTest(name = "killed after {0} ms")
    @ValueSource(ints = {300, 700, 1100, 1500, 2000, 3000})
    void aRunKilledAtAnyMomentOfFirstCreationLeavesAFolderTheNextRunStartsIn(int millis) throws Exception {
        Path folder = runs.folder();
        Path data = folder.resolve("pgdata");
        Process killed = PersistentClusterRun.start(data, "0", folder.resolve("killed.log"));
        Thread.sleep(millis);
        KilledRuns.kill(killed);

        assertNextRunConverges(data, killed.pid());
    }

    @Test
    void aClusterAnOlderRunLeftWithoutItsPasswordIsCreatedAnew() throws Exception {
        Path data = runs.folder().resolve("pgdata");
        initdbAsAnOlderRunDid(data);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.persistent(data).start()) {
            assertEquals(1, KilledRuns.selectOne(postgres));
        }
        assertTrue(Files.exists(data.resolve("crawbl.password")));
    }

    @Test
    void aDataFolderAServerRanOnIsNeverTakenForAnUnfinishedOneAndIsLeftAsItWas() throws Exception {
        Path data = runs.folder().resolve("pgdata");
        initdbAsAnOlderRunDid(data);
        Files.writeString(data.resolve("postmaster.opts"), "/usr/lib/postgresql/15/bin/postgres \"-D\" \"" + data + "\"\n");
        List<String> before;
        try (var entries = Files.list(data)) {
            before = entries.map(Path::toString).sorted().toList();
        }
        EmbeddedPostgresException refused = assertThrows(EmbeddedPostgresException.class, () -> EmbeddedPostgres.persistent(data).start());
        assertTrue(refused.getMessage().contains("did not create (no crawbl.password)"), refused.getMessage());
        try (var entries = Files.list(data)) {
            assertEquals(before, entries.map(Path::toString).sorted().toList());
        }
    }

    @Test
    void aFolderWithoutTheToolkitsLockFileBesideItIsNeverTakenForAnUnfinishedOne() throws Exception {
        Path data = runs.folder().resolve("pgdata");
        initdbAsAnOlderRunDid(data);
        Files.delete(ClusterUsers.lockFileOf(data));
        assertFalse(UnfinishedCluster.isOne(data));
    }

    /** The next run starts, answers, stops its server when done, and nothing of the killed run is left. */
    private static void assertNextRunConverges(Path data, long killedPid) throws Exception {
        try (EmbeddedPostgres next = EmbeddedPostgres.persistent(data).start()) {
            assertEquals(1, KilledRuns.selectOne(next));
        }
        assertTrue(Files.exists(data.resolve("crawbl.password")), "the cluster has its password");
        assertFalse(KilledRuns.serverRunsOn(data), "no server runs on " + data);
        assertEquals(List.of(), KilledRuns.creationFoldersBeside(data), "no folder a creation was built in is left");
        assertEquals(List.of(), KilledRuns.ownedBy(killedPid, data.getParent()), "nothing the killed run owned is left");
        // A second run finds the same cluster.
        try (EmbeddedPostgres again = EmbeddedPostgres.persistent(data).start()) {
            assertEquals(1, KilledRuns.selectOne(again));
        }
    }

    /** What a run of an older version left when killed between initdb and writing its password file. */
    private static void initdbAsAnOlderRunDid(Path data) throws Exception {
        ServerAccount account = ServerAccount.current();
        PostgresBinaries bin = PostgresBinaries.locate();
        Files.createFile(ClusterUsers.lockFileOf(data));
        account.createOwned(data);
        ProcessRun.Result result = ProcessRun.run(new ProcessBuilder(account.command(bin.initdb(), List.of("-D", data.toString(),
                "-U", "postgres", "--auth-local=peer", "--no-sync", "--no-instructions")))
                .directory(data.getParent().toFile()), Duration.ofMinutes(3), "initdb");
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(Files.exists(data.resolve("crawbl.password")));
    }
}
