package com.example.orchestrator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This service regenerates with exactly the plugin configuration that schema-codegen's README tells a service to use,
 * so that the snippet cannot rot: when either changes alone, this test names the difference.
 */
class ReadmeSnippetTest {

    private static final Path README = Path.of("../../schema-codegen/README.md");
    private static final Path POM = Path.of("pom.xml");
    private static final Path PARENT_POM = Path.of("../../pom.xml");

    @Test
    void thePomsJooqPluginIsTheReadmesSnippet() throws IOException {
        assertEquals(readmeSnippet(), pomPlugin(),
                "examples/orchestrator-service/pom.xml must carry schema-codegen/README.md's jooq-codegen-maven snippet as it is");
    }

    @Test
    void theSnippetsVersionsAreTheBuildsOwn() throws IOException {
        String snippet = readmeSnippet();
        String parent = Files.readString(PARENT_POM);
        assertTrue(snippet.contains("<version>" + first(parent, "<jooq.version>([^<]+)</jooq.version>") + "</version>"),
                "the snippet names the jOOQ version of the parent POM");
        assertTrue(snippet.contains("<version>" + first(parent, "<artifactId>crawbl-schema</artifactId>\\s*<version>([^<]+)</version>")
                + "</version>"), "the snippet names the toolkit's version");
    }

    /** The README's xml block that declares jooq-codegen-maven, without its fence. */
    static String readmeSnippet() throws IOException {
        Matcher blocks = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        while (blocks.find()) {
            if (blocks.group(1).contains("<artifactId>jooq-codegen-maven</artifactId>")) {
                return dedent(blocks.group(1));
            }
        }
        throw new AssertionError(README + " has no xml block with jooq-codegen-maven any more");
    }

    /** The pom's plugin element that declares jooq-codegen-maven, as written. */
    static String pomPlugin() throws IOException {
        Matcher plugin = Pattern.compile("\\n([ \\t]*<plugin>\\n[ \\t]*<groupId>org\\.jooq</groupId>.*?</plugin>)", Pattern.DOTALL)
                .matcher(Files.readString(POM));
        assertTrue(plugin.find(), POM + " declares no jooq-codegen-maven plugin");
        return dedent(plugin.group(1) + "\n");
    }

    /** The lines with their common indentation removed. */
    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex);
        return matcher.group(1);
    }
}
