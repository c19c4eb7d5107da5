package ai.crawbl.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * PostgreSQL's {@code jsonb} operators and {@code jsonb_set} for columns mapped to Jackson's {@link JsonNode}, usable
 * in {@code select}, {@code where} and {@code update} as they are: the caller coerces nothing. jOOQ's own JSON DSL
 * wants {@code Field<JSONB>} and renders some functions in another database's spelling ({@code jsonbSet} as MySQL's
 * {@code json_set}); these render PostgreSQL's own, all of which live in {@code pg_catalog}, on every search path.
 *
 * <pre>{@code
 * ctx.update(AGENTS)
 *    .set(AGENTS.SETTINGS, Jsonb.set(AGENTS.SETTINGS, json.numberNode(0.2), "model", "temperature"))
 *    .where(Jsonb.hasKey(AGENTS.SETTINGS, "model"))
 *    .execute();
 * }</pre>
 */
public final class Jsonb {

    /** {@code jsonb} read as a {@link JsonNode}, the type of every JSON-valued field made here. */
    public static final DataType<JsonNode> JSON_NODE = SQLDataType.JSONB.asConvertedDataType(new JsonbNodeConverter());

    private static final DataType<String[]> TEXT_ARRAY = SQLDataType.CLOB.array();

    private Jsonb() {
    }

    /** The value under {@code key} of a JSON object, as JSON: {@code json -> key}; SQL null when there is none. */
    public static Field<JsonNode> get(Field<JsonNode> json, String key) {
        return DSL.field("({0} -> {1})", JSON_NODE, json, text(key));
    }

    /** Element {@code index} (from 0; negative counts from the end) of a JSON array, as JSON: {@code json -> index}. */
    public static Field<JsonNode> get(Field<JsonNode> json, int index) {
        return DSL.field("({0} -> {1})", JSON_NODE, json, DSL.val(index));
    }

    /** The value under {@code key} as text: {@code json ->> key} (a string without its quotes). */
    public static Field<String> getText(Field<JsonNode> json, String key) {
        return DSL.field("({0} ->> {1})", SQLDataType.CLOB, json, text(key));
    }

    /** The value at a path of keys (or array indices written as numbers), as JSON: {@code json #> '{a,b}'}. */
    public static Field<JsonNode> path(Field<JsonNode> json, String... path) {
        return DSL.field("({0} #> {1})", JSON_NODE, json, textArray(path));
    }

    /** The value at a path, as text: {@code json #>> '{a,b}'}. */
    public static Field<String> pathText(Field<JsonNode> json, String... path) {
        return DSL.field("({0} #>> {1})", SQLDataType.CLOB, json, textArray(path));
    }

    /**
     * {@code json} with the value at {@code path} replaced by {@code value}, or added when the path's last key is
     * missing: {@code jsonb_set(json, path, value)}. Use it as the new value of the column in an {@code update}.
     */
    public static Field<JsonNode> set(Field<JsonNode> json, JsonNode value, String... path) {
        if (path.length == 0) {
            throw new IllegalArgumentException("jsonb_set needs a path of at least one key");
        }
        return DSL.field("jsonb_set({0}, {1}, {2})", JSON_NODE, json, textArray(path), DSL.val(value, JSON_NODE));
    }

    /** Whether {@code json} contains {@code value} at its top level: {@code json @> value}. */
    public static Condition contains(Field<JsonNode> json, JsonNode value) {
        return DSL.condition("({0} @> {1})", json, DSL.val(value, JSON_NODE));
    }

    /**
     * Whether the JSON object has {@code key} at its top level (or the array has that string): PostgreSQL's {@code ?}.
     * It is written {@code ??}, JDBC's escape for a literal question mark, which pgJDBC turns back into {@code ?} in
     * prepared and plain statements alike; unlike the function {@code jsonb_exists}, the operator can use a GIN index.
     */
    public static Condition hasKey(Field<JsonNode> json, String key) {
        return DSL.condition("({0} ?? {1})", json, text(key));
    }

    private static Field<String> text(String key) {
        return DSL.cast(DSL.val(key), SQLDataType.CLOB);
    }

    private static Field<String[]> textArray(String... path) {
        return DSL.cast(DSL.val(path.clone()), TEXT_ARRAY);
    }
}
