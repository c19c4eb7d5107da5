package ai.crawbl.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.crawbl.migrations.source.NamingScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules page ({@code migrations/LINT.md}) is the lint's specification: every rule has a section, and every
 * section's examples behave as the page says when linted (the bad one gets a finding of that rule, its fixed twin,
 * with the same earlier migrations, gets no finding at all).
 */
class RulesPageTest {

    private static final Path PAGE = Path.of("../migrations/LINT.md");
    /** Rules about entries that a text page cannot hold (a folder, a NUL byte); PostgresLintTest shows them. */
    private static final Set<String> PROSE_ONLY = Set.of("file", "encoding");

    @TempDir
    Path dir;

    /** A fenced block: its language (sql, files, properties), its role (before, bad, good) and text. */
    record Block(String language, String role, String text) {
    }

    /** One rule's section: the dialect whose heading it is under, and its blocks. */
    record Section(String rule, String dialect, List<Block> blocks) {
        List<Block> blocks(String role) {
            return blocks.stream().filter(b -> b.role().equals(role)).toList();
        }
    }

    static List<Section> sections() throws IOException {
        List<Section> sections = new ArrayList<>();
        String dialect = null;
        Section current = null;
        List<String> lines = Files.readAllLines(PAGE);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                dialect = line.contains("both") ? "both" : line.contains("PostgreSQL") ? "postgres"
                        : line.contains("ClickHouse") ? "clickhouse" : null;
                current = null;
            } else if (line.startsWith("### `") && dialect != null) {
                current = new Section(line.substring(5, line.indexOf('`', 5)), dialect, new ArrayList<>());
                sections.add(current);
            } else if (line.startsWith("```") && line.length() > 3) {
                String[] info = line.substring(3).split(" ");
                StringBuilder text = new StringBuilder();
                for (i++; !lines.get(i).equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (current != null && info.length == 2) {
                    current.blocks().add(new Block(info[0], info[1], text.toString()));
                }
            }
        }
        return sections;
    }

    @Test
    void everyRuleOfBothLintsHasASectionUnderItsDialectAndEverySectionIsARule() throws IOException {
        List<Section> sections = sections();
        Set<String> postgres = new TreeSet<>();
        Set<String> clickhouse = new TreeSet<>();
        for (Section s : sections) {
            if (!s.dialect().equals("clickhouse")) {
                postgres.add(s.rule());
            }
            if (!s.dialect().equals("postgres")) {
                clickhouse.add(s.rule());
            }
        }
        assertEquals(new TreeSet<>(new PostgresLint().rules().stream().map(Rule::id).toList()), postgres);
        assertEquals(new TreeSet<>(new ClickHouseLint().rules().stream().map(Rule::id).toList()), clickhouse);
    }

    @Test
    void everySectionButThoseOfUnprintableFilesShowsABadAndAGoodExample() throws IOException {
        for (Section s : sections()) {
            if (!PROSE_ONLY.contains(s.rule())) {
                assertTrue(!s.blocks("bad").isEmpty() && !s.blocks("good").isEmpty(), s.rule() + " lacks an example");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> badExamplesAreFlaggedByTheirRuleAndGoodOnesAreClean() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Section s : sections()) {
            if (s.blocks("bad").isEmpty()) {
                continue;
            }
            String where = s.rule() + (s.dialect().equals("clickhouse") ? " (ClickHouse)" : "");
            tests.add(DynamicTest.dynamicTest(where + ": the bad example is flagged", () -> {
                List<Finding> findings = lint(s, "bad", dir.resolve(s.dialect() + "-" + s.rule() + "-bad"));
                assertTrue(findings.stream().anyMatch(f -> f.rule().equals(s.rule())),
                        "no " + s.rule() + " finding in " + findings);
            }));
            tests.add(DynamicTest.dynamicTest(where + ": the good example is clean", () -> {
                assertEquals(List.of(), lint(s, "good", dir.resolve(s.dialect() + "-" + s.rule() + "-good")).stream().map(Finding::toString).toList());
            }));
        }
        return tests.stream();
    }

    /** Lints a folder holding the section's earlier migrations and its {@code role} example. */
    private static List<Finding> lint(Section s, String role, Path folder) throws IOException {
        Files.createDirectories(folder);
        Lint lint = s.dialect().equals("clickhouse") ? new ClickHouseLint() : new PostgresLint();
        NamingScheme scheme = s.dialect().equals("clickhouse") ? NamingScheme.CLICKHOUSE : NamingScheme.POSTGRES;
        StringBuilder properties = new StringBuilder();
        List<String> scripts = new ArrayList<>();
        Map<Block, String> order = new LinkedHashMap<>();
        s.blocks("before").forEach(b -> order.put(b, "before"));
        s.blocks(role).forEach(b -> order.put(b, role));
        for (Block block : order.keySet()) {
            switch (block.language()) {
                case "properties" -> properties.append(block.text());
                case "files" -> {
                    for (String name : block.text().strip().split("\n")) {
                        Files.writeString(folder.resolve(name), "");
                    }
                }
                default -> scripts.addAll(List.of(block.text().split("(?m)^-- next migration\n")));
            }
        }
        Files.writeString(folder.resolve("lint.properties"), properties);
        for (int i = 0; i < scripts.size(); i++) {
            Files.writeString(folder.resolve(scheme.version(i + 1) + "_step" + scheme.suffix()), scripts.get(i));
        }
        return lint.check(folder);
    }
}
