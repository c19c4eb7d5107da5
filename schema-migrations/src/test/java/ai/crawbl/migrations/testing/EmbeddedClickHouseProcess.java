package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import ai.crawbl.migrations.clickhouse.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs statements on chDB in a JVM of its own, for what one test JVM cannot show: chDB holds one storage per
 * process, and the test JVM's is already open. Also how chDB's cold start is measured.
 *
 * <p>Arguments: one or more groups of {@code --storage <data-directory>} or {@code --in-memory}, each followed by
 * statements. Each group opens its storage after closing the previous one. Result rows go to stdout, values
 * tab-separated and NULL as {@code \N}; how long the first answer took from opening chDB (library load,
 * connect, query) goes to stderr as {@code first answer after <ms> ms}.
 */
public final class EmbeddedClickHouseProcess {

    private EmbeddedClickHouseProcess() {
    }

    public static void main(String[] args) {
        long opening = System.nanoTime();
        boolean answered = false;
        EmbeddedClickHouse clickHouse = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--storage", "--in-memory" -> {
                        if (clickHouse != null) {
                            clickHouse.close();
                        }
                        clickHouse = args[i].equals("--in-memory")
                                ? EmbeddedClickHouse.openInMemory()
                                : EmbeddedClickHouse.open(Path.of(args[++i]));
                    }
                    default -> {
                        QueryResult result = Objects.requireNonNull(clickHouse, "name a storage first").query(args[i]);
                        if (!answered) {
                            answered = true;
                            System.err.printf("first answer after %.1f ms%n", (System.nanoTime() - opening) / 1e6);
                        }
                        for (List<String> row : result.rows()) {
                            System.out.println(String.join("\t",
                                    row.stream().map(value -> value == null ? "\\N" : value).toList()));
                        }
                    }
                }
            }
        } finally {
            if (clickHouse != null) {
                clickHouse.close();
            }
        }
    }

    /** Runs this class in a new JVM with the current JVM's java, class path and chDB location; waits for it. */
    public static Outcome run(String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), args);
    }

    /** {@link #run(String...)} with {@code env} added to the child's environment. */
    public static Outcome run(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED");
        String library = System.getProperty("crawbl.chdb.lib");
        if (library != null) {
            command.add("-Dcrawbl.chdb.lib=" + library);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmbeddedClickHouseProcess.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes());
        String stderr = new String(process.getErrorStream().readAllBytes());
        return new Outcome(process.waitFor(), stdout, stderr);
    }

    /** How a child JVM ended: its exit code and what it printed. */
    public record Outcome(int exitCode, String stdout, String stderr) {
    }
}
