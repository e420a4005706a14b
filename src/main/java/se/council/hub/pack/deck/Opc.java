package se.council.hub.pack.deck;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Open Packaging Conventions helpers for the package-level merge: part name arithmetic, relationship
 * parsing and writing, and a hardened StAX factory. Kept free of POI so the merge never builds an object
 * model of a whole deck.
 */
final class Opc {

    static final String NS_REL_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships";
    static final String NS_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types";
    static final String NS_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    static final String NS_PML = "http://schemas.openxmlformats.org/presentationml/2006/main";
    static final String NS_DML = "http://schemas.openxmlformats.org/drawingml/2006/main";

    private static final String REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    static final String REL_OFFICE_DOCUMENT = REL_BASE + "officeDocument";
    static final String REL_SLIDE = REL_BASE + "slide";
    static final String REL_SLIDE_MASTER = REL_BASE + "slideMaster";
    static final String REL_SLIDE_LAYOUT = REL_BASE + "slideLayout";
    static final String REL_NOTES_MASTER = REL_BASE + "notesMaster";
    static final String REL_NOTES_SLIDE = REL_BASE + "notesSlide";
    static final String REL_THEME = REL_BASE + "theme";
    static final String REL_TABLE_STYLES = REL_BASE + "tableStyles";
    static final String REL_PRES_PROPS = REL_BASE + "presProps";
    static final String REL_VIEW_PROPS = REL_BASE + "viewProps";
    static final String REL_COMMENTS = REL_BASE + "comments";
    static final String REL_CORE_PROPS = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    static final String REL_EXTENDED_PROPS = REL_BASE + "extended-properties";

    static final String CT_RELS = "application/vnd.openxmlformats-package.relationships+xml";
    static final String CT_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    static final String CT_SLIDE_MASTER = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml";

    private static final XMLInputFactory INPUT = hardenedInputFactory();

    private Opc() {
    }

    /** One relationship as read from a .rels part; {@code resolved} is the absolute target part name for internal ones. */
    record Rel(String id, String type, String target, boolean external, String resolved) { }

    static XMLInputFactory hardenedInputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // Agencies' decks are untrusted: no DTDs, no external entities.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return INPUT.createXMLStreamReader(in);
    }

    /** The .rels part that holds the relationships of {@code partName} ("/ppt/slides/slide1.xml"). */
    static String relsPartOf(String partName) {
        int slash = partName.lastIndexOf('/');
        return partName.substring(0, slash + 1) + "_rels/" + partName.substring(slash + 1) + ".rels";
    }

    static String directoryOf(String partName) {
        return partName.substring(0, partName.lastIndexOf('/') + 1);
    }

    static String extensionOf(String partName) {
        int slash = partName.lastIndexOf('/');
        int dot = partName.lastIndexOf('.');
        return dot > slash ? partName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * Resolves a relationship target against the directory of its source part, the way OPC does: absolute
     * targets start at the package root, ".." climbs, percent-escapes are decoded (zip entries are not escaped).
     */
    static String resolve(String sourcePart, String target) {
        String path = target;
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        path = percentDecode(path);
        String combined = path.startsWith("/") ? path : directoryOf(sourcePart) + path;
        List<String> segments = new ArrayList<>();
        for (String segment : combined.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        return "/" + String.join("/", segments);
    }

    /** A relative target from the directory of {@code fromPart} to {@code toPart}; both are names this writer made. */
    static String relativize(String fromPart, String toPart) {
        String[] from = directoryOf(fromPart).split("/");
        String[] to = toPart.split("/");
        int common = 0;
        while (common < from.length && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < from.length; i++) {
            if (!from[i].isEmpty()) {
                sb.append("../");
            }
        }
        for (int i = common; i < to.length; i++) {
            if (to[i].isEmpty()) {
                continue;
            }
            sb.append(to[i]);
            if (i < to.length - 1) {
                sb.append('/');
            }
        }
        return sb.toString();
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Parses a .rels part; {@code sourcePart} is the part the relationships belong to ("/" for the package). */
    static List<Rel> parseRels(InputStream in, String sourcePart) throws XMLStreamException {
        List<Rel> rels = new ArrayList<>();
        XMLStreamReader r = reader(in);
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(r.getLocalName())) {
                    String id = r.getAttributeValue(null, "Id");
                    String type = r.getAttributeValue(null, "Type");
                    String target = r.getAttributeValue(null, "Target");
                    boolean external = "External".equalsIgnoreCase(r.getAttributeValue(null, "TargetMode"));
                    if (id == null || type == null || target == null) {
                        throw new XMLStreamException("relationship without Id, Type or Target");
                    }
                    rels.add(new Rel(id, type, target, external, external ? null : resolve(sourcePart, target)));
                }
            }
        } finally {
            r.close();
        }
        return rels;
    }

    /** Serialises relationships; targets are written as given. */
    static byte[] writeRels(List<Rel> rels) {
        StringBuilder sb = new StringBuilder(256 + rels.size() * 160);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        sb.append("<Relationships xmlns=\"").append(NS_REL_PACKAGE).append("\">");
        for (Rel rel : rels) {
            sb.append("<Relationship Id=\"").append(escape(rel.id()))
                    .append("\" Type=\"").append(escape(rel.type()))
                    .append("\" Target=\"").append(escape(rel.target())).append('"');
            if (rel.external()) {
                sb.append(" TargetMode=\"External\"");
            }
            sb.append("/>");
        }
        sb.append("</Relationships>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
