package ai.crawbl.migrations;

import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A migrations folder a test writes file by file. */
record MigrationFolder(Path dir) {

    MigrationFolder with(String name, String sql) {
        try {
            Files.writeString(dir.resolve(name), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    MigrationFolder without(String name) {
        try {
            Files.delete(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    MigrationSource source() {
        return MigrationSource.directory(dir, NamingScheme.POSTGRES);
    }
}
