package ai.crawbl.seed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the seed files come from: a folder on disk holding {@code tools.json}, {@code models.json} and
 * {@code usage_plans.json}, or the copies packaged in the loader's jar.
 */
public sealed interface SeedSource {

    /** The files in {@code folder}. */
    static SeedSource directory(Path folder) {
        return new Directory(folder);
    }

    /** The project's catalogs as they were when the loader was built. */
    static SeedSource packaged() {
        return new Packaged();
    }

    /** How a catalog's file is named in messages. */
    String describe(Catalog catalog);

    /**
     * The file's bytes, or a problem naming the file when it is missing, unreadable or larger than
     * {@code maxBytes} (checked before it is read).
     */
    Read read(Catalog catalog, long maxBytes);

    /** What reading a file gave: its bytes, or why there are none. */
    sealed interface Read {
    }

    record Bytes(byte[] bytes) implements Read {
    }

    record Unreadable(SeedProblem problem) implements Read {
    }

    /** Seed files in a folder on disk. */
    record Directory(Path folder) implements SeedSource {

        @Override
        public String describe(Catalog catalog) {
            return folder.resolve(catalog.fileName()).toString();
        }

        @Override
        public Read read(Catalog catalog, long maxBytes) {
            Path file = folder.resolve(catalog.fileName());
            String name = describe(catalog);
            try {
                long size = Files.size(file);
                if (size > maxBytes) {
                    return tooLarge(name, size, maxBytes);
                }
                return new Bytes(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                return new Unreadable(new SeedProblem(name, null, 0, 0, "no such file; the seed folder must hold "
                        + "tools.json, models.json and usage_plans.json (check --seed-dir)"));
            } catch (IOException e) {
                return new Unreadable(new SeedProblem(name, null, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
    }

    /** The copies packaged in the jar. */
    record Packaged() implements SeedSource {

        @Override
        public String describe(Catalog catalog) {
            return "packaged " + catalog.fileName();
        }

        @Override
        public Read read(Catalog catalog, long maxBytes) {
            String resource = CatalogSchema.PACKAGED + catalog.fileName();
            try (InputStream in = SeedSource.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return new Unreadable(new SeedProblem(describe(catalog), null, 0, 0,
                            "the loader's jar lacks " + resource + "; rebuild it, or pass --seed-dir"));
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                return bytes.length > maxBytes ? tooLarge(describe(catalog), bytes.length, maxBytes) : new Bytes(bytes);
            } catch (IOException e) {
                return new Unreadable(new SeedProblem(describe(catalog), null, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
    }

    private static Read tooLarge(String name, long size, long maxBytes) {
        return new Unreadable(new SeedProblem(name, null, 0, 0, "the file has " + size + " bytes, more than the limit of "
                + maxBytes + " bytes for a seed file; a catalog of this size is likely a mistake (raise the limit with "
                + "--max-file-size if it is not)"));
    }
}
