package ai.crawbl.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A seed folder for a test: the packaged catalogs (manifest, seed files, the dev overlay) copied into a temporary
 * folder, then edited as the test needs. Catalogs are named by table; their file is {@code <table>.json}.
 */
public record SeedFolder(Path path) {

    /** The packaged files, as the manifests name them. */
    static List<String> packagedFiles() {
        List<String> files = new ArrayList<>(List.of("manifest.json", "dev/manifest.json", "dev/usage_plans.json"));
        Seeds.read(SeedSource.packaged()).catalogs().forEach(catalog -> {
            files.add(catalog.file());
            files.add(CatalogSchema.fileName(catalog.file()));
        });
        return files;
    }

    /** Copies the packaged seed folder into {@code folder}. */
    public static SeedFolder copyOfPackaged(Path folder) {
        for (String name : packagedFiles()) {
            try (InputStream in = SeedFolder.class.getClassLoader().getResourceAsStream(CatalogSchema.PACKAGED + name)) {
                if (in == null) {
                    continue;
                }
                Files.createDirectories(folder.resolve(name).getParent());
                Files.write(folder.resolve(name), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SeedFolder(folder);
    }

    public String read(String catalog) {
        try {
            return Files.readString(file(catalog));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SeedFolder write(String catalog, String json) {
        try {
            Files.createDirectories(file(catalog).getParent());
            Files.writeString(file(catalog), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces the first occurrence of {@code text} in the catalog's file, which must contain it. */
    public SeedFolder replace(String catalog, String text, String replacement) {
        String json = read(catalog);
        if (!json.contains(text)) {
            throw new IllegalArgumentException(catalog + ".json has no " + text);
        }
        return write(catalog, json.replaceFirst(java.util.regex.Pattern.quote(text), java.util.regex.Matcher.quoteReplacement(replacement)));
    }

    /** The file of catalog {@code catalog} ({@code <catalog>.json}; a path such as {@code dev/usage_plans} for an overlay). */
    public Path file(String catalog) {
        return path.resolve(catalog + ".json");
    }

    public SeedSource source() {
        return SeedSource.directory(path);
    }
}
