package ai.crawbl.migrations.source;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.plan.AppliedMigration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Where migrations come from: a folder on disk or a folder on the classpath, named by a {@link NamingScheme}.
 * {@link #load()} returns them in version order or fails, naming the file, on a bad name, a duplicate version, a
 * gap in the sequence, (unless ignored) a down migration, or an entry named like a migration that it cannot read
 * exactly: not UTF-8, a NUL byte, a suffix in the wrong case, whitespace around the name, a folder, a broken link.
 */
public record MigrationSource(String location, NamingScheme scheme, boolean ignoreDown, Loader loader) {

    /** Lists a location's files as (name, bytes) pairs. */
    @FunctionalInterface
    public interface Loader {
        Map<String, byte[]> files() throws IOException;
    }

    /** Migrations in a folder on disk. */
    public static MigrationSource directory(Path dir, NamingScheme scheme) {
        return new MigrationSource(dir.toString(), scheme, false, () -> readFolder(dir, dir.toString(), scheme));
    }

    /** Migrations in a classpath folder such as {@code migrations/orchestrator}, in a jar or a directory. */
    public static MigrationSource classpath(String folder, NamingScheme scheme) {
        return new MigrationSource("classpath:" + folder, scheme, false, () -> readClasspath(folder, scheme));
    }

    /**
     * The project's own migrations packaged in the schema-migrations jar: {@code migrations/orchestrator} for
     * {@link NamingScheme#POSTGRES} (schema {@code orchestrator}), {@code migrations/clickhouse} for
     * {@link NamingScheme#CLICKHOUSE}.
     */
    public static MigrationSource packaged(NamingScheme scheme) {
        return classpath(scheme == NamingScheme.POSTGRES ? "migrations/orchestrator" : "migrations/clickhouse", scheme);
    }

    /**
     * A jar is read as a zip file system, of which the JDK keeps one per jar and JVM: a second open fails while the
     * first is open, and closing it closes it for every reader. So reads from jars take turns (they take milliseconds).
     */
    private static final Object JAR_READS = new Object();

    /** The same source, treating down migrations as warnings instead of errors (to import golang-migrate folders). */
    public MigrationSource ignoringDown() {
        return new MigrationSource(location, scheme, true, loader);
    }

    /**
     * The migrations, in version order, with any warnings reported to {@code warnings}.
     *
     * @throws MigrationSourceException naming the file: a bad name, a duplicate version, a gap in the sequence, a down
     *                                  migration (unless ignored), or a file that cannot be read exactly as written
     */
    public List<Migration> load(Consumer<String> warnings) {
        List<Migration> migrations = loadAllowingGaps(warnings);
        requireContiguous(migrations, List.of());
        return migrations;
    }

    /**
     * {@link #load(Consumer)} without the check for gaps, which {@link #requireContiguous} makes against a history:
     * for an engine that reads the history before it judges the sequence.
     *
     * @throws MigrationSourceException as {@link #load(Consumer)} does, except for a gap in the sequence
     */
    public List<Migration> loadAllowingGaps(Consumer<String> warnings) {
        Map<String, byte[]> files;
        try {
            files = loader.files();
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationSourceException(location + ": cannot read migrations: " + e.getMessage());
        }
        TreeMap<Integer, Migration> byVersion = new TreeMap<>();
        List<String> downs = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
            String name = file.getKey();
            if (scheme.isDown(name)) {
                downs.add(name);
                continue;
            }
            if (!scheme.looksLikeMigration(name)) {
                continue;
            }
            NamingScheme.Name parsed = scheme.parse(name).orElseThrow(() -> new MigrationSourceException(
                    location + "/" + name + ": not a migration name; " + scheme.whyNot(name)));
            if (parsed.version() == 0) {
                throw new MigrationSourceException(location + "/" + name + ": versions start at " + scheme.version(1)
                        + ": renumber the files from " + scheme.version(1) + " on");
            }
            Migration migration;
            try {
                migration = Migration.of(parsed.version(), parsed.description(), name, file.getValue());
            } catch (MigrationSourceException e) {
                throw new MigrationSourceException(location + "/" + e.getMessage());
            }
            Migration previous = byVersion.put(parsed.version(), migration);
            if (previous != null) {
                throw new MigrationSourceException(location + "/" + name + ": version " + parsed.version()
                        + " is also used by " + previous.script() + "; give one of them the next free number");
            }
        }
        if (!downs.isEmpty()) {
            if (!ignoreDown) {
                throw new MigrationSourceException(location + "/" + downs.getFirst()
                        + ": down migrations are not supported (migrations are up-only); delete the .down.sql files,"
                        + " or accept down migrations as warnings to import a golang-migrate folder",
                        List.of(MigrationException.Setting.IGNORE_DOWN));
            }
            warnings.accept("ignoring " + downs.size() + " down migration(s) in " + location + " (up-only)");
        }
        return List.copyOf(byVersion.values());
    }

    /**
     * Fails on a version missing from the sequence from 1, unless {@code history} accounts for it: a version the
     * history records (its missing file is then the history's problem to report) or one below a baseline, or a gap
     * before a version already applied (one that {@code repair} accepted). A gap before a pending file is told to be
     * closed by renaming that file.
     *
     * @param migrations this source's migrations, in version order, as {@link #loadAllowingGaps} returned them
     * @param history    the target's history, empty for none
     * @throws MigrationSourceException naming the first file after a gap that the history does not account for
     */
    public void requireContiguous(List<Migration> migrations, List<AppliedMigration> history) {
        Set<Integer> recorded = new HashSet<>();
        int baseline = 0;
        for (AppliedMigration row : history) {
            recorded.add(row.version());
            if (row.kind() == AppliedMigration.Kind.BASELINE) {
                baseline = Math.max(baseline, row.version());
            }
        }
        int expected = 1;
        for (Migration migration : migrations) {
            int missingFrom = expected;
            int limit = baseline;
            boolean accounted = recorded.contains(migration.version())
                    || IntStream.range(missingFrom, migration.version()).allMatch(v -> recorded.contains(v) || v <= limit);
            if (migration.version() != expected && !accounted) {
                throw new MigrationSourceException(location + "/" + migration.script() + ": version "
                        + migration.version() + " follows " + (expected - 1) + "; versions must be contiguous from 1"
                        + " (rename it to " + scheme.format(expected, migration.description()) + ")");
            }
            expected = migration.version() + 1;
        }
    }

    /**
     * The migrations, in version order; warnings are dropped, since a library prints nothing: pass a listener to
     * {@link #load(Consumer)} to hear them.
     */
    public List<Migration> load() {
        return load(warning -> { });
    }

    /**
     * The folder's files, by name, that {@link NamingScheme#looksLikeMigration look like migrations}; other entries
     * are left alone. Such an entry that is a folder or a broken symbolic link is an error, not a skip.
     */
    private static Map<String, byte[]> readFolder(Path dir, String location, NamingScheme scheme) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no such folder");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                String name = path.getFileName().toString();
                if (!scheme.looksLikeMigration(name)) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    throw new MigrationSourceException(location + "/" + name + ": a folder named like a migration; migrations"
                            + " are files directly in " + location + ": rename or move the folder");
                }
                if (!Files.isRegularFile(path)) {
                    String link = Files.isSymbolicLink(path) ? " a symbolic link to " + Files.readSymbolicLink(path)
                            + ", which does not exist or loops back on itself" : " not a regular file";
                    throw new MigrationSourceException(location + "/" + name + ":" + link + ": point it at the migration"
                            + " file or delete it");
                }
                files.put(name, Files.readAllBytes(path));
            }
        }
        return files;
    }

    private static Map<String, byte[]> readClasspath(String folder, NamingScheme scheme) throws IOException {
        URL url = MigrationSource.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IOException("no such folder on the classpath");
        }
        try {
            if (url.getProtocol().equals("jar")) {
                synchronized (JAR_READS) {
                    try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                        return readFolder(jar.getPath(folder), "classpath:" + folder, scheme);
                    }
                }
            }
            return readFolder(Path.of(url.toURI()), "classpath:" + folder, scheme);
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
