package ai.crawbl.seed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a well-formed JSON document starts, by JSON pointer; for a property, where its name starts.
 * Built only when there is a problem to report, so a valid file is read once.
 */
final class JsonPositions {

    private final Map<String, JsonLocation> byPointer;

    private JsonPositions(Map<String, JsonLocation> byPointer) {
        this.byPointer = byPointer;
    }

    static JsonPositions of(JsonFactory factory, byte[] json) {
        Map<String, JsonLocation> positions = new HashMap<>();
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                // A container's own context is the child one: its pointer is that of the parent's current slot.
                JsonPointer pointer = token.isStructStart()
                        ? JsonPointer.forPath(parser.getParsingContext().getParent(), false)
                        : JsonPointer.forPath(parser.getParsingContext(), false);
                positions.putIfAbsent(pointer.toString(), parser.currentTokenLocation());
            }
        } catch (IOException e) {
            // The document was parsed once already; whatever was indexed before a failure is still useful.
        }
        return new JsonPositions(positions);
    }

    /** The location of the value at {@code pointer}, or of its nearest ancestor that has one. */
    JsonLocation find(String pointer) {
        String at = pointer;
        while (true) {
            JsonLocation location = byPointer.get(at);
            if (location != null || at.isEmpty()) {
                return location;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
    }
}
