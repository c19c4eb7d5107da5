package ai.crawbl.orchestrator;

import ai.crawbl.migrations.lint.Finding;
import ai.crawbl.migrations.lint.LintReport;
import ai.crawbl.migrations.lint.Rule;
import ai.crawbl.migrations.lint.Severity;
import ai.crawbl.seed.SeedFileException;
import ai.crawbl.seed.SeedProblem;
import ai.crawbl.seed.SeedSource;
import ai.crawbl.seed.Seeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed files' part of {@code lint}: the seed loader's own check of every file against its JSON Schema and the
 * loader's rules, with each problem reported as a finding of rule {@code seed-file}, so that the seed files come out
 * in the same report (text, JSON or SARIF) as the migrations.
 */
final class SeedLint {

    static final Rule SEED_FILE = new Rule("seed-file", Severity.ERROR,
            "a seed file that breaks its JSON Schema or the loader's rules stops the catalogs from loading",
            "change the value at the JSON pointer named in the message");

    private SeedLint() {
    }

    /** Checks the seed files in {@code folder}; findings name files relative to it. */
    static LintReport check(Path folder) {
        long start = System.nanoTime();
        List<Finding> findings = new ArrayList<>();
        try {
            Seeds.read(SeedSource.directory(folder));
        } catch (SeedFileException e) {
            for (SeedProblem p : e.problems()) {
                Path file = Path.of(p.file()).getFileName();
                String message = (p.pointer() == null ? "" : (p.pointer().isEmpty() ? "(document)" : p.pointer()) + ": ")
                        + p.message();
                findings.add(new Finding(file, Math.max(1, p.line()), Math.max(1, p.column()), SEED_FILE.id(),
                        SEED_FILE.severity(), message, SEED_FILE.why(), SEED_FILE.fix(), ""));
            }
        }
        return new LintReport(folder, dataFiles(folder), findings, Duration.ofNanos(System.nanoTime() - start));
    }

    private static int dataFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith(".schema.json")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
