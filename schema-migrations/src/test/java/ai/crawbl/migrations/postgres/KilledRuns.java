package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.process.OwnedFolders;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the kill -9 trials share: folders the server's user can enter, reading a child's lines, what a dead run left. */
final class KilledRuns implements AutoCloseable {

    private final List<Path> folders = new ArrayList<>();

    /** A new folder the server's system user can enter (JUnit's @TempDir is mode 700, closed to it as root). */
    Path folder() throws IOException {
        Path folder = Files.createTempDirectory("crawbl-kill-test-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        folders.add(folder);
        return folder;
    }

    /** Reads the child's output until a line starting with {@code prefix}; fails with its log when it ends first. */
    static String awaitLine(Process child, BufferedReader out, String prefix, Path log) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the child ended without printing '" + prefix + "':\n" + Files.readString(log));
    }

    static BufferedReader stdout(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** kill -9, and wait until the process is gone. */
    static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        child.waitFor(60, TimeUnit.SECONDS);
    }

    /** The folders, beside their owner records in the places the toolkit uses, that name {@code pid} as their owner. */
    static List<Path> ownedBy(long pid, Path... extraPlaces) throws IOException {
        List<Path> places = new ArrayList<>(List.of(EmbeddedPostgres.throwawayParent(), EmbeddedPostgres.temporaryFolder()));
        places.addAll(List.of(extraPlaces));
        List<Path> owned = new ArrayList<>();
        for (Path place : places) {
            try (DirectoryStream<Path> records = Files.newDirectoryStream(place, "*" + OwnedFolders.RECORD_SUFFIX)) {
                for (Path record : records) {
                    String text;
                    try {
                        text = Files.readString(record);
                    } catch (IOException gone) {
                        continue;
                    }
                    if (text.startsWith(pid + " ")) {
                        owned.add(record);
                    }
                }
            }
        }
        return owned;
    }

    /** The folders a first creation builds a cluster in, left beside {@code data}. */
    static List<Path> creationFoldersBeside(Path data) throws IOException {
        try (Stream<Path> siblings = Files.list(data.getParent())) {
            return siblings.filter(path -> path.getFileName().toString().startsWith(EmbeddedPostgres.creationPrefix(data))).toList();
        }
    }

    /** True while a process runs as {@code pid} (a zombie no longer does). */
    static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    /** No server runs on {@code dataDir}: no postmaster.pid, and no process names the folder. */
    static boolean serverRunsOn(Path dataDir) {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            return true;
        }
        try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
            return processes.anyMatch(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir.toString())).orElse(false));
        }
    }

    static int selectOne(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.endpoint().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Stops any server a failed test left in the folders, then deletes them. */
    @Override
    public void close() throws IOException {
        for (Path folder : folders) {
            List<Path> pidFiles;
            try (Stream<Path> paths = Files.walk(folder)) {
                pidFiles = paths.filter(path -> path.getFileName().toString().equals("postmaster.pid")).toList();
            }
            for (Path pidFile : pidFiles) {
                ProcessHandle.of(EmbeddedPostgres.postmasterPid(pidFile.getParent())).ifPresent(server -> {
                    server.destroy();
                    server.onExit().completeOnTimeout(server, 60, TimeUnit.SECONDS).join();
                });
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
