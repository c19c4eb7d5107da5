package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.process.OwnedFolders;
import ai.crawbl.migrations.process.ProcessOwner;
import ai.crawbl.migrations.process.ProcessRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers and scratch folders are tied to the process that made them: when it dies with kill -9, the next start of an
 * embedded PostgreSQL stops the server and removes the folder, saying so in one line; while a process still uses a
 * shared server, it is left alone.
 */
class LeftoversTest {

    private final KilledRuns runs = new KilledRuns();
    private final List<Path> scratch = new ArrayList<>();

    @AfterEach
    void removeFolders() throws Exception {
        runs.close();
        for (Path folder : scratch) {
            OwnedFolders.delete(folder);
        }
    }

    @Test
    void aThrowawayClusterOfAKilledJvmIsStoppedAndRemovedByTheNextStartInOneLine() throws Exception {
        Path log = runs.folder().resolve("killed.log");
        Process killed = ThrowawayClusterRun.start(log);
        Path data = Path.of(KilledRuns.awaitLine(killed, KilledRuns.stdout(killed), "/", log));
        long server = EmbeddedPostgres.postmasterPid(data);
        KilledRuns.kill(killed);
        assertTrue(KilledRuns.isRunning(server), "kill -9 leaves the throwaway server running");

        List<String> said = new ArrayList<>();
        EmbeddedPostgres.throwaway().warnings(said::add).start().close();

        assertFalse(KilledRuns.isRunning(server), "the next start stopped the server of the dead run");
        assertFalse(Files.exists(data.getParent()), data.getParent() + " is removed");
        assertFalse(Files.exists(OwnedFolders.recordOf(data.getParent())), "its owner record is removed");
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.getFirst().startsWith("embedded PostgreSQL: stopped ") && said.getFirst().contains(" left by runs that died, in ") && said.getFirst().contains(data.getParent().toString())
                && !said.getFirst().contains("\n"), said.getFirst());
    }

    @Test
    void aScratchFolderWhoseOwnerDiedIsKeptWhileItsServerHasAUserAndRemovedOnceNoneIsLeft() throws Exception {
        Process owner = new ProcessBuilder("sleep", "600").start();
        Path folder = OwnedFolders.create(EmbeddedPostgres.throwawayParent(), "crawbl-test-", ProcessOwner.of(owner.pid()).orElseThrow());
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        scratch.add(folder);
        Path data = folder.resolve("postgres");
        Path release = runs.folder().resolve("release");
        Path log = runs.folder().resolve("user.log");
        Process user = PersistentClusterRun.start(data, release.toString(), log);
        long server = Long.parseLong(KilledRuns.awaitLine(user, KilledRuns.stdout(user), "ready", log).split(" ")[2]);
        KilledRuns.kill(owner);

        sweep();
        assertTrue(Files.isDirectory(data), "a folder whose server a live process uses is kept though its owner died");
        assertTrue(KilledRuns.isRunning(server), "and its server keeps running");

        KilledRuns.kill(user);
        assertTrue(KilledRuns.isRunning(server), "kill -9 of the last user leaves the server running");
        Leftovers.Cleanup cleanup = sweep();
        assertFalse(KilledRuns.isRunning(server), "with no user left, the server is stopped: " + cleanup);
        assertFalse(Files.exists(folder), folder + " is removed");
        assertTrue(cleanup.removed().contains(folder), cleanup.toString());
    }

    @Test
    void aFolderWhoseOwnerLivesIsNeverTouched() throws Exception {
        Path folder = OwnedFolders.create(EmbeddedPostgres.throwawayParent(), "crawbl-test-", ProcessOwner.current());
        scratch.add(folder);
        sweep();
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aFolderItsOwnerGaveUpIsRemovedAtOnce() throws Exception {
        Path folder = OwnedFolders.create(EmbeddedPostgres.throwawayParent(), "crawbl-test-", ProcessOwner.current());
        scratch.add(folder);
        Files.writeString(OwnedFolders.recordOf(folder), OwnedFolders.GIVEN_UP + "\n");
        sweep();
        assertFalse(Files.exists(folder));
        assertFalse(Files.exists(OwnedFolders.recordOf(folder)));
    }

    @Test
    void aSocketFolderWhoseServerOutlivedItsJvmIsHandedToTheServerNotRemoved() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.persistent(runs.folder().resolve("pgdata")).start()) {
            Path sockets = EmbeddedPostgres.socketDirectoryOf(postgres.dataDirectory()).orElseThrow();
            long server = EmbeddedPostgres.postmasterPid(postgres.dataDirectory());
            assertEquals(ProcessOwner.of(server), OwnedFolders.ownerOf(sockets), "the server owns its socket folder");
            // As if the JVM that started it had been killed before handing it over.
            Files.writeString(OwnedFolders.recordOf(sockets), deadProcess().record());
            sweep();
            assertTrue(Files.isDirectory(sockets), "a live server's socket folder is kept");
            assertEquals(ProcessOwner.of(server), OwnedFolders.ownerOf(sockets), "and handed to the server");
            assertEquals(1, KilledRuns.selectOne(postgres));
        }
    }

    @Test
    void theOutputFilesOfProgramsADeadJvmRanAreRemovedAndALiveOnesKept() throws Exception {
        Path temporary = EmbeddedPostgres.temporaryFolder();
        Path dead = Files.createTempFile(temporary, ProcessRun.OUTPUT_PREFIX + deadProcess().record().replace(' ', '.') + "-", ".log");
        Path live = Files.createTempFile(temporary, ProcessRun.OUTPUT_PREFIX + ProcessOwner.current().record().replace(' ', '.') + "-", ".log");
        try {
            Leftovers.Cleanup cleanup = sweep();
            assertFalse(Files.exists(dead), "a dead JVM's output file is removed");
            assertTrue(Files.exists(live), "a live JVM's is kept");
            assertTrue(cleanup.outputFiles() >= 1 && cleanup.summary().orElseThrow().contains("program output file(s)"), cleanup.toString());
        } finally {
            Files.deleteIfExists(dead);
            Files.deleteIfExists(live);
        }
    }

    private static Leftovers.Cleanup sweep() {
        return Leftovers.reap(PostgresBinaries.locate(), ServerAccount.current(),
                List.of(EmbeddedPostgres.throwawayParent(), EmbeddedPostgres.temporaryFolder()));
    }

    /** A process that ran and has exited. */
    private static ProcessOwner deadProcess() throws Exception {
        Process process = new ProcessBuilder("sleep", "0.2").start();
        ProcessOwner owner = ProcessOwner.of(process.pid()).orElseThrow();
        process.waitFor();
        assertFalse(owner.isAlive());
        return owner;
    }
}
