package ai.crawbl.codegen.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a code generation run read and wrote, as two SHA-256 digests kept in a file in the root of the generated
 * sources: {@code inputs} over the files and folders it depended on (relative names and bytes) and a free-form salt
 * such as the generator's version, {@code outputs} over every generated file.
 */
record GenerationRecord(String inputs, String outputs) {

    /** The record's file name; files whose names start with {@code .crawbl-codegen} are records, not output. */
    static final String FILE = ".crawbl-codegen-maven.sha256";

    /** The digest of {@code salt} and of every regular file under each of {@code inputs}, relative to {@code base}. */
    static String inputsOf(Path base, List<Path> inputs, String salt) throws IOException {
        MessageDigest sha = sha256();
        sha.update(salt.getBytes(StandardCharsets.UTF_8));
        for (Path input : inputs) {
            Path resolved = base.resolve(input).normalize();
            if (!Files.exists(resolved)) {
                throw new IOException(resolved + " does not exist (a code generation input)");
            }
            for (Path file : filesUnder(resolved)) {
                sha.update((relative(base, file) + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(sha256().digest(Files.readAllBytes(file)));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The digest of every file under {@code directory} except records; empty when there is no such directory. */
    static String outputsOf(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return "";
        }
        MessageDigest sha = sha256();
        for (Path file : filesUnder(directory)) {
            if (!file.getFileName().toString().startsWith(".crawbl-codegen")) {
                sha.update((relative(directory, file) + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(sha256().digest(Files.readAllBytes(file)));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The record kept in {@code directory}, or null when there is none or it cannot be read. */
    static GenerationRecord readFrom(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(FILE), StandardCharsets.UTF_8);
            String inputs = value(lines, "inputs ");
            String outputs = value(lines, "outputs ");
            return inputs == null || outputs == null ? null : new GenerationRecord(inputs, outputs);
        } catch (IOException e) {
            return null;
        }
    }

    void writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(FILE), "# generated sources and what they were generated from; regenerated when either changes\n"
                + "inputs " + inputs + "\noutputs " + outputs + "\n", StandardCharsets.UTF_8);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
        }
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
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
