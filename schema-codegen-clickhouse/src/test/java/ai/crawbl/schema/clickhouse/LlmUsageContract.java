package ai.crawbl.schema.clickhouse;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.schema.clickhouse.UsageEvents.Day;
import ai.crawbl.schema.clickhouse.UsageEvents.Sums;
import ai.crawbl.schema.clickhouse.tables.records.LlmUsageRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static ai.crawbl.schema.clickhouse.Tables.LLM_USAGE;
import static ai.crawbl.schema.clickhouse.Tables.LLM_USAGE_DAILY;
import static org.jooq.impl.DSL.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The generated classes as orchestrator code uses them: 10,000 usage events inserted through {@code LLM_USAGE} in one
 * statement, the daily rollup read back through {@code LLM_USAGE_DAILY} (which the materialized view fills) and
 * compared with the same rollup computed in Java. The migrations go to a database of the test's own; a render mapping
 * points the generated {@code crawbl} schema at it, as a service on another database would do. Each way of reaching
 * ClickHouse (chDB through the adapter, a server through clickhouse-jdbc) keeps this contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LlmUsageContract {

    private final ClickHouseDatabase database;
    private final DSLContext ctx;
    private final List<LlmUsageRecord> events = UsageEvents.generate(10_000, 22);

    LlmUsageContract(ClickHouseDatabase database, DSLContext ctx) {
        this.database = database;
        this.ctx = ctx;
    }

    DSLContext ctx() {
        return ctx;
    }

    /** Settings that point the generated schema, {@code crawbl}, at {@code database}. */
    static Settings mappedTo(ClickHouseDatabase database) {
        return new Settings().withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput("crawbl").withOutput(database.name())));
    }

    @BeforeAll
    void migrateAndInsert() {
        Migrator.configure()
                .source(MigrationSource.directory(ClickHouseCodegenRun.projectMigrations(), NamingScheme.CLICKHOUSE))
                .target(ClickHouseTarget.at(database.clickHouse()).database(database.name()))
                .load().migrate();

        int inserted = ctx.insertInto(LLM_USAGE).columns(LLM_USAGE.fields()).valuesOfRecords(events).execute();

        assertEquals(10_000, inserted);
    }

    @Test
    void everyEventIsStoredAsWritten() {
        assertEquals(10_000, ctx.fetchCount(LLM_USAGE));
        LlmUsageRecord written = events.get(4_321);
        LlmUsageRecord read = ctx.selectFrom(LLM_USAGE).where(LLM_USAGE.EVENT_ID.eq(written.getEventId())).fetchSingle();
        assertEquals(written.intoMap(), read.intoMap());
    }

    @Test
    void theDailyRollupReadThroughTheGeneratedTableEqualsTheSumsComputedInJava() {
        Map<Day, Sums> expected = UsageEvents.dailyRollup(events);

        Map<Day, Sums> rollup = new TreeMap<>();
        // SummingMergeTree sums rows of one key only when parts merge: read with sum(...) GROUP BY the key.
        for (Record row : ctx.select(LLM_USAGE_DAILY.USER_ID, LLM_USAGE_DAILY.WORKSPACE_ID, LLM_USAGE_DAILY.DAY,
                        LLM_USAGE_DAILY.MODEL, LLM_USAGE_DAILY.AGENT_ID,
                        sum(LLM_USAGE_DAILY.TOTAL_PROMPT_TOKENS), sum(LLM_USAGE_DAILY.TOTAL_COMPLETION_TOKENS),
                        sum(LLM_USAGE_DAILY.TOTAL_TOKENS), sum(LLM_USAGE_DAILY.TOTAL_COST_USD), sum(LLM_USAGE_DAILY.REQUEST_COUNT))
                .from(LLM_USAGE_DAILY)
                .groupBy(LLM_USAGE_DAILY.USER_ID, LLM_USAGE_DAILY.WORKSPACE_ID, LLM_USAGE_DAILY.DAY,
                        LLM_USAGE_DAILY.MODEL, LLM_USAGE_DAILY.AGENT_ID)
                .fetch()) {
            rollup.put(new Day(row.get(LLM_USAGE_DAILY.USER_ID), row.get(LLM_USAGE_DAILY.WORKSPACE_ID),
                            row.get(LLM_USAGE_DAILY.DAY), row.get(LLM_USAGE_DAILY.MODEL), row.get(LLM_USAGE_DAILY.AGENT_ID)),
                    new Sums(row.get(5, Long.class), row.get(6, Long.class), row.get(7, Long.class),
                            row.get(8, BigDecimal.class).setScale(6), row.get(9, Long.class)));
        }

        assertEquals(expected, rollup);
    }

    @Test
    void aWorkspacesUsageOverADayRangeAsABillingPageReadsIt() {
        UUID workspace = UsageEvents.WORKSPACES.get(1);
        LocalDate from = LocalDate.of(2026, 1, 30);
        LocalDate to = LocalDate.of(2026, 2, 2);
        Map<LocalDate, BigDecimal> expected = new TreeMap<>();
        UsageEvents.dailyRollup(events).forEach((day, sums) -> {
            if (day.workspace().equals(workspace) && !day.day().isBefore(from) && !day.day().isAfter(to)) {
                expected.merge(day.day(), sums.costUsd(), BigDecimal::add);
            }
        });

        Map<LocalDate, BigDecimal> costPerDay = new TreeMap<>();
        ctx.select(LLM_USAGE_DAILY.DAY, sum(LLM_USAGE_DAILY.TOTAL_COST_USD))
                .from(LLM_USAGE_DAILY)
                .where(LLM_USAGE_DAILY.WORKSPACE_ID.eq(workspace))
                .and(LLM_USAGE_DAILY.DAY.between(from, to))
                .groupBy(LLM_USAGE_DAILY.DAY)
                .orderBy(LLM_USAGE_DAILY.DAY)
                .forEach(row -> costPerDay.put(row.value1(), row.value2().setScale(6)));

        assertFalse(expected.isEmpty());
        assertEquals(expected, costPerDay);
    }

    @Test
    void theRawEventsOfOneUserInATimeWindowFilterOnInstants() {
        UUID user = UsageEvents.USERS.get(0);
        var from = UsageEvents.START.plusSeconds(3 * 86_400 + 1234);
        var to = from.plusSeconds(86_400);
        long expected = events.stream().filter(event -> event.getUserId().equals(user)
                && !event.getEventTime().isBefore(from) && event.getEventTime().isBefore(to)).count();

        int count = ctx.fetchCount(LLM_USAGE, LLM_USAGE.USER_ID.eq(user)
                .and(LLM_USAGE.EVENT_TIME.ge(from)).and(LLM_USAGE.EVENT_TIME.lt(to)));

        assertEquals(expected, count);
        assertEquals(expected, ctx.fetchCount(DSL.selectFrom(LLM_USAGE).where(LLM_USAGE.USER_ID.eq(user)
                .and(LLM_USAGE.EVENT_TIME.between(from, to.minusNanos(1))))));
    }
}
