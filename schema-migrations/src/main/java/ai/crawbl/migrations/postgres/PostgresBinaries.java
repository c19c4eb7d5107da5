package ai.crawbl.migrations.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PostgreSQL server programs ({@code initdb}, {@code pg_ctl}) an embedded cluster runs. Found through
 * {@code CRAWBL_PG_BIN}, the system property {@code crawbl.pg.bin}, or the newest Debian-style install.
 */
public record PostgresBinaries(Path binDir, int majorVersion) {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    public Path initdb() {
        return binDir.resolve("initdb");
    }

    public Path pgCtl() {
        return binDir.resolve("pg_ctl");
    }

    /** Finds the binaries or explains, in one sentence, what is missing and how to install it. */
    public static PostgresBinaries locate() {
        String configured = Optional.ofNullable(System.getProperty("crawbl.pg.bin")).orElse(System.getenv("CRAWBL_PG_BIN"));
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isExecutable(dir.resolve("initdb")) || !Files.isExecutable(dir.resolve("pg_ctl"))) {
                throw new EmbeddedPostgresException("CRAWBL_PG_BIN=" + dir
                        + " holds no initdb/pg_ctl; point it at PostgreSQL's server bin directory or run scripts/setup");
            }
            return new PostgresBinaries(dir, majorOf(dir));
        }
        try (Stream<Path> versions = Files.isDirectory(DEBIAN_ROOT) ? Files.list(DEBIAN_ROOT) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .map(bin -> new PostgresBinaries(bin, majorOf(bin)))
                    .max(Comparator.comparingInt(PostgresBinaries::majorVersion))
                    .orElseThrow(() -> new EmbeddedPostgresException(
                            "PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/setup, or: apt-get install postgresql"));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot list " + DEBIAN_ROOT + ": " + e.getMessage(), e);
        }
    }

    private static int majorOf(Path binDir) {
        Path parent = binDir.toAbsolutePath().getParent();
        try {
            return Integer.parseInt(parent.getFileName().toString());
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }
}
