package ai.crawbl.schema.clickhouse;

import ai.crawbl.schema.clickhouse.tables.records.LlmUsageRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Usage events as an orchestrator records them (a few users and workspaces, several models and agents, calls spread
 * over two weeks around a month's end), and the daily rollup computed from them in Java: what ClickHouse's
 * materialized view must agree with.
 */
final class UsageEvents {

    static final Instant START = Instant.parse("2026-01-25T00:00:00Z");
    static final List<UUID> USERS = List.of(uuid(1), uuid(2), uuid(3));
    static final List<UUID> WORKSPACES = List.of(uuid(11), uuid(12), uuid(13), uuid(14));
    static final List<String> MODELS = List.of("gpt-5-mini", "claude-sonnet", "auto");
    static final List<String> AGENTS = List.of("planner", "coder", "researcher", "writer");

    private UsageEvents() {
    }

    private static UUID uuid(int n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }

    /** {@code count} events, the same for the same seed. */
    static List<LlmUsageRecord> generate(int count, long seed) {
        Random random = new Random(seed);
        List<LlmUsageRecord> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int prompt = random.nextInt(20_000);
            int completion = random.nextInt(4_000);
            int user = random.nextInt(USERS.size());
            events.add(new LlmUsageRecord(
                    new UUID(random.nextLong(), random.nextLong()),
                    START.plusMillis((long) (random.nextDouble() * 14 * 86_400_000L)),
                    USERS.get(user), WORKSPACES.get((user + random.nextInt(2)) % WORKSPACES.size()),
                    new UUID(random.nextLong(), random.nextLong()), "msg-" + i, AGENTS.get(random.nextInt(AGENTS.size())),
                    new UUID(random.nextLong(), random.nextLong()), MODELS.get(random.nextInt(MODELS.size())), "openai",
                    prompt, completion, prompt + completion, random.nextInt(100), random.nextInt(500), random.nextInt(1_000),
                    BigDecimal.valueOf(random.nextInt(5_000_000), 6), i % 7, "turn-" + i / 3, "session-" + i / 50));
        }
        return events;
    }

    /** One row of the daily rollup: its key and its sums. */
    record Day(UUID user, UUID workspace, LocalDate day, String model, String agent) implements Comparable<Day> {
        @Override
        public int compareTo(Day other) {
            return toString().compareTo(other.toString());
        }
    }

    /** The sums of one day's rollup row. */
    record Sums(long promptTokens, long completionTokens, long totalTokens, BigDecimal costUsd, long requests) {
        Sums plus(LlmUsageRecord event) {
            return new Sums(promptTokens + event.getPromptTokens(), completionTokens + event.getCompletionTokens(),
                    totalTokens + event.getTotalTokens(), costUsd.add(event.getCostUsd()), requests + 1);
        }
    }

    /** The rollup ClickHouse's materialized view should produce: per user, workspace, UTC day, model and agent. */
    static Map<Day, Sums> dailyRollup(List<LlmUsageRecord> events) {
        Map<Day, Sums> rollup = new TreeMap<>();
        Sums zero = new Sums(0, 0, 0, BigDecimal.ZERO.setScale(6), 0);
        for (LlmUsageRecord event : events) {
            Day day = new Day(event.getUserId(), event.getWorkspaceId(),
                    LocalDate.ofInstant(event.getEventTime().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC),
                    event.getModel(), event.getAgentId());
            rollup.merge(day, zero.plus(event), (a, b) -> new Sums(a.promptTokens + b.promptTokens,
                    a.completionTokens + b.completionTokens, a.totalTokens + b.totalTokens, a.costUsd.add(b.costUsd),
                    a.requests + b.requests));
        }
        return rollup;
    }
}
