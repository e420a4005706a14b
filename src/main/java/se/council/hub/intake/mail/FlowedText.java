package se.council.hub.intake.mail;

/**
 * Undoes RFC 3676 format=flowed, which Thunderbird and Apple Mail use: a line that ends in a
 * space continues on the next line. Without this, every paragraph would arrive cut at 72 columns.
 */
final class FlowedText {

    private FlowedText() {
    }

    static String unflow(String text, boolean delSp) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        StringBuilder paragraph = null;
        int paragraphDepth = -1;
        for (String raw : lines) {
            int depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            String line = raw.substring(depth);
            if (line.startsWith(" ")) {
                line = line.substring(1); // space-stuffing
            }
            boolean signature = line.equals("-- ");
            boolean soft = !signature && line.endsWith(" ");
            if (paragraph != null && depth != paragraphDepth) {
                // A quote-depth change ends a flowed paragraph even without a hard break.
                out.append(paragraph).append('\n');
                paragraph = null;
            }
            if (paragraph == null) {
                paragraph = new StringBuilder(">".repeat(depth)).append(depth > 0 ? " " : "");
                paragraphDepth = depth;
            }
            paragraph.append(soft && delSp ? line.substring(0, line.length() - 1) : line);
            if (!soft) {
                out.append(paragraph).append('\n');
                paragraph = null;
            }
        }
        if (paragraph != null) {
            out.append(paragraph).append('\n');
        }
        return out.substring(0, Math.max(0, out.length() - 1));
    }
}
