package ai.crawbl.codegen.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a generation run depended on and what it wrote, as two SHA-256 digests, recorded in a small file beside the
 * generated sources. A later run whose inputs digest the same, over output that is still as written, has nothing to
 * do.
 *
 * @param inputs  digest of the migration files, the generator configuration and the versions of jOOQ and of this
 *                module's classes
 * @param outputs digest of every generated file (relative path and bytes), or empty before generation
 */
record Fingerprint(String inputs, String outputs) {

    /** The record's file name, in the root of the target directory. */
    static final String FILE = ".crawbl-codegen.sha256";

    /** A digest over {@code parts}, each length-prefixed so that no two lists of parts digest alike. */
    static String digest(List<byte[]> parts) {
        MessageDigest sha = sha256();
        for (byte[] part : parts) {
            sha.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(part);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The digest of every file under {@code directory} except the record itself; empty when there is none. */
    static String outputsOf(Path directory) {
        if (!Files.isDirectory(directory)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals(FILE))
                    .sorted().toList();
            MessageDigest sha = sha256();
            for (Path file : files) {
                sha.update(directory.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(sha256().digest(Files.readAllBytes(file)));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The fingerprint recorded in {@code directory}, or null when there is none or it cannot be read. */
    static Fingerprint recordedIn(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String inputs = value(lines, "inputs ");
            String outputs = value(lines, "outputs ");
            return inputs == null || outputs == null ? null : new Fingerprint(inputs, outputs);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes this fingerprint into {@code directory}. */
    void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(FILE), "# jOOQ classes generated from the migrated schema; regenerated when either digest changes\n"
                    + "inputs " + inputs + "\noutputs " + outputs + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static String value(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).trim())
                .findFirst().orElse(null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
