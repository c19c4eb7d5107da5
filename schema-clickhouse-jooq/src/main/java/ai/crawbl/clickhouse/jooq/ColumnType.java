package ai.crawbl.clickhouse.jooq;

import org.jooq.DataType;
import org.jooq.impl.SQLDataType;
import org.jooq.types.UByte;
import org.jooq.types.UInteger;
import org.jooq.types.ULong;
import org.jooq.types.UShort;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse column type as the adapter reads it: the jOOQ {@link DataType} of a result column and how to turn
 * ClickHouse's text for a value ({@code TabSeparated}, already unescaped) into that type's Java value.
 *
 * <p>{@code Nullable(T)} and {@code LowCardinality(T)} read as {@code T}; {@code Map}, {@code Tuple} and other
 * composite types read as ClickHouse's text for them, since jOOQ has no Java type they map to one-to-one.
 *
 * @param dataType what jOOQ sees
 * @param reader   ClickHouse's text for a non-NULL value to its Java value
 */
record ColumnType(DataType<?> dataType, Function<String, Object> reader) {

    private static final Pattern WRAPPER = Pattern.compile("(?:Nullable|LowCardinality)\\((.*)\\)");
    private static final Pattern DECIMAL = Pattern.compile("Decimal(32|64|128|256)?\\((\\d+)(?:,\\s*(\\d+))?\\)");
    private static final Pattern DATE_TIME = Pattern.compile("DateTime(64)?(?:\\((\\d+)?(?:,?\\s*'([^']+)')?\\))?");
    private static final Pattern ARRAY = Pattern.compile("Array\\((.*)\\)");
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** The type of a result column ClickHouse reported as {@code type}, e.g. {@code Nullable(Decimal(18, 6))}. */
    static ColumnType of(String type) {
        Matcher wrapper = WRAPPER.matcher(type);
        if (wrapper.matches()) {
            return of(wrapper.group(1));
        }
        return switch (type) {
            case "Int8" -> new ColumnType(SQLDataType.TINYINT, Byte::valueOf);
            case "Int16" -> new ColumnType(SQLDataType.SMALLINT, Short::valueOf);
            case "Int32" -> new ColumnType(SQLDataType.INTEGER, Integer::valueOf);
            case "Int64" -> new ColumnType(SQLDataType.BIGINT, Long::valueOf);
            case "UInt8" -> new ColumnType(SQLDataType.TINYINTUNSIGNED, UByte::valueOf);
            case "UInt16" -> new ColumnType(SQLDataType.SMALLINTUNSIGNED, UShort::valueOf);
            case "UInt32" -> new ColumnType(SQLDataType.INTEGERUNSIGNED, UInteger::valueOf);
            case "UInt64" -> new ColumnType(SQLDataType.BIGINTUNSIGNED, ULong::valueOf);
            case "Int128", "Int256", "UInt128", "UInt256" -> new ColumnType(SQLDataType.DECIMAL_INTEGER, BigInteger::new);
            case "Float32" -> new ColumnType(SQLDataType.REAL, text -> (float) floating(text));
            case "Float64" -> new ColumnType(SQLDataType.DOUBLE, ColumnType::floating);
            case "Bool" -> new ColumnType(SQLDataType.BOOLEAN, text -> text.equals("true") || text.equals("1"));
            case "UUID" -> new ColumnType(SQLDataType.UUID, UUID::fromString);
            case "Date", "Date32" -> new ColumnType(SQLDataType.LOCALDATE, LocalDate::parse);
            case "Nothing" -> new ColumnType(SQLDataType.OTHER, text -> text);
            default -> composite(type);
        };
    }

    private static ColumnType composite(String type) {
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = decimal.group(3) == null ? 38 : Integer.parseInt(decimal.group(2));
            int scale = Integer.parseInt(decimal.group(3) == null ? decimal.group(2) : decimal.group(3));
            return new ColumnType(SQLDataType.DECIMAL(precision, scale), text -> new BigDecimal(text).setScale(scale));
        }
        Matcher time = DATE_TIME.matcher(type);
        if (time.matches()) {
            int precision = time.group(1) == null ? 0 : time.group(2) == null ? 3 : Integer.parseInt(time.group(2));
            if (time.group(3) == null) {
                return new ColumnType(SQLDataType.LOCALDATETIME(precision), text -> LocalDateTime.parse(text, TIME));
            }
            ZoneId zone = ZoneId.of(time.group(3));
            return new ColumnType(SQLDataType.OFFSETDATETIME(precision),
                    text -> LocalDateTime.parse(text, TIME).atZone(zone).toOffsetDateTime());
        }
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            ColumnType element = of(array.group(1));
            if (!array.group(1).matches("(?:Nullable\\()?(?:Array|Map|Tuple|Nested).*")) {
                return new ColumnType(element.dataType().getArrayDataType(), element::array);
            }
        }
        return new ColumnType(SQLDataType.VARCHAR, text -> text);
    }

    /** Reads ClickHouse's text for a value of this type; {@code null} stays {@code null}. */
    Object read(String text) {
        return text == null ? null : reader.apply(text);
    }

    /** An array literal such as {@code ['a','b\'c',NULL]} or {@code [1,2]} as a Java array of this element type. */
    private Object array(String text) {
        List<String> elements = ArrayLiteral.elements(text);
        Object result = Array.newInstance(dataType.getType(), elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Array.set(result, i, read(elements.get(i)));
        }
        return result;
    }

    private static double floating(String text) {
        return switch (text) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /**
     * Splits ClickHouse's text of a one-dimensional array into the text of each element ({@code null} for NULL).
     * The text arrives already unescaped by the TabSeparated reader, so a quote inside a string element looks like the
     * quote that ends it: an element ends at a quote followed by {@code ]} at the end or by {@code ,'} / {@code ,NULL}.
     * A string element that itself contains {@code ','} or {@code ',NULL} is therefore split wrongly (a documented
     * limit).
     */
    static final class ArrayLiteral {

        private ArrayLiteral() {
        }

        static List<String> elements(String text) {
            if (text.length() < 2 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
                throw new IllegalArgumentException("not a ClickHouse array: " + text);
            }
            List<String> elements = new ArrayList<>();
            int end = text.length() - 1;
            int i = 1;
            while (i < end) {
                int stop;
                if (text.charAt(i) == '\'') {
                    stop = i + 1;
                    while (!closes(text, stop, end)) {
                        stop++;
                    }
                    elements.add(text.substring(i + 1, stop));
                    stop++;
                } else {
                    int comma = text.indexOf(',', i);
                    stop = comma < 0 || comma > end ? end : comma;
                    String value = text.substring(i, stop);
                    elements.add(value.equals("NULL") ? null : value);
                }
                i = stop + 1;
            }
            return elements;
        }

        private static boolean closes(String text, int at, int end) {
            if (at >= end) {
                throw new IllegalArgumentException("unterminated string in ClickHouse array: " + text);
            }
            return text.charAt(at) == '\'' && (at + 1 == end || text.startsWith(",'", at + 1) || text.startsWith(",NULL", at + 1));
        }
    }
}
