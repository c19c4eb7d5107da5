package ai.crawbl.seed;

import ai.crawbl.schema.orchestrator.Orchestrator;
import org.jooq.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The catalogs of a seed folder (and of an environment's overlay), read and checked together: a problem in any file
 * is reported with those of the others, and nothing is loaded unless every file is valid. Catalogs are declared from
 * the generated jOOQ tables; a file for a table the generated classes do not know is declared when the loader sees
 * the database ({@link #resolve}), so a team's own catalog table loads without a rebuild.
 *
 * @param catalogs   the declared catalogs, in load order (every catalog after those it refers to)
 * @param files      each catalog's files, base layer first
 * @param unresolved the files whose table only the database can tell; empty once resolved
 * @param layers     what was read, kept to declare the unresolved files later
 */
public record Seeds(List<Catalog> catalogs, Map<String, List<SeedFile>> files, List<String> unresolved, List<Layer> layers) {

    /** Seed files over this size are refused unless the caller raises the limit: catalogs are tens of entries. */
    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** The layer name of the base folder's files. */
    public static final String BASE = "base";

    public Seeds {
        catalogs = List.copyOf(catalogs);
        files = Map.copyOf(files);
        unresolved = List.copyOf(unresolved);
        layers = List.copyOf(layers);
    }

    /** One folder's files as read: its layer name, manifest and file contents. */
    record Layer(String name, SeedSource source, Manifest manifest, Map<String, byte[]> bytes) {
    }

    /** Reads and checks the files of {@code source}, each at most {@link #DEFAULT_MAX_FILE_BYTES}. */
    public static Seeds read(SeedSource source) {
        return read(source, DEFAULT_MAX_FILE_BYTES);
    }

    /** Reads and checks the files of {@code source}; fails with every problem found in any of them. */
    public static Seeds read(SeedSource source, long maxFileBytes) {
        return read(source, maxFileBytes, null);
    }

    /**
     * Reads and checks the files of {@code source} and, when {@code environment} is not null, those of its overlay
     * folder {@code source/environment}, whose entries replace the base entries of the same key and add new ones.
     */
    public static Seeds read(SeedSource source, long maxFileBytes, String environment) {
        List<SeedProblem> problems = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        layers.add(layer(BASE, source, maxFileBytes, problems));
        if (environment != null) {
            SeedSource overlay = source.overlay(environment);
            if (!overlay.exists()) {
                problems.add(new SeedProblem(overlay.describe(""), null, 0, 0, "no overlay folder for environment \""
                        + environment + "\"; create it beside the base files, or drop --environment"));
            } else {
                layers.add(layer(environment, overlay, maxFileBytes, problems));
            }
        }
        return declare(layers, Seeds::generated, false, problems);
    }

    /** The table of the generated classes named {@code name}, or null. */
    private static Table<?> generated(String name) {
        return Orchestrator.ORCHESTRATOR.getTable(name);
    }

    /**
     * These seeds with every file declared: the tables the generated classes lack are taken from {@code live} (the
     * database's own metadata). A file whose table exists nowhere is then a problem.
     */
    public Seeds resolve(Function<String, Table<?>> live) {
        if (unresolved.isEmpty()) {
            return this;
        }
        return declare(layers, name -> {
            Table<?> table = generated(name);
            return table != null ? table : live.apply(name);
        }, true, new ArrayList<>());
    }

    private static Layer layer(String name, SeedSource source, long maxFileBytes, List<SeedProblem> problems) {
        Manifest manifest = Manifest.NONE;
        switch (source.read(Manifest.FILE_NAME, maxFileBytes)) {
            case SeedSource.Bytes bytes -> manifest = Manifest.read(source.describe(Manifest.FILE_NAME), bytes.bytes(), problems);
            case SeedSource.Unreadable unreadable -> problems.add(unreadable.problem());
            case SeedSource.Missing missing -> {
                if (!source.exists()) {
                    problems.add(new SeedProblem(source.describe(""), null, 0, 0, source instanceof SeedSource.Packaged
                            ? "the loader's jar holds no seed files; rebuild it, or pass --seed-dir"
                            : "no such seed folder (check --seed-dir)"));
                    return new Layer(name, source, manifest, Map.of());
                }
            }
        }
        List<String> names;
        try {
            names = source.files(manifest);
        } catch (IOException e) {
            problems.add(new SeedProblem(source.describe(""), null, 0, 0, "cannot list the seed folder: " + e.getMessage()));
            return new Layer(name, source, manifest, Map.of());
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (String file : names) {
            switch (source.read(file, maxFileBytes)) {
                case SeedSource.Bytes read -> bytes.put(file, read.bytes());
                case SeedSource.Unreadable unreadable -> problems.add(unreadable.problem());
                case SeedSource.Missing missing -> problems.add(new SeedProblem(source.describe(file), null, 0, 0,
                        "no such file, though " + Manifest.FILE_NAME + " names it; add the file or remove its manifest entry"));
            }
        }
        return new Layer(name, source, manifest, bytes);
    }

    private static Seeds declare(List<Layer> layers, Function<String, Table<?>> tables, boolean live, List<SeedProblem> problems) {
        Map<String, Manifest.Entry> entries = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, Layer> firstLayer = new LinkedHashMap<>();
        for (Layer layer : layers) {
            // An overlay's manifest lists its files; the base manifest's declarations stand.
            layer.manifest().files().forEach(entries::putIfAbsent);
            names.addAll(layer.bytes().keySet());
            layer.bytes().keySet().forEach(file -> firstLayer.putIfAbsent(file, layer));
        }
        Layer base = layers.getFirst();
        Manifest manifest = new Manifest(entries, base.manifest().located());
        BiFunction<String, String, SeedProblem> atFile = (file, message) ->
                new SeedProblem(firstLayer.getOrDefault(file, base).source().describe(file), null, 0, 0, message);
        CatalogDeclaration.Declared declared = CatalogDeclaration.declare(List.copyOf(names), manifest, tables, atFile, problems);
        if (live) {
            for (String file : declared.unknownTables()) {
                Manifest.Entry entry = manifest.entry(file);
                String table = entry != null && entry.table() != null ? entry.table() : file.substring(0, file.length() - 5);
                problems.add(entry != null && entry.table() != null && manifest.located() != null
                        ? manifest.problem(entry, "table", "there is no table orchestrator." + table)
                        : atFile.apply(file, "there is no table orchestrator." + table + " for this file; name its table in "
                        + Manifest.FILE_NAME + ", or migrate the database first"));
            }
        }
        SeedFileReader reader = new SeedFileReader();
        Map<String, List<SeedFile>> files = new LinkedHashMap<>();
        for (Catalog catalog : declared.catalogs()) {
            List<SeedFile> read = new ArrayList<>();
            for (Layer layer : layers) {
                byte[] bytes = layer.bytes().get(catalog.file());
                if (bytes == null) {
                    continue;
                }
                switch (reader.read(catalog, layer.source().describe(catalog.file()), layer.name(), bytes)) {
                    case SeedFileReader.Valid valid -> read.add(valid.file());
                    case SeedFileReader.Invalid invalid -> problems.addAll(invalid.problems());
                }
            }
            files.put(catalog.name(), read);
        }
        throwIfAny(problems);
        return new Seeds(declared.catalogs(), files, live ? List.of() : declared.unknownTables(), layers);
    }

    private static void throwIfAny(List<SeedProblem> problems) {
        if (!problems.isEmpty()) {
            throw new SeedFileException(problems);
        }
    }

    /** The catalog named {@code name}. */
    public Catalog catalog(String name) {
        return catalogs.stream().filter(catalog -> catalog.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no catalog " + name + " in these seeds"));
    }

    /** The base file of catalog {@code name} (its overlay, if any, is in {@link #files()}). */
    public SeedFile file(String name) {
        return files.get(name).getFirst();
    }

    /**
     * The rows catalog {@code catalog} should hold, in file order: the base entries with an overlay's entries of the
     * same key in their place, then the overlay's new entries.
     */
    List<Row> rows(Catalog catalog) {
        List<SeedFile> layered = files.getOrDefault(catalog.name(), List.of());
        if (layered.size() == 1) {
            SeedFile file = layered.getFirst();
            return file.entries().stream().map(entry -> new Row(file, entry)).toList();
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (SeedFile file : layered) {
            for (SeedFile.Entry entry : file.entries()) {
                rows.put(entry.key(), new Row(file, entry));
            }
        }
        return List.copyOf(rows.values());
    }

    /** An entry and the file (so the layer) it came from. */
    record Row(SeedFile file, SeedFile.Entry entry) {
    }
}
