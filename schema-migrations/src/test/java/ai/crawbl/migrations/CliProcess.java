package ai.crawbl.migrations;

import ai.crawbl.migrations.cli.SchemaMigrationsCli;
import ai.crawbl.migrations.postgres.PostgresEndpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CLI in a JVM of its own, as a replica or a person would run it. */
final class CliProcess {
    private CliProcess() {
    }

    /** Starts {@code schema-migrations --url URL --dir DIR <args>}; the password travels in PGPASSWORD. Output goes to {@code log}. */
    static Process start(PostgresEndpoint endpoint, Path dir, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                SchemaMigrationsCli.class.getName(), "--url", endpoint.jdbcUrl(), "--dir", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PGUSER", endpoint.user());
        builder.environment().put("PGPASSWORD", endpoint.password());
        return builder.start();
    }

    /**
     * Starts {@code schema-migrations --embedded-data DATA --dir DIR <args>} with no database named in the
     * environment, so that it uses the embedded server on {@code data}. Output goes to {@code log}.
     */
    static Process startEmbedded(Path data, Path dir, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                SchemaMigrationsCli.class.getName(), "--embedded-data", data.toString(), "--dir", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.equals("CRAWBL_DATABASE_URL"));
        return builder.start();
    }
}
