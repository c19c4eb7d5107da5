package ai.crawbl.migrations.lint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one lint run found in one folder: the folder as it was given (an absolute folder inside the working directory
 * is shown relative to it, as the launcher passes the checkout's absolute path), how many migration files it read,
 * the findings
 * (files relative to the folder, ordered by file and position; rules set to off are left out), and how long the lint
 * work took (reading and checking, not starting the JVM).
 */
public record LintReport(Path folder, int files, List<Finding> findings, Duration elapsed) {

    public LintReport {
        findings = List.copyOf(findings);
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (folder.isAbsolute() && folder.normalize().startsWith(workingDirectory)) {
            folder = workingDirectory.relativize(folder.normalize());
        }
    }

    public long errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    }

    public long warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    }

    /** True when there is at least one error: the lint fails (warnings alone do not). */
    public boolean failed() {
        return errors() > 0;
    }

    /** The path of a finding's file as the person named the folder: {@code folder/file}. */
    public Path pathOf(Finding finding) {
        return folder.resolve(finding.file());
    }
}
