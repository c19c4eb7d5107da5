package ai.crawbl.benchmarks;

import ai.crawbl.clickhouse.jooq.ChdbJooq;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import ai.crawbl.migrations.process.ProcessRun;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import ai.crawbl.schema.clickhouse.tables.records.LlmUsageRecord;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static ai.crawbl.schema.clickhouse.Tables.LLM_USAGE;
import static ai.crawbl.schema.clickhouse.Tables.LLM_USAGE_DAILY;
import static org.jooq.impl.DSL.sum;

/**
 * The ClickHouse side of code generation and of the generated classes on embedded ClickHouse. Generation runs in cold
 * JVMs, as the build's step would (chDB load + provision + migrate + jOOQ), beside the engine's migration alone in a
 * cold JVM. Then, in this JVM on one chDB, 10,000 usage events are inserted and the daily rollup is read through jOOQ
 * ({@link ChdbJooq} and the generated classes), beside the same insert and read as plain SQL through the engine's chDB
 * connection (the floor), alternating, on fresh databases; medians with ratios to the floor. Run with
 * {@code ./crawbl bench clickhouse [repetitions]}.
 */
public final class ClickHouseBenchmark {

    private static final int EVENTS = 10_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String STRUCTURE = "event_id UUID, event_time DateTime64(3, 'UTC'), user_id UUID, workspace_id UUID,"
            + " conversation_id UUID, message_id String, agent_id String, agent_db_id UUID, model String, provider String,"
            + " prompt_tokens Int32, completion_tokens Int32, total_tokens Int32, tool_use_prompt_tokens Int32,"
            + " thoughts_tokens Int32, cached_tokens Int32, cost_usd Decimal(18, 6), call_sequence Int32, turn_id String,"
            + " session_id String";

    private ClickHouseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Path.of(args[2]), Path.of(args[3]));
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("jOOQ %s, JDK %s, %d repetitions, medians%n%n", org.jooq.Constants.FULL_VERSION,
                System.getProperty("java.version"), repetitions);
        generation(root, repetitions);
        usage(root, repetitions);
    }

    private static void generation(Path root, int repetitions) throws Exception {
        Path work = Files.createTempDirectory("crawbl-clickhouse-bench-");
        try {
            List<Double> migrateWall = new ArrayList<>();
            List<Double> migrateStep = new ArrayList<>();
            List<Double> generateWall = new ArrayList<>();
            List<Double> generateStep = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                double[] migrate = child(root, "migrate", work.resolve("m" + i));
                migrateWall.add(migrate[0]);
                migrateStep.add(migrate[1]);
                double[] generate = child(root, "generate", work.resolve("g" + i));
                generateWall.add(generate[0]);
                generateStep.add(generate[1]);
            }
            System.out.println("ClickHouse code generation, a cold JVM per run");
            System.out.printf("%-66s %12s %12s %8s%n", "", "process ms", "step ms", "ratio");
            double anchor = median(migrateStep);
            System.out.printf("%-66s %12.0f %12.0f %8.2f%n", "engine alone: load chDB + migrate a throwaway database",
                    median(migrateWall), anchor, 1.0);
            System.out.printf("%-66s %12.0f %12.0f %8.2f%n%n", "generation: load chDB + provision + migrate + jOOQ generate",
                    median(generateWall), median(generateStep), median(generateStep) / anchor);
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double[] child(Path root, String mode, Path target) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ClickHouseBenchmark.class.getName(), "--child", mode, root.toString(),
                target.toString());
        ProcessRun.Result result = ProcessRun.run(new ProcessBuilder(command), Duration.ofMinutes(10), mode + " run");
        List<String> lines = result.output().lines().toList();
        String last = lines.isEmpty() ? "" : lines.getLast();
        if (result.exitCode() != 0 || !last.startsWith("step-ms ")) {
            throw new IllegalStateException(mode + " run failed (exit " + result.exitCode() + "):\n" + result.output());
        }
        return new double[] {result.elapsed().toNanos() / 1e6, Double.parseDouble(last.substring("step-ms ".length()))};
    }

    /** One step in this JVM: the build's generation with the module's configuration, or the engine's migration alone. */
    private static void child(String mode, Path root, Path target) throws Exception {
        long started = System.nanoTime();
        if (mode.equals("generate")) {
            Configuration configuration;
            try (InputStream in = Files.newInputStream(root.resolve("schema-codegen-clickhouse/src/main/jooq/clickhouse.xml"))) {
                configuration = GenerationTool.load(in);
            }
            configuration.setBasedir(root.resolve("schema-codegen-clickhouse").toString());
            configuration.getGenerator().getTarget().setDirectory(target.toString());
            GenerationTool.generate(configuration);
        } else {
            try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.openInMemory()) {
                migrate(root, clickHouse, "crawbl");
            }
        }
        System.out.println("step-ms " + (System.nanoTime() - started) / 1e6);
    }

    private static void migrate(Path root, EmbeddedClickHouse clickHouse, String database) {
        Migrator.configure()
                .source(MigrationSource.directory(root.resolve("migrations/clickhouse"), NamingScheme.CLICKHOUSE))
                .target(ClickHouseTarget.at(clickHouse).database(database))
                .load().migrate();
    }

    private static void usage(Path root, int repetitions) {
        List<LlmUsageRecord> events = events();
        long opening = System.nanoTime();
        try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.openInMemory()) {
            double open = (System.nanoTime() - opening) / 1e6;
            List<Double> jooqInsert = new ArrayList<>();
            List<Double> jooqRead = new ArrayList<>();
            List<Double> plainInsert = new ArrayList<>();
            List<Double> plainRead = new ArrayList<>();
            // One round first, unmeasured, so that neither side pays for the JIT alone.
            for (int i = -1; i < repetitions; i++) {
                double[] jooq = jooq(root, clickHouse, "bench_jooq_" + (i + 1), events);
                double[] plain = plain(root, clickHouse, "bench_plain_" + (i + 1), events);
                if (i >= 0) {
                    jooqInsert.add(jooq[0]);
                    jooqRead.add(jooq[1]);
                    plainInsert.add(plain[0]);
                    plainRead.add(plain[1]);
                }
            }
            System.out.printf("10,000 usage events on embedded ClickHouse, one chDB in this JVM (opened in %.0f ms)%n", open);
            System.out.printf("%-66s %12s %8s%n", "", "ms", "ratio");
            row("insert, plain SQL through the engine's chDB connection (floor)", median(plainInsert), median(plainInsert));
            row("insert through the generated LLM_USAGE on ChdbJooq", median(jooqInsert), median(plainInsert));
            row("daily rollup read, plain SQL (floor)", median(plainRead), median(plainRead));
            row("daily rollup read through LLM_USAGE_DAILY on ChdbJooq", median(jooqRead), median(plainRead));
        }
    }

    private static void row(String label, double ms, double floor) {
        System.out.printf("%-66s %12.1f %8.2f%n", label, ms, ms / floor);
    }

    private static double[] jooq(Path root, EmbeddedClickHouse clickHouse, String database, List<LlmUsageRecord> events) {
        fresh(root, clickHouse, database);
        DSLContext ctx = ChdbJooq.using(clickHouse, new Settings().withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput("crawbl").withOutput(database))));
        long started = System.nanoTime();
        ctx.insertInto(LLM_USAGE).columns(LLM_USAGE.fields()).valuesOfRecords(events).execute();
        long inserted = System.nanoTime();
        int rows = ctx.select(LLM_USAGE_DAILY.USER_ID, LLM_USAGE_DAILY.WORKSPACE_ID, LLM_USAGE_DAILY.DAY, LLM_USAGE_DAILY.MODEL,
                        LLM_USAGE_DAILY.AGENT_ID, sum(LLM_USAGE_DAILY.TOTAL_PROMPT_TOKENS), sum(LLM_USAGE_DAILY.TOTAL_COMPLETION_TOKENS),
                        sum(LLM_USAGE_DAILY.TOTAL_TOKENS), sum(LLM_USAGE_DAILY.TOTAL_COST_USD), sum(LLM_USAGE_DAILY.REQUEST_COUNT))
                .from(LLM_USAGE_DAILY)
                .groupBy(LLM_USAGE_DAILY.USER_ID, LLM_USAGE_DAILY.WORKSPACE_ID, LLM_USAGE_DAILY.DAY, LLM_USAGE_DAILY.MODEL,
                        LLM_USAGE_DAILY.AGENT_ID)
                .fetch().size();
        long read = System.nanoTime();
        check(rows);
        clickHouse.execute("DROP DATABASE " + database);
        return new double[] {(inserted - started) / 1e6, (read - inserted) / 1e6};
    }

    private static double[] plain(Path root, EmbeddedClickHouse clickHouse, String database, List<LlmUsageRecord> events) {
        fresh(root, clickHouse, database);
        long started = System.nanoTime();
        StringBuilder values = new StringBuilder(EVENTS * 400);
        for (LlmUsageRecord event : events) {
            if (!values.isEmpty()) {
                values.append(", ");
            }
            values.append('(').append(quoted(event.getEventId().toString())).append(", ")
                    .append(quoted(TIME.format(event.getEventTime()))).append(", ")
                    .append(quoted(event.getUserId().toString())).append(", ").append(quoted(event.getWorkspaceId().toString()))
                    .append(", ").append(quoted(event.getConversationId().toString())).append(", ")
                    .append(quoted(event.getMessageId())).append(", ").append(quoted(event.getAgentId())).append(", ")
                    .append(quoted(event.getAgentDbId().toString())).append(", ").append(quoted(event.getModel())).append(", ")
                    .append(quoted(event.getProvider())).append(", ").append(event.getPromptTokens()).append(", ")
                    .append(event.getCompletionTokens()).append(", ").append(event.getTotalTokens()).append(", ")
                    .append(event.getToolUsePromptTokens()).append(", ").append(event.getThoughtsTokens()).append(", ")
                    .append(event.getCachedTokens()).append(", ").append(event.getCostUsd().toPlainString()).append(", ")
                    .append(event.getCallSequence()).append(", ").append(quoted(event.getTurnId())).append(", ")
                    .append(quoted(event.getSessionId())).append(')');
        }
        String sql = "INSERT INTO " + database + ".llm_usage SELECT * FROM format(Values, " + quoted(STRUCTURE) + ", "
                + quoted(values.toString()) + ")";
        clickHouse.execute(sql + " SETTINGS max_query_size = " + 2L * sql.length());
        long inserted = System.nanoTime();
        int rows = clickHouse.query("SELECT user_id, workspace_id, day, model, agent_id, sum(total_prompt_tokens),"
                + " sum(total_completion_tokens), sum(total_tokens), sum(total_cost_usd), sum(request_count) FROM " + database
                + ".llm_usage_daily GROUP BY user_id, workspace_id, day, model, agent_id").rows().size();
        long read = System.nanoTime();
        check(rows);
        clickHouse.execute("DROP DATABASE " + database);
        return new double[] {(inserted - started) / 1e6, (read - inserted) / 1e6};
    }

    private static void fresh(Path root, EmbeddedClickHouse clickHouse, String database) {
        clickHouse.execute("DROP DATABASE IF EXISTS " + database);
        migrate(root, clickHouse, database);
    }

    private static void check(int rollupRows) {
        if (rollupRows == 0) {
            throw new IllegalStateException("the daily rollup is empty: the materialized view did not run");
        }
    }

    /** A ClickHouse string literal: backslash and quote escaped. */
    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static List<LlmUsageRecord> events() {
        Random random = new Random(22);
        Instant start = Instant.parse("2026-01-25T00:00:00Z");
        List<LlmUsageRecord> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            int prompt = random.nextInt(20_000);
            int completion = random.nextInt(4_000);
            events.add(new LlmUsageRecord(new UUID(random.nextLong(), random.nextLong()),
                    start.plusMillis((long) (random.nextDouble() * 14 * 86_400_000L)),
                    new UUID(0, random.nextInt(3)), new UUID(1, random.nextInt(4)), new UUID(random.nextLong(), random.nextLong()),
                    "msg-" + i, "agent-" + random.nextInt(4), new UUID(random.nextLong(), random.nextLong()),
                    "model-" + random.nextInt(3), "openai", prompt, completion, prompt + completion, random.nextInt(100),
                    random.nextInt(500), random.nextInt(1_000), BigDecimal.valueOf(random.nextInt(5_000_000), 6), i % 7,
                    "turn-" + i / 3, "session-" + i / 50));
        }
        return events;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
