package ai.crawbl.migrations.lint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the person running the lint says on the command line, which wins over the folder's {@code lint.properties}:
 * severities per rule id ({@code --error RULE}, {@code --warning RULE}) and the ClickHouse cluster ({@code --cluster}).
 *
 * @param severities rule id to severity
 * @param cluster    the cluster name, or null when not given
 */
public record LintOptions(Map<String, Severity> severities, String cluster) {

    /** Nothing said: the folder's configuration (or the defaults) as it is. */
    public static final LintOptions NONE = new LintOptions(Map.of(), null);

    public LintOptions {
        severities = Map.copyOf(severities);
    }

    public LintOptions withSeverity(String rule, Severity severity) {
        Map<String, Severity> copy = new LinkedHashMap<>(severities);
        copy.put(rule, severity);
        return new LintOptions(copy, cluster);
    }

    public LintOptions withCluster(String cluster) {
        return new LintOptions(severities, cluster);
    }
}
