package ai.crawbl.seed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the seed files come from: a folder on disk, or the copies packaged in the loader's jar. A folder's catalogs
 * are its {@code *.json} files (not {@code manifest.json}, not {@code *.schema.json}); the packaged ones are those
 * the packaged manifest names. An environment's overlay is the sub-folder of that name.
 */
public sealed interface SeedSource {

    /** The files in {@code folder}. */
    static SeedSource directory(Path folder) {
        return new Directory(folder);
    }

    /** The project's catalogs as they were when the loader was built. */
    static SeedSource packaged() {
        return new Packaged(CatalogSchema.PACKAGED);
    }

    /** How a file of this source is named in messages. */
    String describe(String fileName);

    /** The overlay of {@code environment}: the sub-folder of that name. */
    SeedSource overlay(String environment);

    /** Whether the folder exists at all. */
    boolean exists();

    /** The seed files' names, sorted, with those {@code manifest} names. */
    List<String> files(Manifest manifest) throws IOException;

    /**
     * The file's bytes, or a problem naming the file when it is missing, unreadable or larger than
     * {@code maxBytes} (checked before it is read).
     */
    Read read(String fileName, long maxBytes);

    /** What reading a file gave: its bytes, or why there are none. */
    sealed interface Read {
    }

    record Bytes(byte[] bytes) implements Read {
    }

    record Missing() implements Read {
    }

    record Unreadable(SeedProblem problem) implements Read {
    }

    /** Seed files in a folder on disk. */
    record Directory(Path folder) implements SeedSource {

        @Override
        public String describe(String fileName) {
            return folder.resolve(fileName).toString();
        }

        @Override
        public SeedSource overlay(String environment) {
            return new Directory(folder.resolve(environment));
        }

        @Override
        public boolean exists() {
            return Files.isDirectory(folder);
        }

        @Override
        public List<String> files(Manifest manifest) throws IOException {
            try (Stream<Path> paths = Files.list(folder)) {
                return Stream.concat(paths.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                                        .filter(SeedSource::isSeedFile), manifest.files().keySet().stream())
                        .distinct().sorted().toList();
            }
        }

        @Override
        public Read read(String fileName, long maxBytes) {
            Path file = folder.resolve(fileName);
            try {
                long size = Files.size(file);
                if (size > maxBytes) {
                    return tooLarge(describe(fileName), size, maxBytes);
                }
                return new Bytes(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                return new Missing();
            } catch (IOException e) {
                return new Unreadable(new SeedProblem(describe(fileName), null, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
    }

    /** The copies packaged in the jar, under a classpath folder. */
    record Packaged(String folder) implements SeedSource {

        @Override
        public String describe(String fileName) {
            return "packaged " + folder.substring(CatalogSchema.PACKAGED.length()) + fileName;
        }

        @Override
        public SeedSource overlay(String environment) {
            return new Packaged(folder + environment + "/");
        }

        @Override
        public boolean exists() {
            return SeedSource.class.getClassLoader().getResource(folder + Manifest.FILE_NAME) != null;
        }

        @Override
        public List<String> files(Manifest manifest) {
            return manifest.files().keySet().stream().sorted().toList();
        }

        @Override
        public Read read(String fileName, long maxBytes) {
            String resource = folder + fileName;
            try (InputStream in = SeedSource.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return new Missing();
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                return bytes.length > maxBytes ? tooLarge(describe(fileName), bytes.length, maxBytes) : new Bytes(bytes);
            } catch (IOException e) {
                return new Unreadable(new SeedProblem(describe(fileName), null, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
    }

    /** Whether a folder's file is a catalog's seed file. */
    static boolean isSeedFile(String name) {
        return name.endsWith(".json") && !name.endsWith(".schema.json") && !name.equals(Manifest.FILE_NAME);
    }

    private static Read tooLarge(String name, long size, long maxBytes) {
        return new Unreadable(new SeedProblem(name, null, 0, 0, "the file has " + size + " bytes, more than the limit of "
                + maxBytes + " bytes for a seed file; a catalog of this size is likely a mistake (raise the limit with "
                + "--max-file-size if it is not)"));
    }
}
