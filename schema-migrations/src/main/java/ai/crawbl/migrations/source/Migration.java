package ai.crawbl.migrations.source;

import ai.crawbl.migrations.sql.SqlScript;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One migration file: its version, description, file name, text and checksum. The checksum is the SHA-256 of the
 * text with its line endings written as LF, so converting a file between CRLF and LF is not a change; a history
 * recorded with the checksum of the file's raw bytes still matches ({@link #matchesChecksum}).
 * {@code transactional} is false when the first line is {@value #NO_TRANSACTION}.
 */
public record Migration(int version, String description, String script, String sql, String checksum,
                        boolean transactional) {

    /** First-line directive that makes a migration run statement by statement outside a transaction. */
    public static final String NO_TRANSACTION = SqlScript.NO_TRANSACTION_DIRECTIVE;

    private static final Pattern LINE_ENDING = Pattern.compile("\r\n?");

    /**
     * A migration from a file's name parts and bytes.
     *
     * @throws MigrationSourceException naming the file and line when the bytes are not UTF-8 or hold a NUL byte,
     *                                  since neither can be applied as written
     */
    public static Migration of(int version, String description, String script, byte[] content) {
        String sql = text(script, content);
        return new Migration(version, description, script, sql, sha256(lf(sql)), !SqlScript.noTransaction(sql));
    }

    /**
     * True when {@code recorded} is this file's checksum with its line endings as LF (what is recorded now), as
     * CRLF, or as they are in the file: what this engine recorded before it ignored line endings.
     */
    public boolean matchesChecksum(String recorded) {
        if (recorded == null) {
            return false;
        }
        String lf = lf(sql);
        return recorded.equals(checksum) || recorded.equals(sha256(sql)) || recorded.equals(sha256(lf.replace("\n", "\r\n")));
    }

    /** Hex SHA-256 of {@code content}. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String lf(String text) {
        return LINE_ENDING.matcher(text).replaceAll("\n");
    }

    /** The file's text, decoded strictly: what is applied is exactly what the file says. */
    private static String text(String script, byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(content);
        String sql;
        try {
            sql = decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            int offset = bytes.position();
            throw new MigrationSourceException(script + ":" + lineAt(content, offset) + ": not valid UTF-8 (byte 0x"
                    + HexFormat.of().toHexDigits(content[Math.min(offset, content.length - 1)]) + " at offset " + offset
                    + "): save it as UTF-8; it was probably written in another encoding such as Latin-1");
        }
        int nul = sql.indexOf('\0');
        if (nul >= 0) {
            int line = (int) sql.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
            throw new MigrationSourceException(script + ":" + line + ": a NUL byte, which no SQL text may hold: delete it"
                    + " (the file may have been saved as UTF-16 or be binary)");
        }
        return sql;
    }

    private static int lineAt(byte[] content, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < content.length; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
