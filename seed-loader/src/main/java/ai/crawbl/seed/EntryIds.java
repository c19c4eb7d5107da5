package ai.crawbl.seed;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

import java.util.UUID;

/**
 * The id a new catalog row gets: a name-based UUID (version 5, SHA-1) of the table and the natural key, e.g. of
 * {@code tools/web_search} (a composite key's parts joined by {@code /}). Every environment that seeds an empty table
 * therefore gives the same entry the same id, so ids can be compared, copied and referenced across environments,
 * and two loaders racing to insert one entry agree on it. Rows that already exist keep whatever id they have: the
 * loader never updates {@code id}.
 */
final class EntryIds {

    /** Namespace of the catalog ids; fixed forever, since changing it would change every future id. */
    static final UUID NAMESPACE = UUID.fromString("6f0a8b5e-1c0d-4d0e-9a57-3b7f0c2a9e41");

    private final NameBasedGenerator generator = Generators.nameBasedGenerator(NAMESPACE);

    UUID of(String table, String naturalKey) {
        return generator.generate(table + "/" + naturalKey);
    }
}
