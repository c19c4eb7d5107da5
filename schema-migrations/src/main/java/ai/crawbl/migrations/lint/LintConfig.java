package ai.crawbl.migrations.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A migrations folder's {@code lint.properties}: one {@code key = value} per line, {@code #} comments. Keys:
 * {@code severity.<rule-id> = error|warning|off}, {@code vector.distance = cosine|l2|ip|l1}, {@code cluster = NAME}
 * (ClickHouse cluster mode, as the engine's {@code --cluster}), {@code lock-timeout = on|off} (whether the engine runs
 * with its lock timeout) and {@code ignore.<file> = <rule-id>[, <rule-id>]: <reason>}, which acknowledges those rules'
 * findings in a whole file: the way to suppress in a file that is already applied, since the engine's checksum covers
 * comments. A line the lint does not understand is a {@code config} finding.
 */
final class LintConfig {

    static final String FILE_NAME = "lint.properties";

    /** A whole-file suppression and the config line it came from. */
    record FileSuppression(String file, Suppressions.Suppression suppression, String source) {
    }

    private final LintSettings settings;
    private final List<FileSuppression> fileSuppressions;

    private LintConfig(LintSettings settings, List<FileSuppression> fileSuppressions) {
        this.settings = settings;
        this.fileSuppressions = List.copyOf(fileSuppressions);
    }

    LintSettings settings() {
        return settings;
    }

    List<FileSuppression> fileSuppressions() {
        return fileSuppressions;
    }

    /** The configuration of {@code dir} (the defaults when it has no {@value #FILE_NAME}); problems go to findings. */
    static LintConfig read(Path dir, Map<String, Rule> rules, List<Finding> findings) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        LintSettings settings = LintSettings.DEFAULTS;
        List<FileSuppression> ignores = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new LintConfig(settings, ignores);
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String key = eq < 0 ? trimmed : trimmed.substring(0, eq).strip();
            String value = eq < 0 ? "" : trimmed.substring(eq + 1).strip();
            String problem = null;
            if (eq < 0) {
                problem = "not a key = value line";
            } else if (key.startsWith("severity.")) {
                String rule = key.substring("severity.".length());
                var severity = Severity.parse(value);
                if (!rules.containsKey(rule)) {
                    problem = "severity of " + rule + ", which is no rule of this lint";
                } else if (severity.isEmpty()) {
                    problem = "severity is error, warning or off, not '" + value + "'";
                } else {
                    settings = settings.withSeverity(rule, severity.get());
                }
            } else if (key.equals("vector.distance")) {
                if (LintSettings.DISTANCE_OPS.containsKey(value)) {
                    settings = settings.withVectorDistance(value);
                } else {
                    problem = "vector.distance is one of cosine, l2, ip, l1, not '" + value + "'";
                }
            } else if (key.equals("cluster")) {
                settings = settings.withCluster(value.isEmpty() ? null : value);
            } else if (key.equals("lock-timeout")) {
                if (Set.of("on", "off").contains(value)) {
                    settings = settings.withLockTimeoutOff(value.equals("off"));
                } else {
                    problem = "lock-timeout is on or off, not '" + value + "'";
                }
            } else if (key.startsWith("ignore.") && key.length() > "ignore.".length()) {
                var suppression = Suppressions.parse(i + 1, "-- lint:ignore " + value);
                ignores.add(new FileSuppression(key.substring("ignore.".length()),
                        new Suppressions.Suppression(i + 1, 1, suppression.rules(), suppression.reason()), line));
            } else {
                problem = "unknown key " + key;
            }
            if (problem != null) {
                findings.add(Finding.of(Path.of(FILE_NAME), i + 1, 1, FileRules.CONFIG, problem
                        + ": see the rules page for the keys").withSource(line));
            }
        }
        return new LintConfig(settings, ignores);
    }
}
