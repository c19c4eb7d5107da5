package ai.crawbl.seed;

import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The orchestrator migrations packaged with schema-migrations, as a {@link MigrationSource} that several threads
 * may load at once. {@link MigrationSource#classpath} opens the jar as a zip file system, and a second
 * {@code FileSystems.newFileSystem} on the same jar fails while the first is open; two loaders in one JVM hit that.
 * This source reads the jar's entries through a connection of its own instead.
 */
final class PackagedMigrations {

    static final String FOLDER = "migrations/orchestrator";

    private PackagedMigrations() {
    }

    static MigrationSource source() {
        return new MigrationSource("classpath:" + FOLDER, NamingScheme.POSTGRES, false, PackagedMigrations::files);
    }

    private static Map<String, byte[]> files() throws IOException {
        URL url = PackagedMigrations.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            throw new IOException("no " + FOLDER + " on the classpath (schema-migrations packages it)");
        }
        Map<String, byte[]> files = new TreeMap<>();
        if (url.getProtocol().equals("jar")) {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
                String prefix = FOLDER + "/";
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.put(name.substring(prefix.length()), in.readAllBytes());
                        }
                    }
                }
            }
            return files;
        }
        try (Stream<Path> paths = Files.list(Path.of(url.toURI()))) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return files;
    }
}
