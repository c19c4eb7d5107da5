package ai.crawbl.seed;

import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading the catalogs into a migrated database: what is written, what is left alone, and what is refused. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SeedLoaderTest {

    private PostgresDatabase db;
    private SeedFolder seeds;

    @BeforeEach
    void freshDatabase(PostgresDatabase shared, @TempDir Path folder) throws SQLException {
        db = MigratedDatabase.migrate(shared.sibling());
        seeds = SeedFolder.copyOfPackaged(folder);
    }

    private SeedResult load() {
        return SeedLoader.into(db.endpoint()).load(seeds.source());
    }

    private int count(String table) throws SQLException {
        return Integer.parseInt(db.queryValue("SELECT count(*) FROM orchestrator." + table));
    }

    @Test
    void theFirstRunInsertsEveryEntry() throws SQLException {
        SeedResult result = load();
        assertEquals(38, result.catalog("tools").inserted());
        assertEquals(8, result.catalog("models").inserted());
        assertEquals(2, result.catalog("usage_plans").inserted());
        assertEquals(38, count("tools"));
        assertEquals(List.of(Arrays.asList("free", "500000", null, null), Arrays.asList("pro", "10000000", null, null)),
                db.query("SELECT slug, monthly_token_limit, daily_request_limit, max_tokens_per_request FROM orchestrator.usage_plans ORDER BY slug"));
        assertEquals("Web Search", db.queryValue("SELECT display_name FROM orchestrator.tools WHERE name = 'web_search'"));
    }

    @Test
    void aSecondRunOnTheSameFilesWritesNothing() throws SQLException {
        load();
        List<List<String>> before = MigratedDatabase.catalogRows(db);
        SeedResult second = load();
        for (CatalogReport report : second.catalogs()) {
            assertEquals(0, report.inserted(), report.catalog() + " inserted");
            assertEquals(0, report.updated(), report.catalog() + " updated");
            assertTrue(report.wroteNothing());
        }
        assertEquals(38, second.catalog("tools").unchanged());
        assertEquals(before, MigratedDatabase.catalogRows(db), "row contents, xmin and ctid are unchanged");
    }

    @Test
    void anEditedDescriptionUpdatesThatRowOnlyAndKeepsItsId() throws SQLException {
        load();
        List<List<String>> before = db.query("SELECT name, id, xmin::text FROM orchestrator.tools ORDER BY name");
        seeds.replace("tools", "Search the public web and return the top results with titles, links and snippets.",
                "Search the web.");
        SeedResult result = load();
        CatalogReport tools = result.catalog("tools");
        assertEquals(List.of(1, 0, 37), List.of(tools.updated(), tools.inserted(), tools.unchanged()));
        RowChange.Updated change = assertInstanceOf(RowChange.Updated.class, tools.changes().getFirst());
        assertEquals("web_search", change.key());
        assertEquals(List.of(new RowChange.FieldChange("description",
                "Search the public web and return the top results with titles, links and snippets.", "Search the web.")), change.changes());
        List<List<String>> after = db.query("SELECT name, id, xmin::text FROM orchestrator.tools ORDER BY name");
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).get(1), after.get(i).get(1), "ids never change");
            if (before.get(i).getFirst().equals("web_search")) {
                assertNotEquals(before.get(i).get(2), after.get(i).get(2), "the edited row was written");
            } else {
                assertEquals(before.get(i), after.get(i), "other rows were not written");
            }
        }
        assertEquals("Search the web.", db.queryValue("SELECT description FROM orchestrator.tools WHERE name = 'web_search'"));
    }

    @Test
    void aChangedPlanTouchesUpdatedAtButNotCreatedAt() throws SQLException {
        load();
        db.execute("UPDATE orchestrator.usage_plans SET created_at = '2020-01-01Z', updated_at = '2020-01-01Z'");
        seeds.replace("usage_plans", "\"daily_request_limit\": null", "\"daily_request_limit\": 100");
        load();
        assertEquals(List.of(List.of("free", "100", "2020-01-01", "t"), Arrays.asList("pro", null, "2020-01-01", "f")),
                db.query("SELECT slug, daily_request_limit, created_at::date::text, updated_at > '2020-01-01Z' "
                        + "FROM orchestrator.usage_plans ORDER BY slug"));
    }

    @Test
    void newRowsGetNameBasedIdsAndExistingRowsKeepTheirs() throws SQLException {
        UUID legacy = UUID.randomUUID();
        db.execute("INSERT INTO orchestrator.models (id, slug, name, description) VALUES ('" + legacy + "', 'auto', 'Old', 'Old')");
        load();
        assertEquals(legacy.toString(), db.queryValue("SELECT id FROM orchestrator.models WHERE slug = 'auto'"));
        assertEquals(new EntryIds().of("models", "gpt-5").toString(),
                db.queryValue("SELECT id FROM orchestrator.models WHERE slug = 'gpt-5'"));
    }

    @Test
    void fieldsLeftOutTakeTheColumnDefault() throws SQLException {
        seeds.write("tools", """
                [{"name": "web_search", "display_name": "Web Search", "description": "Searches.", "category": "search",
                  "icon_url": "icons/tools/web_search.svg", "implemented": true, "sort_order": 5}]""");
        load();
        seeds.write("tools", """
                [{"name": "web_search", "display_name": "Web Search", "description": "Searches.", "category": "search",
                  "icon_url": "icons/tools/web_search.svg"}]""");
        assertEquals(1, load().catalog("tools").updated());
        assertEquals(List.of(List.of("f", "0")), db.query("SELECT implemented, sort_order FROM orchestrator.tools"));
        assertEquals(List.of(List.of("false", "0")), db.query("""
                SELECT (SELECT column_default FROM information_schema.columns WHERE table_schema = 'orchestrator'
                        AND table_name = 'tools' AND column_name = 'implemented'),
                       (SELECT column_default FROM information_schema.columns WHERE table_schema = 'orchestrator'
                        AND table_name = 'tools' AND column_name = 'sort_order')"""), "the defaults the loader applied are the columns'");
        assertTrue(load().catalog("tools").wroteNothing());
    }

    @Test
    void quotesSemicolonsBackslashesTabsAndEmojiAreStoredVerbatim() throws SQLException {
        String text = "It's \\\"quoted\\\"; DROP TABLE orchestrator.tools; -- C:\\\\temp\\\\ \\\\N tab\\there ünïcödé 日本語 🚀";
        seeds.replace("models", "\"description\": \"OpenAI's flagship", "\"description\": \"" + text + " OpenAI's flagship");
        load();
        assertTrue(db.queryValue("SELECT description FROM orchestrator.models WHERE slug = 'gpt-5'")
                .startsWith("It's \"quoted\"; DROP TABLE orchestrator.tools; -- C:\\temp\\ \\N tab\there ünïcödé 日本語 🚀 OpenAI's flagship"));
        assertEquals(38, count("tools"));
        assertTrue(load().catalog("models").wroteNothing());
    }

    @Test
    void aDryRunReportsEachChangeAndWritesNothing() throws SQLException {
        load();
        seeds.replace("models", "\"name\": \"GPT-5\"", "\"name\": \"GPT 5\"");
        seeds.replace("models", "\"slug\": \"gpt-5\"", "\"slug\": \"gpt-6\"");
        seeds.replace("model_pricing", "\"model\": \"gpt-5\"", "\"model\": \"gpt-6\""); // its price follows the model
        List<List<String>> before = MigratedDatabase.catalogRows(db);
        SeedResult result = SeedLoader.into(db.endpoint()).dryRun(true).prune(true).load(seeds.source());
        assertTrue(result.dryRun());
        CatalogReport models = result.catalog("models");
        assertEquals(List.of(1, 0, 7, 1), List.of(models.inserted(), models.updated(), models.unchanged(), models.deleted()));
        RowChange.Inserted inserted = assertInstanceOf(RowChange.Inserted.class, models.changes().getFirst());
        assertEquals("gpt-6", inserted.key());
        assertEquals("GPT 5", inserted.values().get("name"));
        assertEquals("gpt-5", assertInstanceOf(RowChange.Deleted.class, models.changes().getLast()).key());
        assertEquals(before, MigratedDatabase.catalogRows(db));
    }

    @Test
    void pruneDeletesRowsThatAreInNoFile() throws SQLException {
        load();
        db.execute("INSERT INTO orchestrator.tools (id, name, display_name, description, category, icon_url) "
                + "VALUES (gen_random_uuid(), 'retired_tool', 'Retired', 'Gone.', 'utility', 'icons/x.svg')");
        assertEquals(0, load().catalog("tools").deleted(), "without --prune, extra rows stay");
        assertEquals(39, count("tools"));
        SeedResult pruned = SeedLoader.into(db.endpoint()).prune(true).load(seeds.source());
        assertEquals(1, pruned.catalog("tools").deleted());
        assertEquals(38, count("tools"));
    }

    @Test
    void pruneRefusesWhileAForeignKeyStillPointsAtTheRowAndWritesNothing() throws SQLException {
        load();
        db.execute("INSERT INTO orchestrator.users (id, subject, email, nickname, name, surname) VALUES "
                        + "('00000000-0000-0000-0000-000000000001', 's', 'e@x', 'n', 'n', 's')",
                "INSERT INTO orchestrator.usage_quotas (id, user_id, plan_id) SELECT gen_random_uuid(), "
                        + "'00000000-0000-0000-0000-000000000001', id FROM orchestrator.usage_plans WHERE slug = 'pro'");
        seeds.write("usage_plans", """
                [{"slug": "free", "name": "Free plan", "monthly_token_limit": 500000, "daily_request_limit": null, "max_tokens_per_request": null}]""");
        List<List<String>> before = MigratedDatabase.catalogRows(db);
        SeedException refused = assertThrows(SeedException.class,
                () -> SeedLoader.into(db.endpoint()).prune(true).load(seeds.source()));
        assertTrue(refused.getMessage().contains("usage_quotas"), refused.getMessage());
        assertTrue(refused.getMessage().contains("slug \"pro\""), refused.getMessage());
        assertEquals(before, MigratedDatabase.catalogRows(db), "the update of 'free' was rolled back too");
    }

    @Test
    void aDatabaseBehindTheCatalogsMigrationsIsRefusedNamingTheCommand() throws SQLException {
        PostgresDatabase behind = MigratedDatabase.migrate(db.sibling(), 5);
        SeedException refused = assertThrows(SeedException.class, () -> SeedLoader.into(behind.endpoint()).load(seeds.source()));
        assertTrue(refused.getMessage().contains("orchestrator.model_pricing does not exist"), refused.getMessage());
        assertTrue(refused.getMessage().contains("platform orchestrator migrate"), refused.getMessage());
        assertEquals("0", behind.queryValue("SELECT count(*) FROM orchestrator.tools"));
    }

    @Test
    void anUnmigratedDatabaseIsRefused() throws SQLException {
        PostgresDatabase empty = db.sibling();
        SeedException refused = assertThrows(SeedException.class, () -> SeedLoader.into(empty.endpoint()).load(seeds.source()));
        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
    }

    @Test
    void twoLoadersStartedAtOnceBothSucceedAndLeaveNoDuplicates() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<SeedResult> loader = () -> {
            start.await();
            return load();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SeedResult> first = pool.submit(loader);
            Future<SeedResult> second = pool.submit(loader);
            int inserted = first.get().catalog("tools").inserted() + second.get().catalog("tools").inserted();
            assertEquals(38, inserted, "one loader inserted, the other found the rows there");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(38, count("tools"));
        assertEquals("38", db.queryValue("SELECT count(DISTINCT name) FROM orchestrator.tools"));
    }
}
