package ai.crawbl.migrations.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three ways to print lint reports, one or several folders at once: for people (each finding as
 * {@code file:line:column}, the line with a caret under the column, why and fix, then a summary per folder with the
 * time the lint work took), as one JSON document, and as one SARIF 2.1.0 log that CI systems turn into annotations.
 * File paths are the folder as given joined with the file's name.
 */
public final class LintOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LintOutput() {
    }

    /** The human form of {@code reports} on {@code out}. */
    public static void text(List<LintReport> reports, PrintStream out) {
        for (LintReport report : reports) {
            for (Finding f : report.findings()) {
                out.println(report.pathOf(f) + ":" + f.line() + ":" + f.column() + ": " + f.severity().word() + "["
                        + f.rule() + "] " + f.message());
                if (!f.source().isEmpty()) {
                    String number = String.valueOf(f.line());
                    String gutter = " ".repeat(number.length());
                    out.println(" " + number + " | " + f.source());
                    out.println(" " + gutter + " | " + caretIndent(f.source(), f.column()) + "^");
                    out.println(" " + gutter + " = why: " + f.why());
                    out.println(" " + gutter + " = fix: " + f.fix());
                } else {
                    out.println("   = why: " + f.why());
                    out.println("   = fix: " + f.fix());
                }
            }
        }
        for (LintReport report : reports) {
            out.println(report.folder() + ": " + report.files() + " files, " + (report.findings().isEmpty()
                    ? "no findings" : count(report.errors(), "error") + ", " + count(report.warnings(), "warning"))
                    + " (lint work " + millis(report.elapsed()) + " ms)");
        }
    }

    /** Spaces (and the line's own tabs) up to the 1-based {@code column}, so that a caret lands under it. */
    private static String caretIndent(String line, int column) {
        StringBuilder indent = new StringBuilder();
        int[] codePoints = line.codePoints().toArray();
        for (int i = 0; i < column - 1 && i < codePoints.length; i++) {
            indent.append(codePoints[i] == '\t' ? '\t' : ' ');
        }
        return indent.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String millis(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f", elapsed.toNanos() / 1e6);
    }

    /**
     * One JSON document: {@code errors}, {@code warnings}, {@code lintMillis} over all folders, and {@code folders},
     * each with its {@code folder}, {@code files}, counts, time and {@code findings} ({@code file}, {@code line},
     * {@code column}, {@code rule}, {@code severity}, {@code message}, {@code why}, {@code fix}).
     */
    public static ObjectNode json(List<LintReport> reports) {
        ObjectNode root = JSON.createObjectNode();
        root.put("errors", reports.stream().mapToLong(LintReport::errors).sum());
        root.put("warnings", reports.stream().mapToLong(LintReport::warnings).sum());
        root.put("lintMillis", total(reports).toNanos() / 1e6);
        ArrayNode folders = root.putArray("folders");
        for (LintReport report : reports) {
            ObjectNode folder = folders.addObject();
            folder.put("folder", report.folder().toString());
            folder.put("files", report.files());
            folder.put("errors", report.errors());
            folder.put("warnings", report.warnings());
            folder.put("lintMillis", report.elapsed().toNanos() / 1e6);
            ArrayNode findings = folder.putArray("findings");
            for (Finding f : report.findings()) {
                findings.addObject().put("file", report.pathOf(f).toString()).put("line", f.line())
                        .put("column", f.column()).put("rule", f.rule()).put("severity", f.severity().word())
                        .put("message", f.message()).put("why", f.why()).put("fix", f.fix());
            }
        }
        return root;
    }

    /**
     * One SARIF 2.1.0 log with a single run: the tool's rules (id, why as the short description, fix as the help,
     * default level) and a result per finding at its file, line and column.
     */
    public static ObjectNode sarif(List<LintReport> reports, List<Rule> rules) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "2.1.0");
        root.put("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "crawbl-lint");
        driver.put("semanticVersion", "0.1.0");
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode ruleNodes = driver.putArray("rules");
        for (Rule rule : rules) {
            if (index.containsKey(rule.id())) {
                continue;
            }
            index.put(rule.id(), index.size());
            ObjectNode node = ruleNodes.addObject();
            node.put("id", rule.id());
            node.putObject("shortDescription").put("text", rule.why());
            node.putObject("help").put("text", rule.fix());
            node.putObject("defaultConfiguration").put("level", level(rule.severity()));
        }
        run.put("columnKind", "unicodeCodePoints");
        ArrayNode results = run.putArray("results");
        for (LintReport report : reports) {
            for (Finding f : report.findings()) {
                ObjectNode result = results.addObject();
                result.put("ruleId", f.rule());
                if (index.containsKey(f.rule())) {
                    result.put("ruleIndex", index.get(f.rule()));
                }
                result.put("level", level(f.severity()));
                result.putObject("message").put("text", f.message() + " (fix: " + f.fix() + ")");
                ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
                location.putObject("artifactLocation").put("uri", uri(report.pathOf(f)));
                ObjectNode region = location.putObject("region");
                region.put("startLine", f.line()).put("startColumn", f.column());
                if (!f.source().isEmpty()) {
                    region.putObject("snippet").put("text", f.source());
                }
            }
        }
        return root;
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case OFF -> "none";
        };
    }

    /** A relative URI reference for a relative path (forward slashes, escaped), a file: URI for an absolute one. */
    static String uri(Path path) {
        if (path.isAbsolute()) {
            return path.toUri().toString();
        }
        String slashed = path.toString().replace(path.getFileSystem().getSeparator(), "/");
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path for a URI: " + path, e);
        }
    }

    private static Duration total(List<LintReport> reports) {
        return reports.stream().map(LintReport::elapsed).reduce(Duration.ZERO, Duration::plus);
    }
}
