package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.lint.LintOptions;
import ai.crawbl.migrations.lint.Rule;
import ai.crawbl.migrations.lint.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The lint commands' {@code --error RULE}, {@code --warning RULE} and {@code --off RULE} (repeatable, or
 * comma-separated): severities that win over the folder's {@code lint.properties}. A rule id the lint does not know is
 * a usage error.
 */
public final class LintSeverityOptions {

    @Option(names = "--error", split = ",", paramLabel = "RULE", description = "Report RULE as an error (exit 1).")
    List<String> errors = new ArrayList<>();

    @Option(names = "--warning", split = ",", paramLabel = "RULE", description = "Report RULE as a warning (exit 0).")
    List<String> warnings = new ArrayList<>();

    @Option(names = "--off", split = ",", paramLabel = "RULE", description = "Do not report RULE.")
    List<String> off = new ArrayList<>();

    /** The options as a lint takes them, checked against {@code rules}; an unknown id is a usage error. */
    public LintOptions options(List<Rule> rules, CommandLine command) {
        LintOptions options = LintOptions.NONE;
        options = add(options, errors, Severity.ERROR, rules, command);
        options = add(options, warnings, Severity.WARNING, rules, command);
        return add(options, off, Severity.OFF, rules, command);
    }

    private static LintOptions add(LintOptions options, List<String> ids, Severity severity, List<Rule> rules,
                                   CommandLine command) {
        for (String id : ids) {
            if (rules.stream().noneMatch(rule -> rule.id().equals(id))) {
                throw new CommandLine.ParameterException(command, "--" + severity.word() + " " + id + ": no such rule;"
                        + " the rules are " + String.join(", ", rules.stream().map(Rule::id).distinct().toList()));
            }
            options = options.withSeverity(id, severity);
        }
        return options;
    }
}
