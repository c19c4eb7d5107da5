package ai.crawbl.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A seed folder for a test: the packaged catalogs copied into a temporary folder, then edited as the test needs. */
public record SeedFolder(Path path) {

    /** Copies the packaged tools.json, models.json and usage_plans.json into {@code folder}. */
    public static SeedFolder copyOfPackaged(Path folder) {
        for (Catalog catalog : Catalog.values()) {
            try (InputStream in = SeedFolder.class.getClassLoader().getResourceAsStream(CatalogSchema.PACKAGED + catalog.fileName())) {
                Files.write(folder.resolve(catalog.fileName()), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SeedFolder(folder);
    }

    public String read(Catalog catalog) {
        try {
            return Files.readString(file(catalog));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SeedFolder write(Catalog catalog, String json) {
        try {
            Files.writeString(file(catalog), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces the first occurrence of {@code text} in the catalog's file, which must contain it. */
    public SeedFolder replace(Catalog catalog, String text, String replacement) {
        String json = read(catalog);
        if (!json.contains(text)) {
            throw new IllegalArgumentException(catalog.fileName() + " has no " + text);
        }
        return write(catalog, json.replaceFirst(java.util.regex.Pattern.quote(text), java.util.regex.Matcher.quoteReplacement(replacement)));
    }

    public Path file(Catalog catalog) {
        return path.resolve(catalog.fileName());
    }

    public SeedSource source() {
        return SeedSource.directory(path);
    }
}
