package ai.crawbl.seed;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading and checking seed files: what is accepted, and how each kind of bad input is reported. */
class SeedFilesTest {

    private SeedFolder seeds;

    @BeforeEach
    void folder(@TempDir Path folder) {
        seeds = SeedFolder.copyOfPackaged(folder);
    }

    private List<SeedProblem> problems() {
        return assertThrows(SeedFileException.class, () -> Seeds.read(seeds.source())).problems();
    }

    private SeedProblem onlyProblem() {
        List<SeedProblem> problems = problems();
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.getFirst();
    }

    @Test
    void thePackagedCatalogsAreValid() {
        Seeds read = Seeds.read(SeedSource.packaged());
        assertEquals(38, read.file("tools").entries().size());
        assertEquals("auto", read.file("models").values("slug").getFirst());
        assertEquals(List.of("free", "pro"), read.file("usage_plans").values("slug"));
        assertEquals(500_000L, read.file("usage_plans").values("monthly_token_limit").getFirst());
        assertNull(read.file("usage_plans").values("daily_request_limit").getFirst());
    }

    @Test
    void aBareArrayOfEntriesIsReadLikeTheWrappedForm() {
        seeds.write("models", """
                [ {"slug": "auto", "name": "Auto", "description": "Picks a model.", "sort_order": 0} ]""");
        Seeds read = Seeds.read(seeds.source());
        SeedFile models = read.file("models");
        assertEquals(List.of("auto"), models.values("slug"));
        assertEquals(List.of("Auto"), models.values("name"));
        assertEquals(List.of("Picks a model."), models.values("description"));
        assertEquals(List.of(0), models.values("sort_order"));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        seeds.write("tools", """
                {"tools": [{"name": "web_search", "display_name": "Web Search", "description": "Searches.",
                            "category": "search", "icon_url": "icons/tools/web_search.svg"}]}""");
        SeedFile tools = Seeds.read(seeds.source()).file("tools");
        assertEquals(SeedFile.ABSENT, tools.values("implemented").getFirst());
        assertEquals(SeedFile.ABSENT, tools.values("sort_order").getFirst());
    }

    @Test
    void malformedJsonIsReportedAtItsLineAndColumn() {
        seeds.write("models", "{\n  \"models\": [\n    {\"slug\": \"auto\",, }\n  ]\n}\n");
        SeedProblem problem = onlyProblem();
        assertEquals(seeds.file("models").toString(), problem.file());
        assertEquals(3, problem.line());
        assertEquals(21, problem.column());
        assertTrue(problem.message().startsWith("not valid JSON"), problem.message());
        assertTrue(problem.toString().startsWith(seeds.file("models") + ":3:21: "), problem.toString());
    }

    @Test
    void aRepeatedPropertyInOneObjectIsMalformed() {
        seeds.write("models", "{\"models\": [{\"slug\": \"auto\", \"slug\": \"other\"}]}");
        assertTrue(onlyProblem().message().contains("Duplicate field 'slug'"));
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByPointerAndPosition() {
        seeds.replace("tools", "\"implemented\": true", "\"implemented\": \"yes\"");
        SeedProblem problem = onlyProblem();
        assertEquals("/tools/0/implemented", problem.pointer());
        assertEquals(10, problem.line());
        assertTrue(problem.message().contains("boolean expected"), problem.message());
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        seeds.replace("usage_plans", "\"daily_request_limit\": null,", "");
        SeedProblem problem = onlyProblem();
        assertEquals("/usage_plans/0", problem.pointer());
        assertTrue(problem.message().contains("daily_request_limit"), problem.message());
    }

    @Test
    void anUnknownFieldIsPointedAtByName() {
        seeds.replace("models", "\"name\": \"Auto\",", "\"name\": \"Auto\", \"colour\": \"blue\",");
        SeedProblem problem = onlyProblem();
        assertEquals("/models/0/colour", problem.pointer());
        assertTrue(problem.message().contains("colour"), problem.message());
    }

    @Test
    void aNaturalKeyTwiceInOneFileIsAnError() {
        seeds.replace("tools", "\"name\": \"web_fetch\"", "\"name\": \"web_search\"");
        SeedProblem problem = onlyProblem();
        assertEquals("/tools/1/name", problem.pointer());
        assertTrue(problem.message().contains("duplicate name \"web_search\""), problem.message());
        assertTrue(problem.message().contains("/tools/0/name"), problem.message());
    }

    @Test
    void aNegativeTokenLimitIsRefused() {
        seeds.replace("usage_plans", "\"monthly_token_limit\": 500000", "\"monthly_token_limit\": -1");
        SeedProblem problem = onlyProblem();
        assertEquals("/usage_plans/0/monthly_token_limit", problem.pointer());
        assertTrue(problem.message().contains("minimum"), problem.message());
    }

    @Test
    void aNegativeLimitInABareArrayIsPointedAtInThatForm() {
        seeds.write("usage_plans", """
                [{"slug": "free", "name": "Free", "monthly_token_limit": 1, "daily_request_limit": -3, "max_tokens_per_request": null}]""");
        assertEquals("/0/daily_request_limit", onlyProblem().pointer());
    }

    @Test
    void anEmptyNameIsRefused() {
        seeds.replace("models", "\"name\": \"Auto\"", "\"name\": \"\"");
        assertEquals("/models/0/name", onlyProblem().pointer());
    }

    @Test
    void quotesBackslashesAndNonAsciiTextAreReadVerbatim() {
        String description = "Say \\\"hi\\\"; DROP TABLE tools; -- C:\\\\temp ü 日本語 🚀";
        seeds.replace("models", "\"description\": \"Let the orchestrator pick a model for each request, balancing quality, speed and cost.\"",
                "\"description\": \"" + description + "\"");
        assertEquals("Say \"hi\"; DROP TABLE tools; -- C:\\temp ü 日本語 🚀",
                Seeds.read(seeds.source()).file("models").values("description").getFirst());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Files.write(seeds.file("tools"), new byte[10 * 1024 * 1024]);
        SeedProblem problem = onlyProblem();
        assertEquals(seeds.file("tools").toString(), problem.file());
        assertTrue(problem.message().contains("10485760 bytes"), problem.message());
        assertTrue(problem.message().contains("--max-file-size"), problem.message());
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.delete(seeds.file("usage_plans"));
        SeedProblem problem = onlyProblem();
        assertEquals(seeds.file("usage_plans").toString(), problem.file());
        assertTrue(problem.message().startsWith("no such file"), problem.message());
    }

    @Test
    void problemsInSeveralFilesAreReportedTogether() throws IOException {
        Files.delete(seeds.file("tools"));
        seeds.write("models", "[]");
        assertEquals(List.of("tools.json", "models.json"),
                problems().stream().map(problem -> Path.of(problem.file()).getFileName().toString()).toList());
    }

    @Test
    void anythingButAnObjectOrAnArrayIsRefused() {
        seeds.write("models", "\"models\"");
        assertTrue(onlyProblem().message().contains("expected an object"));
    }
}
