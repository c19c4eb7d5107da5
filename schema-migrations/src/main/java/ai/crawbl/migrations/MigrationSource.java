package ai.crawbl.migrations;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where migrations come from: a folder on disk or a folder on the classpath, named by a {@link NamingScheme}.
 * {@link #load()} returns them in version order or fails, naming the file, on a bad name, a duplicate version, a
 * gap in the sequence or (unless ignored) a down migration.
 */
public record MigrationSource(String location, NamingScheme scheme, boolean ignoreDown, Loader loader) {

    /** Lists a location's files as (name, bytes) pairs. */
    @FunctionalInterface
    public interface Loader {
        Map<String, byte[]> files() throws IOException;
    }

    /** Migrations in a folder on disk. */
    public static MigrationSource directory(Path dir, NamingScheme scheme) {
        return new MigrationSource(dir.toString(), scheme, false, () -> readFolder(dir));
    }

    /** Migrations in a classpath folder such as {@code migrations/orchestrator}, in a jar or a directory. */
    public static MigrationSource classpath(String folder, NamingScheme scheme) {
        return new MigrationSource("classpath:" + folder, scheme, false, () -> readClasspath(folder));
    }

    /** The same source, treating down migrations as warnings instead of errors (to import golang-migrate folders). */
    public MigrationSource ignoringDown() {
        return new MigrationSource(location, scheme, true, loader);
    }

    /** The migrations, in version order, with any warnings reported to {@code warnings}. */
    public List<Migration> load(Consumer<String> warnings) {
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
            if (!scheme.isCandidate(name)) {
                continue;
            }
            NamingScheme.Name parsed = scheme.parse(name).orElseThrow(() -> new MigrationSourceException(
                    location + "/" + name + ": not a migration name; expected " + scheme.form()));
            Migration previous = byVersion.put(parsed.version(),
                    Migration.of(parsed.version(), parsed.description(), name, file.getValue()));
            if (previous != null) {
                throw new MigrationSourceException(location + "/" + name + ": version " + parsed.version()
                        + " is also used by " + previous.script() + "; give one of them the next free number");
            }
        }
        if (!downs.isEmpty()) {
            if (!ignoreDown) {
                throw new MigrationSourceException(location + "/" + downs.getFirst()
                        + ": down migrations are not supported (migrations are up-only); delete the .down.sql files,"
                        + " or pass --ignore-down to import a golang-migrate folder");
            }
            warnings.accept("ignoring " + downs.size() + " down migration(s) in " + location + " (up-only)");
        }
        int expected = 1;
        for (Migration migration : byVersion.values()) {
            if (migration.version() != expected) {
                throw new MigrationSourceException(location + "/" + migration.script() + ": version "
                        + migration.version() + " follows " + (expected - 1) + "; versions must be contiguous from 1"
                        + " (rename it to " + scheme.format(expected, migration.description()) + ")");
            }
            expected++;
        }
        return List.copyOf(byVersion.values());
    }

    /** The migrations, in version order; warnings go to standard error. */
    public List<Migration> load() {
        return load(System.err::println);
    }

    private static Map<String, byte[]> readFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no such folder");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                files.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        return files;
    }

    private static Map<String, byte[]> readClasspath(String folder) throws IOException {
        URL url = MigrationSource.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IOException("no such folder on the classpath");
        }
        try {
            if (url.getProtocol().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                    return readFolder(jar.getPath(folder));
                }
            }
            return readFolder(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
