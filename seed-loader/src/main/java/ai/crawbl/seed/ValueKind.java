package ai.crawbl.seed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.jooq.JSONB;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * How the loader reads, compares and sends the values of one column, chosen from the Java type of the column's jOOQ
 * {@code DataType}. Reading a value from JSON checks its JSON type; comparing is by value (so {@code 0.5} equals the
 * database's {@code 0.500000000000}, and two spellings of one instant are equal).
 */
enum ValueKind {
    TEXT("string"), SMALLINT("integer"), INTEGER("integer"), BIGINT("integer"), NUMERIC("number"), DOUBLE("number"),
    BOOLEAN("boolean"), UUID_VALUE("string"), INSTANT("string"), OFFSET_DATE_TIME("string"), DATE("string"),
    JSON("any"), UNSUPPORTED("any");

    /** The JSON Schema type of a non-null value. */
    final String jsonType;

    ValueKind(String jsonType) {
        this.jsonType = jsonType;
    }

    static ValueKind of(Class<?> type) {
        if (type == String.class) return TEXT;
        if (type == Short.class) return SMALLINT;
        if (type == Integer.class) return INTEGER;
        if (type == Long.class) return BIGINT;
        if (type == BigDecimal.class) return NUMERIC;
        if (type == Double.class || type == Float.class) return DOUBLE;
        if (type == Boolean.class) return BOOLEAN;
        if (type == UUID.class) return UUID_VALUE;
        if (type == Instant.class) return INSTANT;
        if (type == OffsetDateTime.class) return OFFSET_DATE_TIME;
        if (type == LocalDate.class) return DATE;
        if (type == JSONB.class || type == org.jooq.JSON.class) return JSON;
        return UNSUPPORTED;
    }

    /** A value the file gave that does not fit the column: what to tell the person. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads the value at the parser's current token (not null); the parser ends on the value's last token. */
    Object read(JsonParser parser) throws IOException, Refused {
        JsonToken token = parser.currentToken();
        switch (this) {
            case TEXT -> {
                String text = expect(token, JsonToken.VALUE_STRING, parser).getText();
                if (text.indexOf('\0') >= 0) {
                    throw new Refused("contains a NUL character (\\u0000), which PostgreSQL cannot store in text; remove it");
                }
                return text;
            }
            case SMALLINT, INTEGER, BIGINT -> {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    throw new Refused(found(token) + " found, integer expected");
                }
                long max = this == SMALLINT ? Short.MAX_VALUE : this == INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger value = parser.getBigIntegerValue();
                    throw new Refused(value.signum() > 0 ? "must have a maximum value of " + max
                            : "must have a minimum value of " + (-max - 1));
                }
                long number = parser.getLongValue();
                if (number > max) {
                    throw new Refused("must have a maximum value of " + max);
                }
                if (number < -max - 1) {
                    throw new Refused("must have a minimum value of " + (-max - 1));
                }
                return switch (this) {
                    case SMALLINT -> (Object) (short) number;
                    case INTEGER -> (Object) (int) number;
                    default -> (Object) number;
                };
            }
            case NUMERIC, DOUBLE -> {
                if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new Refused(found(token) + " found, number expected");
                }
                return this == NUMERIC ? (Object) parser.getDecimalValue() : (Object) parser.getDoubleValue();
            }
            case BOOLEAN -> {
                if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                    throw new Refused(found(token) + " found, boolean expected");
                }
                return token == JsonToken.VALUE_TRUE;
            }
            case UUID_VALUE -> {
                String text = expect(token, JsonToken.VALUE_STRING, parser).getText();
                try {
                    return UUID.fromString(text);
                } catch (IllegalArgumentException e) {
                    throw new Refused("\"" + text + "\" is not a UUID");
                }
            }
            case INSTANT, OFFSET_DATE_TIME -> {
                String text = expect(token, JsonToken.VALUE_STRING, parser).getText();
                try {
                    OffsetDateTime time = OffsetDateTime.parse(text);
                    return this == INSTANT ? time.toInstant() : time.withOffsetSameInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new Refused("\"" + text + "\" is not a date-time with an offset (e.g. 2025-08-07T00:00:00Z)");
                }
            }
            case DATE -> {
                String text = expect(token, JsonToken.VALUE_STRING, parser).getText();
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new Refused("\"" + text + "\" is not a date (e.g. 2025-08-07)");
                }
            }
            case JSON -> {
                return JSONB.valueOf(parser.readValueAsTree().toString());
            }
            default -> throw new Refused("the loader cannot write this column's type; leave it out of the seed file");
        }
    }

    private static JsonParser expect(JsonToken token, JsonToken expected, JsonParser parser) throws Refused {
        if (token != expected) {
            throw new Refused(found(token) + " found, string expected");
        }
        return parser;
    }

    static String found(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT -> "integer";
            case VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            default -> token.asString();
        };
    }

    /** Reads column {@code index} (1-based) of the current row, as {@link #read} would have given it. */
    Object get(ResultSet rows, int index) throws SQLException {
        Object value = switch (this) {
            case TEXT -> rows.getString(index);
            case SMALLINT -> rows.getShort(index);
            case INTEGER -> rows.getInt(index);
            case BIGINT -> rows.getLong(index);
            case NUMERIC -> rows.getBigDecimal(index);
            case DOUBLE -> rows.getDouble(index);
            case BOOLEAN -> rows.getBoolean(index);
            case UUID_VALUE -> rows.getObject(index, UUID.class);
            case INSTANT -> {
                OffsetDateTime time = rows.getObject(index, OffsetDateTime.class);
                yield time == null ? null : time.toInstant();
            }
            case OFFSET_DATE_TIME -> {
                OffsetDateTime time = rows.getObject(index, OffsetDateTime.class);
                yield time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
            }
            case DATE -> rows.getObject(index, LocalDate.class);
            case JSON -> {
                String text = rows.getString(index);
                yield text == null ? null : JSONB.valueOf(text);
            }
            case UNSUPPORTED -> rows.getObject(index);
        };
        return rows.wasNull() ? null : value;
    }

    /** Whether a stored value and a desired one are the same value of this column. */
    boolean same(Object stored, Object desired) {
        if (stored == null || desired == null) {
            return stored == desired;
        }
        return switch (this) {
            case NUMERIC -> ((BigDecimal) stored).compareTo((BigDecimal) desired) == 0;
            case JSON -> sameJson(stored.toString(), desired.toString());
            default -> Objects.equals(stored, desired);
        };
    }

    private static boolean sameJson(String stored, String desired) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            return json.readTree(stored).equals(json.readTree(desired));
        } catch (IOException e) {
            return stored.equals(desired);
        }
    }

    /** The value as one canonical text: the same for equal values, used for natural keys and ids. */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal decimal -> decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
            case OffsetDateTime time -> time.toInstant().toString();
            default -> value.toString();
        };
    }
}
