package ai.crawbl.schema.types;

/** pgvector's text forms, shared by the value types: {@code [x,y,...]} and its numbers. */
final class TextForm {

    private TextForm() {
    }

    /** Appends a component as pgvector writes it: whole numbers without a fraction. */
    static void appendFloat(StringBuilder text, float component) {
        if (component == (long) component && Math.abs(component) < 1e15f) {
            text.append((long) component);
        } else {
            text.append(component);
        }
    }

    /** The components of {@code [x,y,...]}; {@code what} names the type in the error. */
    static float[] parseBracketed(String text, String what) {
        String trimmed = text.strip();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '[' || trimmed.charAt(trimmed.length() - 1) != ']') {
            throw new IllegalArgumentException("not a " + what + " (expected [x,y,...]): " + abbreviate(trimmed));
        }
        String[] parts = trimmed.substring(1, trimmed.length() - 1).split(",", -1);
        float[] components = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            components[i] = parseFloat(parts[i], what, trimmed);
        }
        return components;
    }

    static float parseFloat(String part, String what, String whole) {
        try {
            return Float.parseFloat(part.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a " + what + " (a component is not a number): " + abbreviate(whole), e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
