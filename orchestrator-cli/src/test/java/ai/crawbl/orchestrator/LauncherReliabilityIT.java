package ai.crawbl.orchestrator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./crawbl platform orchestrator migrate} run as people break it: several at once on one fresh checkout, and
 * killed with {@code kill -9} on its whole process group (as {@code setsid … & kill -9 -- -$!} does) at moments of
 * its first start, each time followed by a run that must succeed and leave nothing of the killed one behind.
 */
class LauncherReliabilityIT {

    private static final List<String> MIGRATE = List.of("platform", "orchestrator", "migrate");

    private Path checkout;
    private Path logs;

    /** What one launcher run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void freshCheckout() throws IOException {
        checkout = LauncherCheckout.create();
        logs = Files.createTempDirectory("crawbl-launcher-logs-");
    }

    @AfterEach
    void removeCheckout() throws IOException {
        LauncherCheckout.delete(checkout);
        LauncherCheckout.delete(logs);
    }

    @Test
    void twoMigratesAtOnceOnAFreshCheckoutBothSucceed() throws Exception {
        recordStartUpCache();
        assertAllSucceedAtOnce(2);
    }

    @Test
    void fourMigratesAtOnceOnAFreshCheckoutAllSucceed() throws Exception {
        recordStartUpCache();
        assertAllSucceedAtOnce(4);
    }

    @Test
    void aMigrateKilledAtAnyMomentOfTheFirstStartIsFollowedByOneThatSucceedsAndLeavesNothingBehind() throws Exception {
        recordStartUpCache();
        Set<Long> killed = new TreeSet<>();
        for (long millis : new long[] {600, 1000, 1400, 1800, 2400}) {
            deleteTree(checkout.resolve(".crawbl"));
            Process run = start(MIGRATE, "killed-" + millis);
            Thread.sleep(millis);
            killed.addAll(killGroup(run));

            Run next = crawbl(MIGRATE);
            assertEquals(0, next.exitCode(), "after a kill at " + millis + " ms:\n" + next.out() + next.err());
            assertTrue(next.out().contains("catalogs    done"), next.out());
        }
        assertEquals(List.of(), ownerRecordsNaming(killed), "no folder a killed run owned is left");
        assertNoServerOn(checkout.resolve(".crawbl/postgres"));
    }

    @Test
    void aRunKilledWhileRecordingTheStartUpCacheLeavesNoServerNorScratchAfterTheNextRun() throws Exception {
        Process run = start(MIGRATE, "killed");
        Path scratch = awaitScratchWithServer(run.pid());
        long server = postmasterPid(scratch.resolve("postgres"));
        killGroup(run);
        assertTrue(isRunning(server), "kill -9 leaves the scratch cluster's server running");

        Run next = crawbl(MIGRATE);

        assertEquals(0, next.exitCode(), next.out() + next.err());
        assertFalse(isRunning(server), "the next run stopped the server the killed one left");
        assertFalse(Files.exists(scratch), scratch + " is removed");
        assertFalse(Files.exists(Path.of(scratch + ".owner")), "and its owner record");
        List<String> said = next.err().lines().filter(line -> line.contains("left by runs that died")).toList();
        assertEquals(1, said.size(), next.err());
        assertTrue(said.getFirst().contains(scratch.toString()), said.getFirst());
    }

    /** The first run of a checkout records the CLI's start-up cache; `--help` does it without touching .crawbl/. */
    private void recordStartUpCache() throws Exception {
        Run help = crawbl(List.of("platform", "orchestrator", "--help"));
        assertEquals(0, help.exitCode(), help.err());
    }

    private void assertAllSucceedAtOnce(int runs) throws Exception {
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            started.add(start(MIGRATE, "run-" + i));
        }
        for (int i = 0; i < runs; i++) {
            Run run = finish(started.get(i), "run-" + i);
            assertEquals(0, run.exitCode(), "run " + i + " of " + runs + ":\n" + run.out() + run.err());
            assertTrue(run.out().contains("clickhouse  done") && run.out().contains("catalogs    done"), run.out());
        }
        assertNoServerOn(checkout.resolve(".crawbl/postgres"));
    }

    /** Starts the launcher in a session of its own, so that its pid is its process group's. */
    private Process start(List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", "bash", checkout.resolve("crawbl").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile())
                .redirectOutput(logs.resolve(name + ".out").toFile()).redirectError(logs.resolve(name + ".err").toFile());
        for (String variable : List.of("CRAWBL_DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "CRAWBL_CLICKHOUSE_URL")) {
            builder.environment().remove(variable);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private Run finish(Process process, String name) throws Exception {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            killGroup(process);
            throw new IllegalStateException(name + " did not finish in 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(logs.resolve(name + ".out")), Files.readString(logs.resolve(name + ".err")));
    }

    private Run crawbl(List<String> args) throws Exception {
        String name = "run-" + System.nanoTime();
        return finish(start(args, name), name);
    }

    /**
     * kill -9 on the launcher's whole process group; returns the pids it had (the launcher and its descendants). A
     * quiet machine may finish a whole migrate before the kill comes: then the group is gone and there is nothing to kill.
     */
    private static Set<Long> killGroup(Process launcher) throws Exception {
        Set<Long> pids = new TreeSet<>();
        pids.add(launcher.pid());
        launcher.descendants().forEach(process -> pids.add(process.pid()));
        Process kill = new ProcessBuilder("kill", "-9", "--", "-" + launcher.pid())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        boolean killed = kill.waitFor() == 0;
        launcher.waitFor(60, TimeUnit.SECONDS);
        assertTrue(killed || !launcher.isAlive(), "kill -9 failed while the launcher still runs");
        return pids;
    }

    /** The launcher's start-up cache scratch folder, once the server in it runs. */
    private static Path awaitScratchWithServer(long launcher) throws Exception {
        for (int i = 0; i < 6_000; i++) {
            Optional<Path> scratch = scratchOwnedBy(launcher);
            if (scratch.isPresent() && Files.exists(scratch.get().resolve("postgres/postmaster.pid"))
                    && postmasterPid(scratch.get().resolve("postgres")) > 0) {
                return scratch.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the launcher never started a server in a start-up cache scratch folder");
    }

    private static Optional<Path> scratchOwnedBy(long launcher) throws IOException {
        for (Path place : places()) {
            try (DirectoryStream<Path> records = Files.newDirectoryStream(place, "crawbl-aot-*.owner")) {
                for (Path record : records) {
                    if (Files.readString(record).startsWith(launcher + " ")) {
                        String name = record.getFileName().toString();
                        return Optional.of(place.resolve(name.substring(0, name.length() - ".owner".length())));
                    }
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // raced with its removal
            }
        }
        return Optional.empty();
    }

    private List<Path> ownerRecordsNaming(Set<Long> pids) throws IOException {
        List<Path> found = new ArrayList<>();
        List<Path> places = new ArrayList<>(places());
        places.add(checkout.resolve(".crawbl"));
        for (Path place : places) {
            if (!Files.isDirectory(place)) {
                continue;
            }
            try (DirectoryStream<Path> records = Files.newDirectoryStream(place, "{,.}*.owner")) {
                for (Path record : records) {
                    String text;
                    try {
                        text = Files.readString(record);
                    } catch (IOException gone) {
                        continue;
                    }
                    String[] words = text.trim().split(" ");
                    if (words[0].matches("\\d+") && pids.contains(Long.parseLong(words[0]))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static List<Path> places() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
                ? List.of(shm, Path.of(System.getProperty("java.io.tmpdir"))) : List.of(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static void assertNoServerOn(Path data) {
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "no server runs on " + data);
    }

    private static long postmasterPid(Path data) {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        } catch (IOException | RuntimeException notYet) {
            return 0;
        }
    }

    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
