package ai.crawbl.seed.cli;

import ai.crawbl.seed.Catalog;
import ai.crawbl.seed.CatalogSchema;
import ai.crawbl.seed.SeedFileException;
import ai.crawbl.seed.SeedSource;
import ai.crawbl.seed.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code seed-loader schema}: derives each catalog's JSON Schema from its table (as the generated classes, so the
 * current migrations, describe it) and compares it with the {@code <file>.schema.json} beside the seed file; with
 * {@code --write}, writes the derived schemas there. Exit 1 when a committed schema differs and {@code --write} is off.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Derive each catalog's JSON Schema from its table and compare it with the <file>.schema.json beside "
                + "the seed file (exit 1 on a difference); --write writes them."})
final class SchemaCommand implements Callable<Integer> {

    @ParentCommand
    SeedLoaderCli parent;

    @Option(names = "--write", description = "Write the derived schemas beside the seed files.")
    boolean write;

    @Override
    public Integer call() throws IOException {
        if (parent.seedDir == null) {
            parent.err().println("error: schema needs --seed-dir FOLDER (the folder to compare or write)");
            return 2;
        }
        Seeds seeds;
        try {
            seeds = Seeds.read(SeedSource.directory(parent.seedDir), parent.maxFileBytes);
        } catch (SeedFileException e) {
            e.problems().forEach(problem -> parent.err().println("error: " + problem));
            return 1;
        }
        int differing = 0;
        for (Catalog catalog : seeds.catalogs()) {
            Path file = parent.seedDir.resolve(CatalogSchema.fileName(catalog.file()));
            String derived = CatalogSchema.derive(catalog, seeds);
            String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (derived.equals(committed)) {
                parent.out().println("unchanged " + file);
            } else if (write) {
                Files.writeString(file, derived, StandardCharsets.UTF_8);
                parent.out().println("wrote     " + file);
            } else {
                parent.out().println((committed == null ? "missing   " : "differs   ") + file);
                differing++;
            }
        }
        for (String file : seeds.unresolved()) {
            parent.out().println("skipped   " + parent.seedDir.resolve(file) + ": its table is not in the generated classes");
        }
        if (differing > 0) {
            parent.err().println("error: " + differing + " schema(s) differ from what the tables give; run 'seed-loader schema "
                    + "--seed-dir " + parent.seedDir + " --write' and commit them");
            return 1;
        }
        return 0;
    }
}
