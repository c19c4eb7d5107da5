package ai.crawbl.migrations.postgres;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each test starts its own clusters; the shared test server is not involved. */
class EmbeddedPostgresTest {

    @Test
    void throwawayClusterLeavesNoProcessAndNoDirectoryBehind() throws Exception {
        long pid;
        Path dataDir;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.throwaway().start()) {
            dataDir = postgres.dataDirectory();
            pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
            assertTrue(isRunning(pid), "server runs while open");
            assertEquals(1, queryInt(postgres.endpoint(), "SELECT 1"));
        }
        assertFalse(isRunning(pid), "server process " + pid + " is gone");
        assertFalse(Files.exists(dataDir.getParent()), dataDir.getParent() + " is deleted");
    }

    @Test
    void aJvmThatExitsWithoutClosingStillStopsAndDeletesItsCluster() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitWithoutClose.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String dataDir = new String(child.getInputStream().readAllBytes()).strip();
        assertEquals(0, child.waitFor());
        assertFalse(dataDir.isEmpty());
        assertFalse(Files.exists(Path.of(dataDir).getParent()), "the shutdown hook deleted " + dataDir);
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            assertFalse(processes.anyMatch(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir)).orElse(false)),
                    "no server runs on " + dataDir);
        }
    }

    @Test
    void persistentClusterKeepsItsDataAcrossARestart() throws Exception {
        Path dataDir = folder().resolve("pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.persistent(dataDir).start()) {
            execute(postgres.endpoint(), "CREATE TABLE kept (value int)", "INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.persistent(dataDir).start()) {
            assertEquals(42, queryInt(postgres.endpoint(), "SELECT value FROM kept"));
        }
        assertTrue(Files.exists(dataDir.resolve("PG_VERSION")), "data directory is kept");
    }

    @Test
    void aStalePidFileLeftByAKilledRunIsRecovered() throws Exception {
        Path dataDir = folder().resolve("pgdata");
        EmbeddedPostgres.persistent(dataDir).start().close();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(dataDir.resolve("postmaster.pid"), dead.pid() + "\n" + dataDir + "\n0\n5432\n\n\n");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.persistent(dataDir).start()) {
            assertEquals(1, queryInt(postgres.endpoint(), "SELECT 1"));
        }
    }

    @Test
    void fourRunsAtOnceOnOneDataFolderAllSucceedAndNoServerRemains() throws Exception {
        Path folder = folder();
        Path dataDir = folder.resolve("pgdata");
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(PersistentClusterRun.start(dataDir, "1500", folder.resolve("run-" + i + ".log")));
        }
        for (int i = 0; i < runs.size(); i++) {
            Process run = runs.get(i);
            assertTrue(run.waitFor(300, TimeUnit.SECONDS), "run " + i + " finished");
            assertEquals(0, run.exitValue(), "run " + i + ":\n" + Files.readString(folder.resolve("run-" + i + ".log")));
        }
        assertNoServerOn(dataDir);
    }

    @Test
    void aRunKeepsUsingTheServerWhenTheRunThatStartedItClosesFirst() throws Exception {
        Path folder = folder();
        Path dataDir = folder.resolve("pgdata");
        Path release = folder.resolve("release");
        Process owner = PersistentClusterRun.start(dataDir, release.toString(), folder.resolve("owner.log"));
        Ready started = awaitReady(owner, folder.resolve("owner.log"));
        try (EmbeddedPostgres borrower = EmbeddedPostgres.persistent(dataDir).start()) {
            assertEquals(started.port(), borrower.port(), "the second run uses the first run's server");
            Files.createFile(release);
            assertTrue(owner.waitFor(120, TimeUnit.SECONDS), "the first run finished");
            assertEquals(0, owner.exitValue(), Files.readString(folder.resolve("owner.log")));
            assertTrue(isRunning(started.postmaster()), "the server outlives the run that started it while another uses it");
            assertEquals(1, queryInt(borrower.endpoint(), "SELECT 1"));
        }
        assertFalse(isRunning(started.postmaster()), "the last run to close stops the server");
        assertNoServerOn(dataDir);
    }

    @Test
    void aServerLeftByAKilledRunIsUsedByTheNextRunWhichStopsIt() throws Exception {
        Path folder = folder();
        Path dataDir = folder.resolve("pgdata");
        Process killed = PersistentClusterRun.start(dataDir, folder.resolve("never").toString(), folder.resolve("killed.log"));
        Ready started = awaitReady(killed, folder.resolve("killed.log"));
        killed.destroyForcibly().waitFor();
        assertTrue(isRunning(started.postmaster()), "kill -9 leaves the server running");
        try (EmbeddedPostgres next = EmbeddedPostgres.persistent(dataDir).start()) {
            assertEquals(started.port(), next.port(), "the next run uses the server left running");
            assertEquals(1, queryInt(next.endpoint(), "SELECT 1"));
        }
        assertFalse(isRunning(started.postmaster()), "the next run stops it when it is done");
        assertNoServerOn(dataDir);
    }

    @Test
    void twoUsersInOneJvmShareTheServerAndTheLastToCloseStopsIt() throws Exception {
        Path dataDir = folder().resolve("pgdata");
        EmbeddedPostgres first = EmbeddedPostgres.persistent(dataDir).start();
        long postmaster;
        try (EmbeddedPostgres second = EmbeddedPostgres.persistent(dataDir).start()) {
            assertEquals(first.port(), second.port());
            postmaster = PersistentClusterRun.postmasterPid(dataDir);
            first.close();
            assertEquals(1, queryInt(second.endpoint(), "SELECT 1"), "the server outlives the first to close");
        }
        assertFalse(isRunning(postmaster), "the second to close stops the server");
        assertNoServerOn(dataDir);
    }

    @Test
    void fourCommandsOpeningTheEmbeddedDatabaseAtOnceAllGetIt() throws Exception {
        Path dataDir = folder().resolve("pgdata");
        EmbeddedPostgres.persistent(dataDir).start().close();
        int commands = 4;
        CyclicBarrier together = new CyclicBarrier(commands);
        ExecutorService pool = Executors.newFixedThreadPool(commands);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                answers.add(pool.submit(() -> {
                    together.await();
                    try (PostgresConnection connection = PostgresConnection.open(null, dataDir, Map.of())) {
                        return queryInt(connection.endpoint(), "SELECT 1");
                    }
                }));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(1, answer.get(300, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertNoServerOn(dataDir);
    }

    @Test
    void aFolderHoldingSomethingElseIsRefusedWithWhatToDo() throws Exception {
        Path dataDir = folder().resolve("not-postgres");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("notes.txt"), "mine");
        EmbeddedPostgresException refused = assertThrows(EmbeddedPostgresException.class,
                () -> EmbeddedPostgres.persistent(dataDir).start());
        assertTrue(refused.getMessage().contains("holds no PostgreSQL cluster")
                && refused.getMessage().contains("choose another data folder"), refused.getMessage());
        assertEquals("mine", Files.readString(dataDir.resolve("notes.txt")), "the folder is left as it was");
    }

    @Test
    void aPortInUseIsRetriedOnAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EmbeddedPostgres postgres = EmbeddedPostgres.throwaway().port(taken.getLocalPort()).start()) {
            assertNotEquals(taken.getLocalPort(), postgres.port());
            assertEquals(1, queryInt(postgres.endpoint(), "SELECT 1"));
        }
    }

    @Test
    void twoClustersRunAtOnceOnDifferentPorts() throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.throwaway().start();
             EmbeddedPostgres second = EmbeddedPostgres.throwaway().start()) {
            assertNotEquals(first.port(), second.port());
            execute(first.endpoint(), "CREATE TABLE only_in_first (id int)");
            assertEquals(1, queryInt(first.endpoint(), "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"));
            assertEquals(0, queryInt(second.endpoint(), "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"));
        }
    }

    @Test
    void aCheckoutTheServerUserCanReachKeepsItsClusterInside() throws IOException {
        Path checkout = folder();
        assertEquals(checkout.resolve(".crawbl/postgres"), EmbeddedPostgres.dataDirectoryFor(checkout));
    }

    @Test
    void aCheckoutClosedToTheServerUserGetsAClusterInThatUsersHomeKeyedByItsPath() throws IOException {
        assumeTrue(ServerAccount.current().switched(), "only a root JVM runs the server as another user");
        Path closed = folder();
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path first = EmbeddedPostgres.dataDirectoryFor(closed.resolve("one"));
        Path second = EmbeddedPostgres.dataDirectoryFor(closed.resolve("two"));
        assertTrue(first.startsWith(ServerAccount.current().home()), first.toString());
        assertNotEquals(first, second);
        assertEquals(first, EmbeddedPostgres.dataDirectoryFor(closed.resolve("one")), "the same checkout, the same cluster");
    }

    @Test
    void endpointNeverShowsThePassword() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.throwaway().start()) {
            PostgresEndpoint endpoint = postgres.endpoint();
            assertFalse(endpoint.toString().contains(endpoint.password()));
            assertTrue(endpoint.toString().contains(":" + postgres.port() + "/postgres"));
        }
    }

    /** What a {@link PersistentClusterRun} printed once its server answered. */
    private record Ready(int port, long postmaster) {
    }

    private static Ready awaitReady(Process run, Path log) throws IOException {
        String line = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertNotNull(line, "the run printed nothing:\n" + Files.readString(log));
        String[] words = line.split(" ");
        return new Ready(Integer.parseInt(words[1]), Long.parseLong(words[2]));
    }

    /** No server runs on {@code dataDir}: no postmaster.pid, and no process names the folder. */
    private static void assertNoServerOn(Path dataDir) {
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "no postmaster.pid in " + dataDir);
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            assertFalse(processes.anyMatch(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir.toString())).orElse(false)),
                    "no server runs on " + dataDir);
        }
    }

    /** A process that exited but was not yet reaped by init (state Z) no longer runs. */
    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    private final List<Path> folders = new ArrayList<>();

    /** A folder the server's system user can enter (JUnit's @TempDir is mode 700, closed to it when tests run as root). */
    private Path folder() throws IOException {
        Path folder = Files.createTempDirectory("crawbl-pg-test-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        folders.add(folder);
        return folder;
    }

    @AfterEach
    void deleteFolders() throws IOException {
        for (Path folder : folders) {
            stopServersLeftIn(folder);
        }
        for (Path folder : folders) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Stops any server a failed test left running in {@code folder}, so that it can be deleted. */
    private static void stopServersLeftIn(Path folder) throws IOException {
        List<Path> pidFiles;
        try (Stream<Path> paths = Files.walk(folder)) {
            pidFiles = paths.filter(path -> path.getFileName().toString().equals("postmaster.pid")).toList();
        }
        for (Path pidFile : pidFiles) {
            ProcessHandle.of(PersistentClusterRun.postmasterPid(pidFile.getParent())).ifPresent(server -> {
                server.destroy();
                server.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(timeout -> server).join();
            });
        }
    }

    private static void execute(PostgresEndpoint endpoint, String... sql) throws SQLException {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static int queryInt(PostgresEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
