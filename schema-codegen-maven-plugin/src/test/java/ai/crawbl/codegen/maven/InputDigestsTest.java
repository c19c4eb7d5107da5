package ai.crawbl.codegen.maven;

import ai.crawbl.codegen.meta.InputDigests;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a step that does not skip says why: which named input changed. */
class InputDigestsTest {

    private static InputDigests digests(String... pairs) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            byName.put(pairs[i], pairs[i + 1]);
        }
        return new InputDigests(byName);
    }

    @Test
    void namesTheInputsWhoseDigestsChanged() {
        InputDigests before = digests("salt", "a1", "src/main/migrations", "b2", "pom.xml", "c3");
        assertEquals("pom.xml changed", digests("salt", "a1", "src/main/migrations", "b2", "pom.xml", "ff").reasonSince(before));
        assertEquals("src/main/migrations, pom.xml changed",
                digests("salt", "a1", "src/main/migrations", "ee", "pom.xml", "ff").reasonSince(before));
        assertEquals("nothing recorded yet", before.reasonSince(InputDigests.NONE));
    }

    @Test
    void survivesTheRecordFile() {
        InputDigests digests = digests("migrations", "0a", "configuration", "1b");
        assertEquals(digests, InputDigests.parse(digests.toString()));
        assertEquals(InputDigests.NONE, InputDigests.parse(""));
    }
}
