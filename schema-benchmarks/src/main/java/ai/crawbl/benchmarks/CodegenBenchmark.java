package ai.crawbl.benchmarks;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.process.ProcessRun;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Property;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The build's code generation step in cold JVMs, each as the build's configuration file describes it: the full run
 * (provision an embedded PostgreSQL, migrate, generate) beside jOOQ's own generator alone on an already migrated
 * database, and the skipped run on unchanged inputs. Prints medians with ratios to jOOQ alone measured in the same
 * run. Run with {@code ./crawbl bench codegen [repetitions]}.
 */
public final class CodegenBenchmark {

    private CodegenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Path.of(args[2]), Path.of(args[3]), args.length > 4 ? args[4] : null);
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("crawbl-codegen-bench-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.throwaway().start()) {
            postgres.createDatabase("migrated", null);
            PostgresEndpoint migrated = postgres.endpoint("migrated");
            Migrator.configure().source(MigrationSource.directory(root.resolve("migrations/orchestrator"), NamingScheme.POSTGRES))
                    .target(PostgresTarget.at(migrated)).load().migrate();
            String url = migrated.jdbcUrl() + "?user=" + migrated.user() + "&password=" + migrated.password();
            run(root, repetitions, work, url);
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(Path root, int repetitions, Path work, String url) throws Exception {
        String classpath = System.getProperty("java.class.path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<double[]> jooqAlone = new ArrayList<>();
        List<double[]> full = new ArrayList<>();
        List<double[]> skipped = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            // Alternate, so that drift on a noisy machine hits both alike.
            jooqAlone.add(child(java, classpath, root, "jooq", work.resolve("jooq-" + i), url));
            Path target = work.resolve("full-" + i);
            full.add(child(java, classpath, root, "full", target, null));
            skipped.add(child(java, classpath, root, "full", target, null));
        }
        System.out.printf("jOOQ %s, JDK %s, %d repetitions, medians; a cold JVM per run%n%n", org.jooq.Constants.FULL_VERSION,
                System.getProperty("java.version"), repetitions);
        System.out.printf("%-62s %12s %10s %12s %10s%n", "", "process ms", "ratio", "generate ms", "ratio");
        double[] anchor = medians(jooqAlone);
        print("jOOQ's generator alone, database already migrated", medians(jooqAlone), anchor);
        print("full: provision embedded PostgreSQL + migrate + generate", medians(full), anchor);
        print("unchanged inputs: skipped before any database", medians(skipped), anchor);

        // Once to bring the module's sources and their record up to date, then only the check.
        ProcessRun.Result warmUp = ProcessRun.run(new ProcessBuilder("mvn", "-B", "-ntp", "-o", "-q", "-f",
                root.resolve("pom.xml").toString(), "-pl", "schema-codegen", "-am", "package", "-DskipTests"),
                Duration.ofMinutes(10), "mvn package");
        if (warmUp.exitCode() != 0) {
            throw new IllegalStateException("mvn package of schema-codegen failed:\n" + warmUp.output());
        }
        List<Double> steps = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            steps.add(mavenSkipStep(root));
        }
        double[] sorted = steps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%nthe build's skipped step (check mojo + jOOQ's plugin skipping), from Maven's log: median %.0f ms (%.0f-%.0f)%n",
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static final java.util.regex.Pattern STAMP = java.util.regex.Pattern.compile("^(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d\\d\\d) ");

    /**
     * One {@code mvn package} of schema-codegen on unchanged inputs; the milliseconds from the start of the check mojo
     * to the start of the build's next step, jOOQ's plugin having only said that it skips.
     */
    private static double mavenSkipStep(Path root) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("mvn", "-B", "-ntp", "-o", "-f", root.resolve("pom.xml").toString(),
                "-pl", "schema-codegen", "-am", "package", "-DskipTests");
        builder.environment().merge("MAVEN_OPTS", " -Dorg.slf4j.simpleLogger.showDateTime=true"
                + " -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", String::concat);
        ProcessRun.Result result = ProcessRun.run(builder, Duration.ofMinutes(5), "mvn package");
        List<String> lines = result.output().lines().toList();
        if (result.exitCode() != 0) {
            throw new IllegalStateException("mvn package failed:\n" + result.output());
        }
        long start = -1;
        long end = -1;
        for (String line : lines) {
            if (line.contains("schema-codegen-maven-plugin") && line.contains(":check")) {
                start = millis(line);
            } else if (start >= 0 && line.contains("Skipping jOOQ code generation")) {
                end = millis(line);
            } else if (start >= 0 && end >= 0 && line.contains(" --- ")) {
                end = millis(line);  // the next step of the build starts: the skipped one is over
                break;
            }
        }
        if (start < 0 || end < 0) {
            throw new IllegalStateException("the build did not skip code generation:\n" + String.join("\n", lines));
        }
        return end - start;
    }

    private static long millis(String line) {
        java.util.regex.Matcher stamp = STAMP.matcher(line);
        if (!stamp.find()) {
            throw new IllegalStateException("no time stamp in: " + line);
        }
        return ((Long.parseLong(stamp.group(1)) * 60 + Long.parseLong(stamp.group(2))) * 60 + Long.parseLong(stamp.group(3))) * 1000
                + Long.parseLong(stamp.group(4));
    }

    private static double[] child(Path java, String classpath, Path root, String mode, Path target, String url) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classpath, CodegenBenchmark.class.getName(),
                "--child", mode, root.toString(), target.toString()));
        if (url != null) {
            command.add(url);
        }
        ProcessRun.Result result = ProcessRun.run(new ProcessBuilder(command), Duration.ofMinutes(10), mode + " run");
        double wall = result.elapsed().toNanos() / 1e6;
        List<String> lines = result.output().lines().toList();
        String last = lines.isEmpty() ? "" : lines.getLast();
        if (result.exitCode() != 0 || !last.startsWith("generate-ms ")) {
            throw new IllegalStateException(mode + " run failed (exit " + result.exitCode() + "):\n" + result.output());
        }
        return new double[] {wall, Double.parseDouble(last.substring("generate-ms ".length()))};
    }

    /** One generation in this JVM, with the module's configuration file; prints the time GenerationTool took. */
    private static void child(String mode, Path root, Path target, String url) throws Exception {
        Configuration configuration;
        try (InputStream in = Files.newInputStream(root.resolve("schema-codegen/src/main/jooq/orchestrator.xml"))) {
            configuration = GenerationTool.load(in);
        }
        configuration.setBasedir(root.resolve("schema-codegen").toString());
        configuration.getGenerator().getTarget().setDirectory(target.toString());
        var database = configuration.getGenerator().getDatabase();
        if (mode.equals("jooq")) {
            configuration.getGenerator().setName("org.jooq.codegen.JavaGenerator");
            database.setName("org.jooq.meta.postgres.PostgresDatabase");
            database.getProperties().clear();
            configuration.setJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url));
        } else {
            database.getProperties().add(new Property().withKey("provider").withValue("embedded"));
        }
        long started = System.nanoTime();
        GenerationTool.generate(configuration);
        System.out.println("generate-ms " + (System.nanoTime() - started) / 1e6);
    }

    private static double[] medians(List<double[]> samples) {
        double[] medians = new double[2];
        for (int column = 0; column < 2; column++) {
            int c = column;
            double[] values = samples.stream().mapToDouble(sample -> sample[c]).sorted().toArray();
            int n = values.length;
            medians[column] = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
        return medians;
    }

    private static void print(String label, double[] medians, double[] anchor) {
        System.out.printf("%-62s %12.0f %10.2f %12.0f %10.2f%n", label, medians[0], medians[0] / anchor[0], medians[1],
                medians[1] / anchor[1]);
    }
}
