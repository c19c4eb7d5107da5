package ai.crawbl.seed;

import java.util.List;

/** The seed files cannot be loaded as they are; {@link #problems()} says where and why. Nothing was written. */
public final class SeedFileException extends RuntimeException {

    private final List<SeedProblem> problems;

    public SeedFileException(List<SeedProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<SeedProblem> problems() {
        return problems;
    }

    private static String describe(List<SeedProblem> problems) {
        StringBuilder text = new StringBuilder();
        for (SeedProblem problem : problems) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(problem);
        }
        return text.toString();
    }
}
