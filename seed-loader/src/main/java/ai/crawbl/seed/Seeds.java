package ai.crawbl.seed;

import java.util.ArrayList;
import java.util.List;

/**
 * The three catalogs, read and checked together: a problem in any file is reported with those of the others, and
 * nothing is loaded unless all three are valid.
 */
public record Seeds(SeedFile<Tool> tools, SeedFile<Model> models, SeedFile<UsagePlan> usagePlans) {

    /** Seed files over this size are refused unless the caller raises the limit: catalogs are tens of entries. */
    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** Reads and checks the three files of {@code source}, each at most {@link #DEFAULT_MAX_FILE_BYTES}. */
    public static Seeds read(SeedSource source) {
        return read(source, DEFAULT_MAX_FILE_BYTES);
    }

    /** Reads and checks the three files of {@code source}; fails with every problem found in any of them. */
    public static Seeds read(SeedSource source, long maxFileBytes) {
        SeedFileReader reader = SeedFileReader.create();
        List<SeedProblem> problems = new ArrayList<>();
        SeedFile<Tool> tools = read(reader, source, Catalog.TOOLS, Tool.class, maxFileBytes, problems);
        SeedFile<Model> models = read(reader, source, Catalog.MODELS, Model.class, maxFileBytes, problems);
        SeedFile<UsagePlan> plans = read(reader, source, Catalog.USAGE_PLANS, UsagePlan.class, maxFileBytes, problems);
        if (!problems.isEmpty()) {
            throw new SeedFileException(problems);
        }
        return new Seeds(tools, models, plans);
    }

    private static <E extends CatalogEntry> SeedFile<E> read(SeedFileReader reader, SeedSource source, Catalog catalog,
                                                            Class<E> type, long maxFileBytes, List<SeedProblem> problems) {
        return switch (source.read(catalog, maxFileBytes)) {
            case SeedSource.Unreadable unreadable -> {
                problems.add(unreadable.problem());
                yield null;
            }
            case SeedSource.Bytes bytes -> switch (reader.read(catalog, source.describe(catalog), bytes.bytes(), type)) {
                case SeedFileReader.Valid<E> valid -> valid.file();
                case SeedFileReader.Invalid<E> invalid -> {
                    problems.addAll(invalid.problems());
                    yield null;
                }
            };
        };
    }

    /** The files in catalog order. */
    public List<SeedFile<?>> files() {
        return List.of(tools, models, usagePlans);
    }
}
