package ai.crawbl.codegen.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the generated sources were made from and what they are, kept in one file in the root of the generated sources
 * and read by both steps that may skip generation: {@link IncrementalJavaGenerator} (before it starts a database)
 * and the Maven plugin's {@code check} goal (before jOOQ starts at all). Three SHA-256 digests:
 * <ul>
 *   <li>{@code schema}: what jOOQ's output depends on, as the generator sees it: the migrations, jOOQ's hash of its
 *       configuration, jOOQ's version and this module's classes;</li>
 *   <li>{@code build}: the files and folders a build declares as inputs (a {@code pom.xml} among them), and a salt;
 *       empty until the plugin's {@code record} goal adds it;</li>
 *   <li>{@code outputs}: every generated file, the record itself excluded.</li>
 * </ul>
 * A {@code pom.xml} edit that leaves the jOOQ configuration as it was changes {@code build} only: jOOQ then starts,
 * the generator finds {@code schema} and {@code outputs} unchanged and returns before any database, and {@code record}
 * writes the new {@code build}, so the next build skips before jOOQ again.
 *
 * @param schema  the generator's digests of its inputs, or none when the generator did not record them
 * @param build   the digests of the build's declared inputs, or none
 * @param outputs the digest of the generated files
 */
public record GenerationRecord(InputDigests schema, InputDigests build, String outputs) {

    public GenerationRecord {
        schema = schema == null ? InputDigests.NONE : schema;
        build = build == null ? InputDigests.NONE : build;
        outputs = outputs == null ? "" : outputs;
    }

    /** The record's file name, in the root of the generated sources. */
    public static final String FILE = ".crawbl-codegen.sha256";
    /** Files whose names start with this are bookkeeping (this record, and older tool versions' records), not output. */
    private static final String BOOKKEEPING = ".crawbl-codegen";

    /** This record with the build's digest replaced. */
    public GenerationRecord withBuild(InputDigests digest) {
        return new GenerationRecord(schema, digest, outputs);
    }

    /** This record with the outputs' digest replaced. */
    public GenerationRecord withOutputs(String digest) {
        return new GenerationRecord(schema, build, digest);
    }

    /** A digest over {@code parts}, each length-prefixed so that no two lists of parts digest alike. */
    public static String digest(List<byte[]> parts) {
        MessageDigest sha = sha256();
        for (byte[] part : parts) {
            sha.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(part);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The digests of {@code salt} and of each of {@code inputs} (every regular file under it: relative names and
     * bytes), resolved against {@code base} and named as given; a missing input is an error.
     */
    public static InputDigests digestOfFiles(Path base, List<Path> inputs, String salt) throws IOException {
        Map<String, String> byName = new LinkedHashMap<>();
        byName.put("salt", digest(List.of(salt.getBytes(StandardCharsets.UTF_8))));
        for (Path input : inputs) {
            Path resolved = base.resolve(input).normalize();
            if (!Files.exists(resolved)) {
                throw new IOException(resolved + " does not exist (a code generation input)");
            }
            MessageDigest sha = sha256();
            for (Path file : filesUnder(resolved)) {
                sha.update((relative(base, file) + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(sha256().digest(Files.readAllBytes(file)));
            }
            byName.put(input.toString().replace('\\', '/'), HexFormat.of().formatHex(sha.digest()));
        }
        return new InputDigests(byName);
    }

    /** The digest of every file under {@code directory} except bookkeeping files; empty when there is no such directory. */
    public static String outputsOf(Path directory) {
        if (!Files.isDirectory(directory)) {
            return "";
        }
        try {
            MessageDigest sha = sha256();
            for (Path file : filesUnder(directory)) {
                if (!file.getFileName().toString().startsWith(BOOKKEEPING)) {
                    sha.update((relative(directory, file) + "\0").getBytes(StandardCharsets.UTF_8));
                    sha.update(sha256().digest(Files.readAllBytes(file)));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    /** True when the generated files under {@code directory} are still as this record says. */
    public boolean outputsMatch(Path directory) {
        return !outputs.isEmpty() && outputs.equals(outputsOf(directory));
    }

    /** The record kept in {@code directory}, or null when there is none or it cannot be read. */
    public static GenerationRecord readFrom(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(FILE), StandardCharsets.UTF_8);
            String outputs = value(lines, "outputs");
            return outputs == null ? null
                    : new GenerationRecord(InputDigests.parse(value(lines, "schema")), InputDigests.parse(value(lines, "build")), outputs);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes this record into {@code directory}. */
    public void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(FILE), "# jOOQ classes generated from the migrated schema: what they were made from"
                    + " and what they are; a step skips while these match\n"
                    + "schema " + schema + "\nbuild " + build + "\noutputs " + outputs + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key + " ") || line.equals(key))
                .map(line -> line.substring(key.length()).trim()).findFirst().orElse(null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
