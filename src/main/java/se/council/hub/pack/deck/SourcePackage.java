package se.council.hub.pack.deck;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * One source presentation opened as a zip package and checked before anything of it is written: the
 * slide list, every part reachable from the slides, their content types and well-formed XML. Only the
 * small relationship data stays in memory; slide, layout and media parts are later copied as raw zip
 * entries by {@link PackageMerger}. Not thread-safe; one merge uses it at a time.
 */
final class SourcePackage implements Closeable {

    /** XML parts above this size are refused: nothing a person presents needs it, a zip bomb does. */
    static final long MAX_XML_PART_BYTES = 64L * 1024 * 1024;
    private static final int MAX_PARTS = 20_000;

    private final String label;
    private final ZipFile zip;
    private final Map<String, ZipArchiveEntry> entries = new HashMap<>();
    private final Map<String, String> defaultTypes = new HashMap<>();
    private final Map<String, String> overrideTypes = new HashMap<>();
    private final Map<String, List<Opc.Rel>> rels = new HashMap<>();
    private final List<String> slides = new ArrayList<>();
    private final Set<String> slideSet = new HashSet<>();
    private String presentationPart;
    private long slideWidth;
    private long slideHeight;

    /** Output part name per source part; filled by the merger as parts are named. */
    final Map<String, String> outputNames = new HashMap<>();
    /** Source parts already written to the output (or shared with an identical earlier part). */
    final Set<String> written = new HashSet<>();

    private SourcePackage(String label, ZipFile zip) {
        this.label = label;
        this.zip = zip;
    }

    /**
     * Opens and checks a package. The channel is owned by the returned package and closed with it.
     *
     * @throws DeckFormatException when the file is not a presentation that can be merged
     */
    static SourcePackage open(String label, SeekableByteChannel channel) throws DeckFormatException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(channel).setUseUnicodeExtraFields(true).get();
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new DeckFormatException("not a readable zip package (" + e.getMessage() + ")", e);
        }
        SourcePackage pkg = new SourcePackage(label, zip);
        try {
            pkg.index();
            pkg.readStructure();
            pkg.validateReachableParts();
            return pkg;
        } catch (DeckFormatException e) {
            pkg.close();
            throw e;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            pkg.close();
            throw new DeckFormatException(describe(e), e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    String label() {
        return label;
    }

    /** Slide part names in presentation order. */
    List<String> slides() {
        return Collections.unmodifiableList(slides);
    }

    long slideWidth() {
        return slideWidth;
    }

    long slideHeight() {
        return slideHeight;
    }

    String presentationPart() {
        return presentationPart;
    }

    boolean isSlide(String partName) {
        return slideSet.contains(partName);
    }

    boolean exists(String partName) {
        return entries.containsKey(key(partName));
    }

    /** Relationships of a part (empty when it has none); cached. */
    List<Opc.Rel> relsOf(String partName) throws IOException {
        List<Opc.Rel> cached = rels.get(partName);
        if (cached != null) {
            return cached;
        }
        String relsPart = Opc.relsPartOf(partName);
        List<Opc.Rel> parsed;
        if (!exists(relsPart)) {
            parsed = List.of();
        } else {
            try (InputStream in = open(relsPart)) {
                parsed = List.copyOf(Opc.parseRels(in, partName));
            } catch (XMLStreamException e) {
                throw new IOException("broken relationships of " + partName + ": " + e.getMessage(), e);
            }
        }
        rels.put(partName, parsed);
        return parsed;
    }

    boolean hasRelsPart(String partName) {
        return exists(Opc.relsPartOf(partName));
    }

    /** The part's content type: its override, else its extension's default; null when the package declares none. */
    String contentType(String partName) {
        String override = overrideTypes.get(key(partName));
        return override != null ? override : defaultTypes.get(Opc.extensionOf(partName));
    }

    ZipArchiveEntry entry(String partName) {
        return entries.get(key(partName));
    }

    /** The uncompressed content, capped so a hostile deck cannot exhaust memory through us. */
    InputStream open(String partName) throws IOException {
        ZipArchiveEntry entry = entry(partName);
        if (entry == null) {
            throw new IOException("missing part " + partName);
        }
        return new CappedInputStream(zip.getInputStream(entry), MAX_XML_PART_BYTES, partName);
    }

    InputStream openRaw(String partName) throws IOException {
        return zip.getRawInputStream(entry(partName));
    }

    byte[] readAll(String partName) throws IOException {
        try (InputStream in = open(partName)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing useful to do: the package was only read
        }
    }

    private static String key(String partName) {
        // OPC part names compare case-insensitively.
        return partName.toLowerCase(Locale.ROOT);
    }

    private void index() throws DeckFormatException {
        Enumeration<ZipArchiveEntry> all = zip.getEntries();
        int count = 0;
        while (all.hasMoreElements()) {
            ZipArchiveEntry e = all.nextElement();
            if (e.isDirectory()) {
                continue;
            }
            if (++count > MAX_PARTS) {
                throw new DeckFormatException("more than " + MAX_PARTS + " parts");
            }
            if (e.getGeneralPurposeBit().usesEncryption()) {
                throw new DeckFormatException("the file is encrypted");
            }
            String name = "/" + e.getName();
            if (entries.putIfAbsent(key(name), e) != null) {
                throw new DeckFormatException("the part " + name + " occurs twice");
            }
        }
    }

    private void readStructure() throws IOException, XMLStreamException, DeckFormatException {
        if (!exists("/[Content_Types].xml")) {
            throw new DeckFormatException("no [Content_Types].xml: not an Office file");
        }
        readContentTypes();
        for (Opc.Rel rel : relsOf("/")) {
            if (rel.type().equals(Opc.REL_OFFICE_DOCUMENT) && !rel.external()) {
                presentationPart = rel.resolved();
            }
        }
        if (presentationPart == null || !exists(presentationPart)) {
            throw new DeckFormatException("no presentation part");
        }
        Map<String, String> byId = new HashMap<>();
        for (Opc.Rel rel : relsOf(presentationPart)) {
            if (!rel.external()) {
                byId.put(rel.id(), rel.resolved());
            }
        }
        boolean root = true;
        try (InputStream in = open(presentationPart)) {
            XMLStreamReader r = Opc.reader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (root) {
                        if (!"presentation".equals(r.getLocalName()) || !Opc.NS_PML.equals(r.getNamespaceURI())) {
                            throw new DeckFormatException("the main part is not a presentation");
                        }
                        root = false;
                    }
                    String name = r.getLocalName();
                    if ("sldId".equals(name) && Opc.NS_PML.equals(r.getNamespaceURI())) {
                        String rid = r.getAttributeValue(Opc.NS_OFFICE_REL, "id");
                        String slide = byId.get(rid);
                        if (slide == null || !exists(slide)) {
                            throw new DeckFormatException("slide " + (slides.size() + 1) + " is listed but missing");
                        }
                        if (slideSet.add(slide)) {
                            slides.add(slide);
                        }
                    } else if ("sldSz".equals(name) && Opc.NS_PML.equals(r.getNamespaceURI())) {
                        slideWidth = parseLong(r.getAttributeValue(null, "cx"));
                        slideHeight = parseLong(r.getAttributeValue(null, "cy"));
                    }
                }
            } finally {
                r.close();
            }
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void readContentTypes() throws IOException, XMLStreamException {
        try (InputStream in = open("/[Content_Types].xml")) {
            XMLStreamReader r = Opc.reader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String type = r.getAttributeValue(null, "ContentType");
                    if ("Default".equals(r.getLocalName())) {
                        String ext = r.getAttributeValue(null, "Extension");
                        if (ext != null && type != null) {
                            defaultTypes.put(ext.toLowerCase(Locale.ROOT), type);
                        }
                    } else if ("Override".equals(r.getLocalName())) {
                        String part = r.getAttributeValue(null, "PartName");
                        if (part != null && type != null) {
                            overrideTypes.put(key(part), type);
                        }
                    }
                }
            } finally {
                r.close();
            }
        }
    }

    /**
     * Walks every part the merger may copy, from each slide, so that a failure is found before a byte of this
     * package reaches the output. Follows the same edges as the merger: not into other slides (they are listed
     * anyway) and not into legacy comments (which the merger drops).
     */
    private void validateReachableParts() throws IOException, DeckFormatException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(slides);
        while (!queue.isEmpty()) {
            String part = queue.removeFirst();
            if (!seen.add(part)) {
                continue;
            }
            String type = contentType(part);
            if (type == null) {
                throw new DeckFormatException("the part " + part + " has no content type");
            }
            if (isXml(type, part)) {
                checkWellFormed(part);
            }
            for (Opc.Rel rel : relsOf(part)) {
                if (rel.external() || rel.type().equals(Opc.REL_COMMENTS)) {
                    continue;
                }
                if (!exists(rel.resolved())) {
                    throw new DeckFormatException(describePart(part) + " refers to the missing part " + rel.resolved());
                }
                if (rel.type().equals(Opc.REL_SLIDE)) {
                    if (!isSlide(rel.resolved())) {
                        throw new DeckFormatException(describePart(part) + " links to a slide that is not in the presentation");
                    }
                    continue;
                }
                queue.addLast(rel.resolved());
            }
        }
    }

    String describePart(String part) {
        int index = slides.indexOf(part);
        return index >= 0 ? "slide " + (index + 1) : part;
    }

    static boolean isXml(String contentType, String partName) {
        return contentType.endsWith("+xml") || contentType.endsWith("/xml") || partName.endsWith(".xml")
                || partName.endsWith(".rels");
    }

    private void checkWellFormed(String part) throws IOException, DeckFormatException {
        try (InputStream in = open(part)) {
            XMLStreamReader r = Opc.reader(in);
            try {
                while (r.hasNext()) {
                    r.next();
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new DeckFormatException(describePart(part) + " is not well-formed XML", e);
        }
    }

    /** Stops reading past a limit, so a tiny entry that inflates to gigabytes fails fast. */
    private static final class CappedInputStream extends FilterInputStream {
        private final long cap;
        private final String part;
        private long count;

        CappedInputStream(InputStream in, long cap, String part) {
            super(in);
            this.cap = cap;
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > cap) {
                throw new IOException("the part " + part + " is larger than " + (cap >> 20) + " MB uncompressed");
            }
        }
    }
}
