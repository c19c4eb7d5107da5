package ai.crawbl.migrations.lint;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a lint run is told beyond the files: a severity per rule id (rules not named keep their default), the
 * ClickHouse cluster the engine renders {@code ON CLUSTER} for (null when not in cluster mode), the distance the
 * project's vector queries use (its operator class is the one vector indexes must have), and whether the engine runs
 * without a lock timeout (then a file must bound its own lock waits). Read from a folder's {@code lint.properties}
 * and overridden by command-line options.
 *
 * @param severities     rule id to severity, overriding the rule's default
 * @param cluster        the engine's {@code --cluster} name, or null
 * @param vectorDistance {@code cosine}, {@code l2}, {@code ip} or {@code l1}
 * @param lockTimeoutOff true when the engine's {@code --lock-timeout} is 0 (off)
 */
public record LintSettings(Map<String, Severity> severities, String cluster, String vectorDistance,
                           boolean lockTimeoutOff) {

    /** pgvector's operator-class suffix of each distance. */
    static final Map<String, String> DISTANCE_OPS = Map.of("cosine", "cosine_ops", "l2", "l2_ops", "ip", "ip_ops",
            "l1", "l1_ops");

    /** The defaults: every rule at its own severity, no cluster, cosine distance, the engine's lock timeout on. */
    public static final LintSettings DEFAULTS = new LintSettings(Map.of(), null, "cosine", false);

    public LintSettings {
        severities = Map.copyOf(severities);
        if (!DISTANCE_OPS.containsKey(vectorDistance)) {
            throw new IllegalArgumentException("vector distance is one of cosine, l2, ip, l1, not " + vectorDistance);
        }
    }

    /** The severity of {@code rule} in this run. */
    Severity severityOf(Rule rule) {
        return severities.getOrDefault(rule.id(), rule.severity());
    }

    /** These settings with {@code rule} at {@code severity}. */
    public LintSettings withSeverity(String rule, Severity severity) {
        Map<String, Severity> copy = new HashMap<>(severities);
        copy.put(rule, severity);
        return new LintSettings(copy, cluster, vectorDistance, lockTimeoutOff);
    }

    public LintSettings withCluster(String cluster) {
        return new LintSettings(severities, cluster, vectorDistance, lockTimeoutOff);
    }

    public LintSettings withVectorDistance(String distance) {
        return new LintSettings(severities, cluster, distance.toLowerCase(Locale.ROOT), lockTimeoutOff);
    }

    public LintSettings withLockTimeoutOff(boolean off) {
        return new LintSettings(severities, cluster, vectorDistance, off);
    }

    /** These settings with every value {@code over} sets on top (its severities added, its cluster if any). */
    LintSettings overriddenBy(LintOptions over) {
        LintSettings result = this;
        for (Map.Entry<String, Severity> e : over.severities().entrySet()) {
            result = result.withSeverity(e.getKey(), e.getValue());
        }
        return Optional.ofNullable(over.cluster()).map(result::withCluster).orElse(result);
    }
}
