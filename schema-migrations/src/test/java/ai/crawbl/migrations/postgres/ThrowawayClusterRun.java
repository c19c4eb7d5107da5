package ai.crawbl.migrations.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A program that starts a throwaway cluster, prints its data directory and then waits for good, for a test to kill it. */
final class ThrowawayClusterRun {
    private ThrowawayClusterRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgres postgres = EmbeddedPostgres.throwaway().start();
        System.out.println(postgres.dataDirectory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts this class in a new JVM with the current JVM's java and class path; stderr goes to {@code log}. */
    static Process start(Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ThrowawayClusterRun.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        return process;
    }
}
