package ai.crawbl.seed;

import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catalogs come from table metadata and the seed folder, not from Java: a new table loads from a dropped-in file,
 * another team's folder loads through a manifest, and modes, references, overlays and the shape check behave as
 * the manifest and the tables say.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class CatalogsFromMetadataTest {

    private PostgresDatabase db;
    private SeedFolder seeds;
    private Path folder;

    @BeforeEach
    void freshDatabase(PostgresDatabase shared, @TempDir Path folder) throws SQLException {
        db = MigratedDatabase.migrate(shared.sibling());
        this.folder = folder;
        seeds = SeedFolder.copyOfPackaged(folder);
    }

    private SeedResult load(SeedSource source) {
        return SeedLoader.into(db.endpoint()).load(source);
    }

    private List<SeedProblem> problems(SeedSource source) {
        return assertThrows(SeedFileException.class, () -> load(source)).problems();
    }

    @Test
    void everyCatalogOfTheProjectLoadsWithItsReferencesResolved() throws SQLException {
        SeedResult result = load(seeds.source());
        assertEquals(List.of("integration_categories", "integration_providers", "model_pricing", "models", "tool_categories",
                "tools", "usage_plans"), result.catalogs().stream().map(CatalogReport::catalog).sorted().toList());
        assertEquals(List.of(List.of("slack", "communication"), List.of("github", "development")), db.query("""
                SELECT p.provider, c.slug FROM orchestrator.integration_providers p
                JOIN orchestrator.integration_categories c ON c.id = p.category_id
                WHERE p.provider IN ('slack', 'github') ORDER BY p.provider DESC"""));
        assertEquals("0", db.queryValue("SELECT count(*) FROM orchestrator.tools t WHERE NOT EXISTS "
                + "(SELECT 1 FROM orchestrator.tool_categories c WHERE c.slug = t.category)"), "every tool's category exists");
        assertEquals("0.000001250000", db.queryValue("SELECT input_cost_per_token FROM orchestrator.model_pricing WHERE model = 'gpt-5'"));
        assertTrue(load(seeds.source()).catalogs().stream().allMatch(CatalogReport::wroteNothing), "a rerun writes nothing");
    }

    @Test
    void aNewCatalogTableLoadsFromADroppedInFileWithNoJavaChange() throws SQLException {
        // The migration a team adds: a catalog table the generated classes have never seen, referring to models.
        db.execute("""
                CREATE TABLE orchestrator.agent_blueprints (
                    id uuid PRIMARY KEY, slug text NOT NULL UNIQUE, name text NOT NULL,
                    model_id uuid NOT NULL REFERENCES orchestrator.models (id),
                    temperature numeric(3,2) NOT NULL DEFAULT 0.7 CHECK (temperature >= 0),
                    settings jsonb NOT NULL DEFAULT '{}',
                    created_at timestamptz NOT NULL DEFAULT now())""");
        seeds.write("agent_blueprints", """
                [{"slug": "researcher", "name": "Researcher", "model": "gpt-5"},
                 {"slug": "writer", "name": "Writer", "model": "claude-sonnet-4-5", "temperature": 1.0,
                  "settings": {"tone": "plain", "max_words": 800}}]""");
        // The database is reached the way production orchestrators configure it: search_path = orchestrator only.
        PostgresEndpoint endpoint = db.endpoint();
        PostgresEndpoint production = new PostgresEndpoint(endpoint.jdbcUrl() + (endpoint.jdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema=orchestrator", endpoint.user(), endpoint.password());
        SeedResult result = SeedLoader.into(production).load(seeds.source());
        assertEquals(2, result.catalog("agent_blueprints").inserted());
        assertEquals(List.of(List.of("researcher", "gpt-5", "0.70", "{}"),
                List.of("writer", "claude-sonnet-4-5", "1.00", "{\"tone\": \"plain\", \"max_words\": 800}")), db.query("""
                SELECT b.slug, m.slug, b.temperature::text, b.settings::text FROM orchestrator.agent_blueprints b
                JOIN orchestrator.models m ON m.id = b.model_id ORDER BY b.slug"""));
        assertEquals(new EntryIds().of("agent_blueprints", "writer").toString(),
                db.queryValue("SELECT id FROM orchestrator.agent_blueprints WHERE slug = 'writer'"));
        assertTrue(SeedLoader.into(production).load(seeds.source()).catalog("agent_blueprints").wroteNothing());
    }

    @Test
    void anotherTeamsFolderOfBareArraysAndItsOwnNamesLoadsThroughAManifest(@TempDir Path theirs) throws IOException, SQLException {
        Files.writeString(theirs.resolve("plans.json"), """
                [{"plan_id": "starter", "name": "Starter", "monthly_token_limit": 100000},
                 {"plan_id": "team", "name": "Team", "monthly_token_limit": 5000000, "daily_request_limit": 2000}]""");
        Files.writeString(theirs.resolve("integration_categories.json"), """
                [{"slug": "chat", "name": "Chat", "image_url": "chat.svg"}]""");
        Files.writeString(theirs.resolve("providers.json"), """
                [{"provider": "slack", "name": "Slack", "description": "Chat.", "icon_url": "slack.svg", "category": "chat"}]""");
        Files.writeString(theirs.resolve("manifest.json"), """
                {"catalogs": {
                  "plans.json": {"table": "usage_plans", "key": "plan_id", "rename": {"plan_id": "slug"}},
                  "providers.json": {"table": "integration_providers"}}}""");
        SeedResult result = load(SeedSource.directory(theirs));
        List<String> order = result.catalogs().stream().map(CatalogReport::catalog).toList();
        assertEquals(3, order.size(), order::toString);
        assertTrue(order.indexOf("integration_categories") < order.indexOf("integration_providers"),
                "categories load before the providers that refer to them: " + order);
        assertEquals(List.of(List.of("starter", "100000"), List.of("team", "5000000")),
                db.query("SELECT slug, monthly_token_limit FROM orchestrator.usage_plans ORDER BY slug"));
        assertEquals("chat", db.queryValue("SELECT c.slug FROM orchestrator.integration_providers p "
                + "JOIN orchestrator.integration_categories c ON c.id = p.category_id"));
    }

    @Test
    void insertOnlyAddsMissingRowsAndKeepsAnEditedOne() throws SQLException {
        load(seeds.source());
        db.execute("UPDATE orchestrator.models SET name = 'Edited by an operator' WHERE slug = 'gpt-5'",
                "DELETE FROM orchestrator.model_pricing WHERE model = 'gemini-2.5-flash'",
                "DELETE FROM orchestrator.models WHERE slug = 'gemini-2.5-flash'");
        seeds.write("manifest", seeds.read("manifest").replace("\"models.json\": {}", "\"models.json\": {\"mode\": \"insert-only\"}"));
        CatalogReport models = load(seeds.source()).catalog("models");
        assertEquals(List.of(1, 0, 1), List.of(models.inserted(), models.updated(), models.kept()));
        assertEquals(Mode.INSERT_ONLY, models.mode());
        assertEquals("Edited by an operator", db.queryValue("SELECT name FROM orchestrator.models WHERE slug = 'gpt-5'"));
        assertEquals("1", db.queryValue("SELECT count(*) FROM orchestrator.models WHERE slug = 'gemini-2.5-flash'"));
    }

    @Test
    void syncDeletesRowsInNoFileAndItsDryRunMeetsTheForeignKeyRefusalTheRealRunWould() throws SQLException {
        load(seeds.source());
        seeds.write("manifest", seeds.read("manifest").replace("\"integration_categories.json\": {}",
                "\"integration_categories.json\": {\"mode\": \"sync\"}"));
        db.execute("INSERT INTO orchestrator.integration_categories (id, slug, name, image_url) "
                + "VALUES (gen_random_uuid(), 'retired', 'Retired', 'r.svg')");
        CatalogReport synced = load(seeds.source()).catalog("integration_categories");
        assertEquals(1, synced.deleted());
        assertEquals("retired", assertInstanceOf(RowChange.Deleted.class, synced.changes().getFirst()).key());
        assertEquals("0", db.queryValue("SELECT count(*) FROM orchestrator.integration_categories WHERE slug = 'retired'"));

        // A provider someone added by hand still uses the category the file drops: both runs refuse, naming it.
        db.execute("INSERT INTO orchestrator.integration_providers (id, provider, name, description, icon_url, category_id) "
                + "SELECT gen_random_uuid(), 'custom', 'Custom', 'd', 'i', id FROM orchestrator.integration_categories WHERE slug = 'storage'");
        seeds.write("integration_providers", seeds.read("integration_providers").replace("\"category\": \"storage\"", "\"category\": \"documents\"")
                .replace("\"category\": \"storage\"", "\"category\": \"documents\""));
        seeds.write("integration_categories", seeds.read("integration_categories").replace("\"slug\": \"storage\"", "\"slug\": \"archives\""));
        List<List<String>> before = db.query("SELECT c::text FROM orchestrator.integration_categories c ORDER BY 1");
        for (boolean dryRun : List.of(true, false)) {
            SeedException refused = assertThrows(SeedException.class,
                    () -> SeedLoader.into(db.endpoint()).dryRun(dryRun).load(seeds.source()), "dry run " + dryRun);
            assertTrue(refused.getMessage().contains("slug \"storage\""), refused.getMessage());
            assertTrue(refused.getMessage().contains("integration_providers still references it"), refused.getMessage());
        }
        assertEquals(before, db.query("SELECT c::text FROM orchestrator.integration_categories c ORDER BY 1"), "nothing was written");
    }

    @Test
    void anOverlayAddsItsRowsOnTopOfTheBaseAndTheReportSaysWhichLayerEachCameFrom() throws SQLException {
        SeedResult base = load(seeds.source());
        assertEquals("0", db.queryValue("SELECT count(*) FROM orchestrator.usage_plans WHERE slug = 'dev'"), "never unless named");
        assertEquals(java.util.Map.of("base", 2), base.catalog("usage_plans").layers());
        seeds.write("dev/models", """
                [{"slug": "auto", "name": "Auto (dev)", "description": "Routed to the cheapest model in development."}]""");
        SeedResult dev = SeedLoader.into(db.endpoint()).environment("dev").load(seeds.source());
        CatalogReport plans = dev.catalog("usage_plans");
        assertEquals(java.util.Map.of("base", 2, "dev", 1), plans.layers());
        RowChange.Inserted added = assertInstanceOf(RowChange.Inserted.class, plans.changes().getFirst());
        assertEquals(List.of("dev", "dev"), List.of(added.key(), added.layer()));
        RowChange.Updated replaced = assertInstanceOf(RowChange.Updated.class, dev.catalog("models").changes().getFirst());
        assertEquals(List.of("auto", "dev"), List.of(replaced.key(), replaced.layer()));
        assertEquals("Auto (dev)", db.queryValue("SELECT name FROM orchestrator.models WHERE slug = 'auto'"));
    }

    @Test
    void aDatabaseOfAnotherShapeIsRefusedNamingTheFirstMismatchAndNothingIsWritten(@TempDir Path toolsOnly) throws Exception {
        Files.copy(seeds.file("tools"), toolsOnly.resolve("tools.json"));
        PostgresDatabase other = db.sibling();
        other.execute("CREATE SCHEMA orchestrator", """
                CREATE TABLE orchestrator.tools (tool_id text PRIMARY KEY, name text NOT NULL UNIQUE, display_name text,
                    description text, category text, icon_url text, implemented boolean, sort_order integer)""");
        SeedException refused = assertThrows(SeedException.class,
                () -> SeedLoader.into(other.endpoint()).load(SeedSource.directory(toolsOnly)));
        assertTrue(refused.getMessage().contains("orchestrator.tools has no column id"), refused.getMessage());
        assertEquals("0", other.queryValue("SELECT count(*) FROM orchestrator.tools"));
    }

    @Test
    void anUnknownReferenceIsPlacedAtItsValueAndNamesTheCatalogItWasLookedUpIn() {
        seeds.replace("tools", "\"category\": \"search\"", "\"category\": \"serch\"");
        SeedProblem problem = problems(seeds.source()).getFirst();
        assertEquals("/tools/0/category", problem.pointer());
        assertEquals(8, problem.line());
        assertTrue(problem.message().contains("\"serch\"") && problem.message().contains("tool_categories"), problem.message());
    }

    @Test
    void aNulCharacterInTextIsRefusedWithItsPosition() {
        seeds.replace("models", "\"name\": \"Auto\"", "\"name\": \"Au\\u0000to\"");
        SeedProblem problem = assertThrows(SeedFileException.class, () -> Seeds.read(seeds.source())).problems().getFirst();
        assertEquals("/models/0/name", problem.pointer());
        assertTrue(problem.line() > 0 && problem.message().contains("NUL"), problem.toString());
    }

    @Test
    void aManifestNamingAMissingTableColumnOrKeyIsOneLineNamingIt() {
        String manifest = seeds.read("manifest");
        seeds.write("manifest", manifest.replace("\"models.json\": {}", "\"models.json\": {\"key\": \"handle\"}"));
        List<SeedProblem> key = assertThrows(SeedFileException.class, () -> Seeds.read(seeds.source())).problems();
        assertEquals(1, key.size(), key::toString);
        assertTrue(key.getFirst().toString().contains("manifest.json:") && key.getFirst().message().contains("handle"), key.toString());

        seeds.write("manifest", manifest.replace("\"models.json\": {}", "\"models.json\": {\"rename\": {\"title\": \"heading\"}}"));
        List<SeedProblem> column = assertThrows(SeedFileException.class, () -> Seeds.read(seeds.source())).problems();
        assertEquals("orchestrator.models has no column heading", column.getFirst().message());

        seeds.write("manifest", manifest.replace("\"usage_plans.json\": {", "\"usage_plans.json\": {\"table\": \"plans\", "));
        List<SeedProblem> table = problems(seeds.source());
        assertEquals(1, table.size(), table::toString);
        assertEquals("there is no table orchestrator.plans", table.getFirst().message());
    }

    @Test
    void aCycleOfReferencesIsRefusedNamingTheCycle() {
        seeds.write("manifest", seeds.read("manifest").replace("\"tool_categories.json\": {}",
                "\"tool_categories.json\": {\"references\": {\"slug\": \"tools\"}}"));
        List<SeedProblem> problems = assertThrows(SeedFileException.class, () -> Seeds.read(seeds.source())).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.getFirst().message().contains("tools -> tool_categories -> tools")
                || problems.getFirst().message().contains("tool_categories -> tools -> tool_categories"), problems.toString());
    }
}
