package ai.crawbl.migrations;

import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schema description that the committed snapshot is compared with, and how a difference is reported. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SchemaDescriptionTest {

    @Test
    void describesEachObjectOnOneLineWithTheSchemaQualifierRemoved(PostgresDatabase shared) throws Exception {
        PostgresDatabase db = shared.sibling();
        db.execute("CREATE SCHEMA \"Shop\"", """
                CREATE TABLE "Shop".items (id uuid PRIMARY KEY, price numeric(10,2) NOT NULL DEFAULT 0 CHECK (price >= 0),
                    embedding public.vector(3), added_at timestamptz NOT NULL DEFAULT now())""",
                "CREATE TABLE \"Shop\".carts (id uuid PRIMARY KEY, item_id uuid REFERENCES \"Shop\".items ON DELETE CASCADE)",
                "CREATE INDEX carts_item_idx ON \"Shop\".carts (item_id) WHERE item_id IS NOT NULL",
                "CREATE TYPE \"Shop\".state AS ENUM ('open', 'closed')");

        assertEquals("""
                extension plpgsql in schema pg_catalog
                extension vector in schema public
                table carts
                column carts.id uuid not null
                column carts.item_id uuid
                constraint carts.carts_item_id_fkey FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE CASCADE
                constraint carts.carts_pkey PRIMARY KEY (id)
                CREATE INDEX carts_item_idx ON carts USING btree (item_id) WHERE (item_id IS NOT NULL)
                CREATE UNIQUE INDEX carts_pkey ON carts USING btree (id)
                table items
                column items.id uuid not null
                column items.price numeric(10,2) not null default 0
                column items.embedding public.vector(3)
                column items.added_at timestamp with time zone not null default now()
                constraint items.items_pkey PRIMARY KEY (id)
                constraint items.items_price_check CHECK ((price >= (0)::numeric))
                CREATE UNIQUE INDEX items_pkey ON items USING btree (id)
                enum state ('open', 'closed')
                """, SchemaDescription.of(db.endpoint(), "Shop"));
    }

    @Test
    void aChangedSchemaIsReportedAtItsFirstDifferingLine(PostgresDatabase shared) throws Exception {
        PostgresDatabase db = shared.sibling();
        db.execute("CREATE SCHEMA s", "CREATE TABLE s.t (id uuid PRIMARY KEY, name text NOT NULL)");
        String committed = SchemaDescription.of(db.endpoint(), "s");
        db.execute("ALTER TABLE s.t ALTER COLUMN name DROP NOT NULL");

        assertEquals(Optional.of("first difference at line 5:\n- column t.name text not null\n+ column t.name text"),
                SchemaDescription.firstDifference(committed, SchemaDescription.of(db.endpoint(), "s")));
    }

    @Test
    void equalTextsHaveNoDifferenceAndAMissingLineIsShownAsTheEnd() {
        assertEquals(Optional.empty(), SchemaDescription.firstDifference("a\nb\n", "a\nb\n"));
        assertEquals(Optional.of("first difference at line 3:\n- <end>\n+ c"), SchemaDescription.firstDifference("a\nb\n", "a\nb\nc\n"));
        assertEquals(Optional.of("first difference at line 2:\n- b\n+ <end>"), SchemaDescription.firstDifference("a\nb\n", "a\n"));
    }
}
