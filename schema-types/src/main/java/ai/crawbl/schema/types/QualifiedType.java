package ai.crawbl.schema.types;

import org.jooq.DataType;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * pgvector's type of a column, and the schema it lives in, as the column's data type names them. jOOQ's generator
 * writes a user-defined type's data type with the schema it read from the catalog ({@code "public"."vector"}), so a
 * chain that installs pgvector elsewhere gets that schema. A data type that names no schema (a hand-made field) gets
 * {@value #DEFAULT_SCHEMA}, where pgvector usually lives.
 */
record QualifiedType(String schema, String name) {

    static final String DEFAULT_SCHEMA = "public";

    /** The qualified type of {@code type}, or {@code fallbackName} in {@value #DEFAULT_SCHEMA} when it is not one. */
    static QualifiedType of(DataType<?> type, String fallbackName) {
        Name name = parse(type.getTypeName());
        if (name == null || !name.last().equalsIgnoreCase(fallbackName)) {
            return new QualifiedType(DEFAULT_SCHEMA, fallbackName);
        }
        return new QualifiedType(name.qualified() ? name.qualifier().last() : DEFAULT_SCHEMA, name.last());
    }

    private static Name parse(String typeName) {
        try {
            return DSL.using(SQLDialect.POSTGRES).parser().parseName(typeName);
        } catch (RuntimeException notAName) {
            return null;
        }
    }

    /** The type's name, qualified, for a cast. */
    Name typeName() {
        return DSL.name(schema, name);
    }
}
