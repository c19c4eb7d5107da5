package ai.crawbl.migrations.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A first start of a persistent cluster in a JVM of its own that stops at one step of the cluster's creation: it
 * prints {@code at <step>} as each step is reached and, at the step named by its second argument, waits there for
 * good, for the test to kill it. Arguments: the data folder, the step.
 */
final class FirstCreationRun {
    private FirstCreationRun() {
    }

    public static void main(String[] args) throws Exception {
        String stopAt = args[1];
        try (EmbeddedPostgres postgres = EmbeddedPostgres.persistent(Path.of(args[0])).creationStages(stage -> {
            System.out.println("at " + stage);
            System.out.flush();
            if (stage.equals(stopAt)) {
                waitForGood();
            }
        }).start()) {
            System.out.println("ready " + postgres.port());
        }
    }

    private static void waitForGood() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts this class in a new JVM with the current JVM's java and class path; stderr goes to {@code log}. */
    static Process start(Path data, String stopAt, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FirstCreationRun.class.getName(), data.toString(), stopAt));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        return process;
    }
}
