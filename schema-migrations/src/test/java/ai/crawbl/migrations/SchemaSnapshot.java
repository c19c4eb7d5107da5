package ai.crawbl.migrations;

import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code pg_dump --schema-only} of one schema, normalised so that it only changes when the schema does. */
final class SchemaSnapshot {
    private SchemaSnapshot() {
    }

    static String of(EmbeddedPostgres server, PostgresEndpoint database, String dbName, String schema) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(server.binaries().binDir().resolve("pg_dump").toString(), "--schema-only",
                "--no-owner", "--no-privileges", "--schema=" + schema, "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", database.user(), dbName).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PGPASSWORD", database.password());
        Process dump = builder.start();
        dump.getOutputStream().close();
        String text;
        try (var in = dump.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new IOException("pg_dump failed");
        }
        return normalise(text);
    }

    /** Drops comments, session settings and pg_dump's per-run lines; folds blank-line runs. */
    static String normalise(String dump) {
        List<String> kept = new ArrayList<>();
        for (String line : dump.split("\n")) {
            if (line.startsWith("--") || line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config")
                    || line.startsWith("\\restrict") || line.startsWith("\\unrestrict")) {
                continue;
            }
            if (line.isBlank() && (kept.isEmpty() || kept.getLast().isBlank())) {
                continue;
            }
            kept.add(line.stripTrailing());
        }
        return String.join("\n", kept).strip() + "\n";
    }
}
