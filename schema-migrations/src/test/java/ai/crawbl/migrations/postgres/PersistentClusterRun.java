package ai.crawbl.migrations.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of the launcher reduced to its use of the embedded server, in a JVM of its own: starts the persistent
 * cluster in a folder, queries it, prints {@code ready <port> <postmaster pid>}, holds the server, queries it again
 * and closes it. Any failure ends the JVM with exit code 1.
 *
 * <p>Arguments: the data folder, then how long to hold: a number of milliseconds, or a file to wait for.
 */
final class PersistentClusterRun {
    private PersistentClusterRun() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.persistent(data).start()) {
            selectOne(postgres);
            System.out.println("ready " + postgres.port() + " " + postmasterPid(data));
            System.out.flush();
            hold(args[1]);
            selectOne(postgres);
        }
    }

    /** Starts this class in a new JVM with the current JVM's java and class path; stderr goes to {@code log}. */
    static Process start(Path data, String hold, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PersistentClusterRun.class.getName(), data.toString(), hold));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        return process;
    }

    /** The pid of the server running on {@code data}, from its {@code postmaster.pid}. */
    static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
    }

    private static void hold(String how) throws IOException, InterruptedException {
        if (how.matches("\\d+")) {
            Thread.sleep(Long.parseLong(how));
            return;
        }
        Path release = Path.of(how);
        for (int i = 0; i < 6_000 && !Files.exists(release); i++) {
            Thread.sleep(50);
        }
    }

    private static void selectOne(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.endpoint().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new IllegalStateException("SELECT 1 did not answer 1");
            }
        }
    }
}
