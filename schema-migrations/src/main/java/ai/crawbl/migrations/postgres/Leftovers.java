package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.process.OwnedFolders;
import ai.crawbl.migrations.process.ProcessOwner;
import ai.crawbl.migrations.process.ProcessRun;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What runs killed before they could clean up left behind, found through {@link OwnedFolders} records and removed by
 * the next run: the server a folder holds is stopped, programs a dead run left working in it ({@code initdb} goes on
 * as an orphan when its JVM is killed) are ended, and the folder goes.
 *
 * <p>Shared servers are never stopped under their users: a folder holding a persistent cluster is reaped only when no
 * process uses that cluster ({@link ClusterUsers#whenUnused}), and a socket folder whose server still runs is handed
 * to that server instead. The whole sweep is bounded in time; what it did not finish waits for the next run.
 */
final class Leftovers {

    /** The names of every folder the toolkit owns this way start with it. */
    static final String PREFIX = "crawbl-";
    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final int NAMES_SHOWN = 3;

    private Leftovers() {
    }

    /** What a sweep did. */
    record Cleanup(List<Path> removed, int serversStopped, int outputFiles, List<String> problems, long millis) {

        /** One line saying what was removed and stopped, or what went wrong; empty when there was nothing to do. */
        Optional<String> summary() {
            if (removed.isEmpty() && outputFiles == 0 && problems.isEmpty()) {
                return Optional.empty();
            }
            String names = removed.stream().limit(NAMES_SHOWN).map(Path::toString).collect(Collectors.joining(", "))
                    + (removed.size() > NAMES_SHOWN ? ", …" : "");
            List<String> done = new ArrayList<>();
            if (serversStopped > 0) {
                done.add("stopped " + serversStopped + " server(s)");
            }
            if (!removed.isEmpty()) {
                done.add("removed " + removed.size() + " folder(s) (" + names + ")");
            }
            if (outputFiles > 0) {
                done.add("removed " + outputFiles + " program output file(s)");
            }
            return Optional.of("embedded PostgreSQL: " + (done.isEmpty() ? "found" : String.join(", ", done))
                    + " left by runs that died, in " + millis + " ms"
                    + (problems.isEmpty() ? "" : "; left for a later run: " + String.join("; ", problems)));
        }
    }

    /** Stops and removes everything in {@code parents} whose owner is gone, within {@link #BUDGET}. */
    static Cleanup reap(PostgresBinaries bin, ServerAccount account, List<Path> parents) {
        long started = System.nanoTime();
        long deadline = started + BUDGET.toNanos();
        List<Path> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] stopped = {0};
        int[] outputs = {0};
        for (Path parent : new LinkedHashSet<>(parents)) {
            try {
                outputs[0] += ProcessRun.removeOutputsOfDeadRuns(parent);
            } catch (IOException e) {
                problems.add("cannot list " + parent + ": " + e.getMessage());
            }
            List<Path> abandoned;
            try {
                abandoned = OwnedFolders.abandoned(parent, PREFIX);
            } catch (IOException e) {
                problems.add("cannot list " + parent + ": " + e.getMessage());
                continue;
            }
            for (Path folder : abandoned) {
                if (System.nanoTime() > deadline) {
                    problems.add("time limit of " + BUDGET.toSeconds() + " s reached");
                    return new Cleanup(removed, stopped[0], outputs[0], problems, millisSince(started));
                }
                try {
                    Optional<Integer> servers = reapOne(bin, account, folder);
                    if (servers.isPresent()) {
                        removed.add(folder);
                        stopped[0] += servers.get();
                    }
                } catch (IOException | RuntimeException e) {
                    problems.add(folder + ": " + e.getMessage());
                }
            }
        }
        return new Cleanup(removed, stopped[0], outputs[0], problems, millisSince(started));
    }

    /** Reaps {@code folders}, whose owners are gone; fails on the first that cannot be removed. */
    static void reapAll(PostgresBinaries bin, ServerAccount account, List<Path> folders) throws IOException {
        for (Path folder : folders) {
            reapOne(bin, account, folder);
        }
    }

    /** Removes an {@link UnfinishedCluster}, after ending the orphaned {@code initdb} that may still write in it. */
    static void removeUnfinishedCluster(PostgresBinaries bin, ServerAccount account, Path data) throws IOException {
        endOrphanedPrograms(data);
        OwnedFolders.delete(data);
    }

    /**
     * Reaps one folder whose owner is gone: the number of servers stopped once it is removed, or empty when it was
     * kept (another process reaps it, or a live process still uses what it holds).
     */
    private static Optional<Integer> reapOne(PostgresBinaries bin, ServerAccount account, Path folder) throws IOException {
        Path record = OwnedFolders.recordOf(folder);
        try (FileChannel channel = FileChannel.open(record, StandardOpenOption.WRITE);
             FileLock reaping = channel.tryLock()) {
            if (reaping == null || !Files.exists(record)) {
                return Optional.empty();
            }
            if (handedToLiveServer(folder)) {
                return Optional.empty();
            }
            int stopped = 0;
            for (Path data : dataFoldersIn(folder)) {
                Optional<Boolean> result = stopUnused(bin, account, data);
                if (result.isEmpty()) {
                    return Optional.empty();
                }
                stopped += result.get() ? 1 : 0;
            }
            endOrphanedPrograms(folder);
            OwnedFolders.delete(folder);
            return Optional.of(stopped);
        } catch (NoSuchFileException | OverlappingFileLockException raced) {
            return Optional.empty();
        }
    }

    /**
     * A socket folder whose server still runs (its JVM was killed after starting it, before handing the folder over)
     * belongs to that server: hands it over and keeps it.
     */
    private static boolean handedToLiveServer(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(folder, ".s.PGSQL.*.lock")) {
            for (Path lock : locks) {
                List<String> lines = Files.readAllLines(lock);
                if (!lines.isEmpty() && EmbeddedPostgres.isPostgresProcess(lines.getFirst().trim())) {
                    Optional<ProcessOwner> server = ProcessOwner.of(Long.parseLong(lines.getFirst().trim()));
                    if (server.isPresent()) {
                        OwnedFolders.transfer(folder, server.get());
                        return true;
                    }
                }
            }
        } catch (NumberFormatException unreadable) {
            return false;
        }
        return false;
    }

    private static List<Path> dataFoldersIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(folder, 3, (path, attributes) -> path.getFileName().toString().equals("postmaster.pid"))) {
            return found.map(Path::getParent).toList();
        }
    }

    /**
     * Stops the server on {@code data} unless a live process uses its cluster: whether a server was stopped, or empty
     * when it is in use.
     */
    private static Optional<Boolean> stopUnused(PostgresBinaries bin, ServerAccount account, Path data) throws IOException {
        if (!Files.exists(ClusterUsers.lockFileOf(data))) {
            return Optional.of(stop(bin, account, data));
        }
        boolean[] stopped = {false};
        boolean unused = ClusterUsers.whenUnused(data, () -> {
            stopped[0] = stop(bin, account, data);
            return null;
        });
        return unused ? Optional.of(stopped[0]) : Optional.empty();
    }

    private static boolean stop(PostgresBinaries bin, ServerAccount account, Path data) throws IOException {
        long pid = EmbeddedPostgres.postmasterPid(data);
        if (pid <= 0 || !EmbeddedPostgres.isPostgresProcess(Long.toString(pid))) {
            return false;
        }
        Optional<Path> sockets = EmbeddedPostgres.socketDirectoryOf(data);
        try {
            EmbeddedPostgres.run(account.command(bin.pgCtl(), List.of("stop", "-s", "-w", "-t", "10", "-m", "immediate",
                    "-D", data.toString())), data.getParent(), "pg_ctl stop");
        } catch (IOException failed) {
            ProcessHandle.of(pid).ifPresent(server -> {
                server.destroyForcibly();
                server.onExit().completeOnTimeout(server, 10, TimeUnit.SECONDS).join();
            });
        }
        if (sockets.isPresent()) {
            OwnedFolders.delete(sockets.get());
        }
        return true;
    }

    /**
     * Ends the programs a dead run left working in {@code folder}: {@code initdb} and the single-user servers it runs,
     * which go on as orphans when their JVM is killed. Servers are stopped by {@link #stop}, never here.
     */
    private static void endOrphanedPrograms(Path folder) {
        String path = folder.toAbsolutePath() + "/";
        List<ProcessHandle> orphans;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            orphans = all.filter(process -> process.info().arguments().map(args -> {
                String line = process.info().command().orElse("") + " " + String.join(" ", args);
                return line.contains(path) && (line.contains("initdb") || line.contains("--boot") || line.contains("--single"));
            }).orElse(false)).toList();
        }
        for (ProcessHandle orphan : orphans) {
            orphan.destroyForcibly();
        }
        for (ProcessHandle orphan : orphans) {
            orphan.onExit().completeOnTimeout(orphan, 10, TimeUnit.SECONDS).join();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
