package ai.crawbl.migrations;

import ai.crawbl.migrations.sql.SqlScript;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One migration file: its version, description, file name, text and SHA-256 checksum of its bytes.
 * {@code transactional} is false when the first line is {@value #NO_TRANSACTION}.
 */
public record Migration(int version, String description, String script, String sql, String checksum,
                        boolean transactional) {

    /** First-line directive that makes a migration run statement by statement outside a transaction. */
    public static final String NO_TRANSACTION = SqlScript.NO_TRANSACTION_DIRECTIVE;

    /** A migration from a file's name parts and bytes. */
    public static Migration of(int version, String description, String script, byte[] content) {
        String sql = new String(content, StandardCharsets.UTF_8);
        return new Migration(version, description, script, sql, sha256(content), !SqlScript.noTransaction(sql));
    }

    /** Hex SHA-256 of {@code content}. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
