package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.sql.Statement;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The walk both lints share: read the folder's {@code lint.properties}, list the migrations, check their names and
 * numbering, let the dialect check each file in order (its checks keep the model of the earlier files), then apply
 * the suppressions and the severities.
 */
final class FolderLint {

    /** What differs between PostgreSQL and ClickHouse. */
    interface Dialect {
        NamingScheme scheme();

        /** Every rule this dialect can report, file rules included. */
        List<Rule> rules();

        /** The files to check among those named like migrations (PostgreSQL reports and leaves out .down.sql). */
        default List<Path> migrations(List<Path> files, List<Finding> findings) {
            return files;
        }

        /** Checks one file, in plan order, and returns its statements (for suppressions); none if it cannot split. */
        List<Statement> check(Path file, String text, List<String> lines, LintSettings settings, List<Finding> findings);

        /** The findings that need every file to have been read (in the files they are about). */
        default List<Finding> finish() {
            return List.of();
        }
    }

    /** A checked file, kept until the whole plan is read. */
    private record Checked(Path file, List<String> lines, List<Statement> statements, List<Finding> findings) {
    }

    private FolderLint() {
    }

    static LintReport run(Path dir, LintOptions options, Dialect dialect) throws IOException {
        long start = System.nanoTime();
        Map<String, Rule> rules = new LinkedHashMap<>();
        dialect.rules().forEach(rule -> rules.put(rule.id(), rule));
        MigrationFolder folder = new MigrationFolder(dir, dialect.scheme());
        List<Finding> findings = new ArrayList<>();
        List<Path> files = dialect.migrations(folder.migrationFiles(findings), findings);
        LintConfig config = LintConfig.read(dir, rules, findings);
        LintSettings settings = config.settings().overriddenBy(options);
        findings.addAll(new Numbering(dialect.scheme()).check(files));
        List<Checked> checked = new ArrayList<>();
        for (Path file : files) {
            Optional<String> text = folder.read(file, findings);
            if (text.isPresent()) {
                List<String> lines = text.get().lines().toList();
                List<Finding> ofFile = new ArrayList<>();
                checked.add(new Checked(file, lines, dialect.check(file, text.get(), lines, settings, ofFile), ofFile));
            }
        }
        List<Finding> late = dialect.finish();
        for (Checked c : checked) {
            late.stream().filter(f -> f.file().equals(c.file())).forEach(c.findings()::add);
            findings.addAll(Suppressions.apply(c.file(), c.lines(), c.statements(), c.findings(), rules.keySet()));
        }
        findings = fileSuppressions(config, files, findings, rules.keySet());
        List<Finding> reported = new ArrayList<>();
        for (Finding f : findings) {
            Severity severity = settings.severities().getOrDefault(f.rule(), f.severity());
            if (severity != Severity.OFF) {
                reported.add(f.withSeverity(severity));
            }
        }
        reported.sort(Finding.ORDER);
        return new LintReport(dir, files.size(), reported, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Applies the {@code ignore.<file>} lines of the configuration; an unused or reasonless one is a finding. */
    private static List<Finding> fileSuppressions(LintConfig config, List<Path> files, List<Finding> findings,
                                                  Set<String> rules) {
        List<Finding> kept = new ArrayList<>(findings);
        Path configFile = Path.of(LintConfig.FILE_NAME);
        for (LintConfig.FileSuppression ignore : config.fileSuppressions()) {
            Suppressions.Suppression s = ignore.suppression();
            kept.addAll(Suppressions.check(configFile, s, ignore.source(), rules));
            if (files.stream().noneMatch(f -> f.toString().equals(ignore.file()))) {
                kept.add(Finding.of(configFile, s.line(), 1, FileRules.SUPPRESSION, "ignore." + ignore.file()
                        + " names no migration file of this folder").withSource(ignore.source()));
                continue;
            }
            if (!s.hasReason()) {
                continue;
            }
            Set<String> used = new HashSet<>();
            for (var it = kept.iterator(); it.hasNext(); ) {
                Finding f = it.next();
                if (f.file().toString().equals(ignore.file()) && s.rules().contains(f.rule())) {
                    used.add(f.rule());
                    it.remove();
                }
            }
            for (String rule : s.rules()) {
                if (rules.contains(rule) && !used.contains(rule)) {
                    kept.add(Finding.of(configFile, s.line(), 1, FileRules.SUPPRESSION, "ignore." + ignore.file() + " "
                            + rule + " suppresses nothing: the file has no " + rule + " finding; delete it")
                            .withSource(ignore.source()));
                }
            }
        }
        return kept;
    }
}
