package ai.crawbl.orchestrator;

/**
 * How one step of a platform command ended.
 *
 * @param step    {@code postgres}, {@code clickhouse} or {@code catalogs}
 * @param target  where it ran, safe to print (no password), or null when it did not run
 * @param summary one line for people: what was applied or written, or why it was skipped or failed
 * @param result  the engine's or the loader's result value, or null
 */
public record StepReport(String step, Outcome outcome, String target, String summary, long millis, Object result) {

    /** The closed set of ways a step ends. */
    public enum Outcome {
        /** It ran to the end (on a dry run: it planned, changing nothing). */
        DONE,
        /** Nothing to run it against, by configuration. */
        SKIPPED,
        /** Work waits for it that an earlier step must make possible first: a report of {@code status}, not a failure. */
        PENDING,
        /** It failed; the steps after it did not run. */
        FAILED,
        /** An earlier step failed. */
        NOT_RUN
    }

    static StepReport notRun(String step) {
        return new StepReport(step, Outcome.NOT_RUN, null, "not run: an earlier step failed", 0, null);
    }
}
