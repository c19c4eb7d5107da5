package ai.crawbl.migrations.clickhouse;

import java.nio.file.Path;
import java.util.Objects;

/** Where chDB keeps its data: a directory of the caller's, or a temporary one chDB creates and removes itself. */
sealed interface ChdbStorage {

    /** The {@code chdb_connect} arguments that select this storage. */
    String[] connectArguments();

    /** A data directory; the same path means the same storage. */
    record Directory(Path path) implements ChdbStorage {
        public Directory {
            path = path.toAbsolutePath().normalize();
        }

        @Override
        public String[] connectArguments() {
            return new String[] {"clickhouse", "--path=" + path};
        }

        @Override
        public String toString() {
            return "data directory " + path;
        }
    }

    /**
     * chDB's default storage, a temporary directory it deletes when the connection closes. Selected by passing
     * no {@code --path}: chDB takes {@code --path=:memory:} literally and creates a directory of that name.
     */
    record InMemory() implements ChdbStorage {
        @Override
        public String[] connectArguments() {
            return new String[] {"clickhouse"};
        }

        @Override
        public String toString() {
            return "in-memory storage";
        }
    }

    static ChdbStorage directory(Path path) {
        return new Directory(Objects.requireNonNull(path, "path"));
    }
}
