package ai.crawbl.migrations.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster for one test class: initdb + pg_ctl from {@code CRAWBL_PG_BIN}, listening only on a unix
 * socket in its own directory under java.io.tmpdir, deleted on close. When the JVM runs as root the server binaries
 * run as the {@code postgres} system user (PostgreSQL refuses root). A private fixture until the team's embedded
 * provider can take its place.
 */
final class ThrowawayCluster implements AutoCloseable {

    private static final String SERVER_USER = "postgres";
    private static final int PORT = 5432; // private socket directory, so no port can clash

    private final Path bin;
    private final Path dir;
    private final boolean asServerUser;

    private ThrowawayCluster(Path bin, Path dir, boolean asServerUser) {
        this.bin = bin;
        this.dir = dir;
        this.asServerUser = asServerUser;
    }

    /** The PostgreSQL binaries directory named by {@code CRAWBL_PG_BIN}, if set. */
    static Optional<Path> binaries() {
        return Optional.ofNullable(System.getenv("CRAWBL_PG_BIN")).filter(s -> !s.isBlank()).map(Path::of);
    }

    static ThrowawayCluster start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("crawbl-pg-");
        ThrowawayCluster cluster = new ThrowawayCluster(bin, dir, root);
        try {
            if (root) {
                UserPrincipal user = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SERVER_USER);
                Files.setOwner(dir, user);
            }
            cluster.server(List.of(bin.resolve("initdb").toString(), "-D", cluster.data().toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
            cluster.server(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.data().toString(), "-w",
                    "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
                    "-F -p " + PORT + " -k '" + dir + "' -c listen_addresses=''", "start"));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Runs psql against {@code database} with the given extra arguments; stdout is discarded. */
    Result psql(String database, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-X", "-q",
                "-h", dir.toString(), "-p", String.valueOf(PORT), "-U", "postgres", "-d", database));
        command.addAll(List.of(args));
        return run(command);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void server(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser) {
            full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        full.addAll(command);
        Result result = run(full);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "): "
                    + result.stderr() + " [" + dir + " must be reachable by the user running the server]");
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), stderr);
    }

    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                server(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w",
                        "stop"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the cluster in " + dir, e);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    record Result(int exitCode, String stderr) {
    }
}
