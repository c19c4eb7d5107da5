package ai.crawbl.seed;

import org.jooq.Check;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a catalog table as the loader sees it, read from a jOOQ field: its kind of value, whether it takes
 * null, its default, and the bounds its CHECK constraints state in the simple form {@code column >= number}.
 *
 * @param name       the column name
 * @param type       the jOOQ data type
 * @param kind       how values are read, compared and sent
 * @param nullable   whether the column takes null
 * @param defaulted  whether the column has a default
 * @param literal    the default as a value when it is a literal ({@code false}, {@code 0}, {@code 'global'}), else null
 * @param maxLength  the declared length of a {@code varchar(n)}, else 0
 * @param bounds     the bounds read from CHECK constraints
 */
record Column(String name, DataType<?> type, ValueKind kind, boolean nullable, boolean defaulted, Object literal,
              int maxLength, List<Bound> bounds) {

    /** A CHECK bound: {@code value op limit}, op one of {@code >=, >, <=, <}. */
    record Bound(String op, BigDecimal limit) {
        boolean admits(BigDecimal value) {
            int c = value.compareTo(limit);
            return switch (op) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                default -> c < 0;
            };
        }

        String describe() {
            return switch (op) {
                case ">=" -> "must have a minimum value of " + ValueKind.text(limit);
                case ">" -> "must be greater than " + ValueKind.text(limit);
                case "<=" -> "must have a maximum value of " + ValueKind.text(limit);
                default -> "must be less than " + ValueKind.text(limit);
            };
        }
    }

    /** {@code 'text'}, {@code 'text'::type} or, as jOOQ renders a default it read from the database, {@code cast('text' as type)}. */
    private static final Pattern STRING_LITERAL = Pattern.compile("^(?:cast\\()?'((?:[^']|'')*)'(?:::[a-z ]+| as [a-z ]+\\))?$");
    private static final Pattern NUMBER_LITERAL = Pattern.compile("^(?:cast\\()?\\(?(-?\\d+(?:\\.\\d+)?)\\)?(?:::[a-z ]+| as [a-z ]+(?:\\(\\d+(?:, ?\\d+)?\\))?\\))?$");
    private static final Pattern SIMPLE_CHECK = Pattern.compile(
            "^\\(*\\s*\"?(\\w+)\"?\\s*(>=|>|<=|<)\\s*\\(?(-?\\d+(?:\\.\\d+)?)\\)?(?:::\\w+)?\\s*\\)*$");

    static Column of(Field<?> field, List<? extends Check<?>> checks) {
        DataType<?> type = field.getDataType();
        ValueKind kind = ValueKind.of(type.getType());
        Object literal = null;
        boolean defaulted = type.defaulted() && type.default_() != null;
        if (defaulted) {
            literal = literal(kind, DSL.using(SQLDialect.POSTGRES).renderInlined(type.default_()).trim());
        }
        List<Bound> bounds = checks.stream().map(check -> bound(field.getName(), check.condition().toString()))
                .filter(java.util.Objects::nonNull).toList();
        int maxLength = kind == ValueKind.TEXT && type.hasLength() && type.length() > 0 ? type.length() : 0;
        return new Column(field.getName(), type, kind, type.nullable(), defaulted, literal, maxLength, bounds);
    }

    /** The column's type as PostgreSQL names it, e.g. {@code text}, {@code numeric(18, 12)}. */
    String sqlType() {
        String name = type.getTypeName(DSL.using(SQLDialect.POSTGRES).configuration());
        return type.hasPrecision() && type.precision() > 0 && type.getType() == BigDecimal.class
                ? name + "(" + type.precision() + ", " + type.scale() + ")" : name;
    }

    /** Whether the default is a literal the loader writes and compares as the value of a left-out property. */
    boolean literalDefault() {
        return literal != null;
    }

    /** A default that is an expression ({@code now()}): the loader never writes the column. */
    boolean expressionDefault() {
        return defaulted && literal == null;
    }

    private static Object literal(ValueKind kind, String sql) {
        Matcher string = STRING_LITERAL.matcher(sql);
        Matcher number = NUMBER_LITERAL.matcher(sql);
        try {
            return switch (kind) {
                case TEXT -> string.matches() ? string.group(1).replace("''", "'") : null;
                case BOOLEAN -> sql.equals("true") ? Boolean.TRUE : sql.equals("false") ? Boolean.FALSE : null;
                case SMALLINT -> number.matches() ? Short.valueOf(number.group(1)) : null;
                case INTEGER -> number.matches() ? Integer.valueOf(number.group(1)) : null;
                case BIGINT -> number.matches() ? Long.valueOf(number.group(1)) : null;
                case NUMERIC -> number.matches() ? new BigDecimal(number.group(1)) : null;
                case DOUBLE -> number.matches() ? Double.valueOf(number.group(1)) : null;
                case JSON -> string.matches() ? org.jooq.JSONB.valueOf(string.group(1).replace("''", "'")) : null;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Bound bound(String column, String condition) {
        Matcher check = SIMPLE_CHECK.matcher(condition.trim());
        if (!check.matches() || !check.group(1).equals(column)) {
            return null;
        }
        return new Bound(check.group(2), new BigDecimal(check.group(3)));
    }
}
