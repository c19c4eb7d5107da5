package ai.crawbl.orchestrator;

import java.util.List;

/** What a platform command did, step by step; it succeeded when no step failed. */
public record PlatformReport(String command, boolean dryRun, List<StepReport> steps, long millis) {

    public PlatformReport {
        steps = List.copyOf(steps);
    }

    public boolean succeeded() {
        return steps.stream().noneMatch(step -> step.outcome() == StepReport.Outcome.FAILED);
    }
}
