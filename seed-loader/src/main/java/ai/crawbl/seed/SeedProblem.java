package ai.crawbl.seed;

/**
 * One thing wrong with a seed file: where (the file, the JSON pointer of the value, and its line and column when
 * the file could be read that far) and what. Reads as {@code file:line:column: pointer: message}.
 *
 * @param file     the file as the person named it (or the packaged copy's name)
 * @param pointer  RFC 6901 pointer of the offending value; {@code ""} for the whole document, null when the file
 *                 is not JSON at all
 * @param line     1-based line, or 0 when unknown
 * @param column   1-based column, or 0 when unknown
 * @param message  what is wrong, in words that say what to change
 */
public record SeedProblem(String file, String pointer, int line, int column, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (pointer != null) {
            text.append(pointer.isEmpty() ? "(document)" : pointer).append(": ");
        }
        return text.append(message).toString();
    }
}
