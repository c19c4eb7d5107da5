package ai.crawbl.schema.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jooq.Converter;
import org.jooq.JSONB;

/** Maps PostgreSQL's {@code jsonb} to Jackson's {@link JsonNode} and back; SQL null is Java null. */
public final class JsonbNodeConverter implements Converter<JSONB, JsonNode> {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    @Override
    public JsonNode from(JSONB value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.readTree(value.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("jsonb value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public JSONB to(JsonNode value) {
        return value == null ? null : JSONB.valueOf(value.toString());
    }

    @Override
    public Class<JSONB> fromType() {
        return JSONB.class;
    }

    @Override
    public Class<JsonNode> toType() {
        return JsonNode.class;
    }
}
