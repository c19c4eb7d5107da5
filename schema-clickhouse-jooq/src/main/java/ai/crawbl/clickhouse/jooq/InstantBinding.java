package ai.crawbl.clickhouse.jooq;

import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * A ClickHouse {@code DateTime64(p, 'zone')} (or {@code DateTime('zone')}) column as a {@link Instant}. jOOQ's own
 * rendering of an inlined instant ({@code timestamp with time zone '…'}) is not ClickHouse syntax, and
 * {@code timestamp '…'} drops the fraction, so values are written as {@code toDateTime64('…', 9, 'UTC')}: the instant
 * in UTC with nanoseconds, whatever the server's or the session's time zone. Reads accept what either side returns:
 * chDB's text read by {@link ChdbJooq}, or the JDBC driver's temporal objects and strings.
 */
public final class InstantBinding implements Binding<Object, Instant> {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd().toFormatter();

    private static final Converter<Object, Instant> CONVERTER = Converter.ofNullable(Object.class, Instant.class,
            InstantBinding::instant, instant -> instant);

    @Override
    public Converter<Object, Instant> converter() {
        return CONVERTER;
    }

    /** The instant a value read from ClickHouse stands for; zone-less values are UTC, the zone this binding writes. */
    static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime time -> time.toInstant();
            case ZonedDateTime time -> time.toInstant();
            case LocalDateTime time -> time.toInstant(ZoneOffset.UTC);
            case Timestamp timestamp -> timestamp.toInstant();
            default -> {
                var parsed = LENIENT.parseBest(value.toString().trim(), OffsetDateTime::from, LocalDateTime::from);
                yield parsed instanceof OffsetDateTime time ? time.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            }
        };
    }

    @Override
    public void sql(BindingSQLContext<Instant> ctx) {
        if (ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().visit(ctx.value() == null ? DSL.inline((Object) null)
                    : DSL.function("toDateTime64", Object.class, DSL.inline(TEXT.format(ctx.value())), DSL.inline(9), DSL.inline("UTC")));
        } else {
            ctx.render().sql("toDateTime64(").sql(ctx.variable()).sql(", 9, 'UTC')");
        }
    }

    @Override
    public void register(BindingRegisterContext<Instant> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.VARCHAR);
    }

    @Override
    public void set(BindingSetStatementContext<Instant> ctx) throws SQLException {
        if (ctx.value() == null) {
            ctx.statement().setNull(ctx.index(), Types.VARCHAR);
        } else {
            ctx.statement().setString(ctx.index(), TEXT.format(ctx.value()));
        }
    }

    @Override
    public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
        Object value = ctx.resultSet().getObject(ctx.index());
        ctx.value(value == null ? null : instant(value));
    }

    @Override
    public void get(BindingGetStatementContext<Instant> ctx) throws SQLException {
        Object value = ctx.statement().getObject(ctx.index());
        ctx.value(value == null ? null : instant(value));
    }

    @Override
    public void set(BindingSetSQLOutputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("ClickHouse has no user-defined types");
    }

    @Override
    public void get(BindingGetSQLInputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("ClickHouse has no user-defined types");
    }
}
