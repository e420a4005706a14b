package se.council.hub.pack.deck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Writes one presentation package from slides of several source packages without building an object model:
 * each copied part gets a fresh name, its relationships are rewritten to the new names (ids unchanged, so the
 * part's XML stays byte-identical and is copied as a raw zip entry), and the package-level parts
 * (presentation.xml, its relationships, content types, table styles) are written at the end. Slide masters
 * with identical closures (master, layouts, theme, pictures) are written once. Not thread-safe.
 *
 * <p>Slide ids, master ids and layout ids must be unique in a presentation; only the masters' layout id
 * lists are rewritten for that, everything else is copied. A presentation has one notes master: the first one
 * met is kept and every notes slide points to it. Legacy comments are dropped because their authors live in
 * a presentation-level part. The output has the base package's slide size; slides of another size keep their
 * coordinates (a 4:3 slide sits at the left of a 16:9 page, its background stretched to the full width).
 */
final class PackageMerger {

    private static final Pattern LAYOUT_ID = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?sldLayoutId\\b[^>]*>");
    private static final Pattern ID_ATTRIBUTE = Pattern.compile("(\\s)id\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    private static final long FIRST_MASTER_ID = 2147483648L;

    private final ZipArchiveOutputStream zip;
    private final Map<String, Integer> nextNumber = new HashMap<>();
    private final Map<String, String> outputTypes = new LinkedHashMap<>();
    private final Map<String, List<String>> mastersByDigest = new HashMap<>();
    private final List<String> masters = new ArrayList<>();
    private final Map<String, Long> masterIds = new HashMap<>();
    private final List<String> slides = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final Map<String, Element> tableStyles = new LinkedHashMap<>();
    private final Document tableStylesDoc;
    private long nextMasterOrLayoutId = FIRST_MASTER_ID;
    private String notesMaster;
    private String firstMasterTheme;
    private boolean finished;

    private record Section(String name, List<Integer> slideIndexes) { }

    PackageMerger(OutputStream out) {
        this.zip = new ZipArchiveOutputStream(out);
        // Generated XML is small; speed matters more than a few bytes.
        this.zip.setLevel(Deflater.BEST_SPEED);
        this.tableStylesDoc = newDocumentBuilder().newDocument();
    }

    int slideCount() {
        return slides.size();
    }

    /** Slides added from now on belong to a section of this name (PowerPoint shows sections in its slide list). */
    void startSection(String name) {
        sections.add(new Section(name, new ArrayList<>()));
    }

    /** Adds every slide of a package, in its order; returns how many. */
    int addAllSlides(SourcePackage pkg) throws IOException {
        collectTableStyles(pkg);
        for (String slide : pkg.slides()) {
            addSlide(pkg, slide);
        }
        return pkg.slides().size();
    }

    /** Adds one slide and every part it needs that is not in the output yet. */
    void addSlide(SourcePackage pkg, String slidePart) throws IOException {
        // Settle the slide's master first: if an identical master is already written, the layout and any
        // picture the slide shares with it must map onto that one before anything else is named.
        for (Opc.Rel rel : pkg.relsOf(slidePart)) {
            if (!rel.external() && rel.type().equals(Opc.REL_SLIDE_LAYOUT)) {
                settleMasterOfLayout(pkg, rel.resolved());
            }
        }
        String outputSlide = outputName(pkg, slidePart);
        Deque<String> queue = new ArrayDeque<>();
        queue.add(slidePart);
        while (!queue.isEmpty()) {
            String part = queue.removeFirst();
            if (!pkg.written.add(part)) {
                continue;
            }
            copyPart(pkg, part, queue);
        }
        slides.add(outputSlide);
        if (sections.isEmpty()) {
            startSection("");
        }
        sections.get(sections.size() - 1).slideIndexes().add(slides.size() - 1);
    }

    private void settleMasterOfLayout(SourcePackage pkg, String layout) throws IOException {
        if (pkg.outputNames.containsKey(layout)) {
            return;
        }
        for (Opc.Rel rel : pkg.relsOf(layout)) {
            if (!rel.external() && rel.type().equals(Opc.REL_SLIDE_MASTER)) {
                settleMaster(pkg, rel.resolved());
                return;
            }
        }
    }

    /** Names a master's closure, reusing an identical master already written. */
    private void settleMaster(SourcePackage pkg, String master) throws IOException {
        if (pkg.outputNames.containsKey(master)) {
            return;
        }
        List<String> closure = closureOf(pkg, master);
        String digest = digest(pkg, closure);
        List<String> existing = mastersByDigest.get(digest);
        if (existing != null) {
            for (int i = 0; i < closure.size(); i++) {
                String part = closure.get(i);
                if (!pkg.outputNames.containsKey(part)) {
                    pkg.outputNames.put(part, existing.get(i));
                    pkg.written.add(part);
                }
            }
            return;
        }
        List<String> names = new ArrayList<>(closure.size());
        for (String part : closure) {
            names.add(outputName(pkg, part));
        }
        mastersByDigest.put(digest, names);
    }

    /** The parts a master brings along (layouts, theme, their pictures) in a deterministic order. */
    private static List<String> closureOf(SourcePackage pkg, String master) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(master);
        while (!queue.isEmpty()) {
            String part = queue.removeFirst();
            if (!seen.add(part)) {
                continue;
            }
            for (Opc.Rel rel : pkg.relsOf(part)) {
                if (!rel.external() && !pkg.isSlide(rel.resolved()) && !rel.type().equals(Opc.REL_COMMENTS)) {
                    queue.add(rel.resolved());
                }
            }
        }
        return new ArrayList<>(seen);
    }

    private static String digest(SourcePackage pkg, List<String> closure) throws IOException {
        MessageDigest md = sha256();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < closure.size(); i++) {
            index.put(closure.get(i), i);
        }
        byte[] buffer = new byte[65536];
        for (String part : closure) {
            md.update(("\u0000part:" + pkg.contentType(part) + '\u0000').getBytes(StandardCharsets.UTF_8));
            for (Opc.Rel rel : pkg.relsOf(part)) {
                String target = rel.external() ? "ext:" + rel.target() : "int:" + index.get(rel.resolved());
                md.update((rel.id() + '\u0000' + rel.type() + '\u0000' + target + '\u0000').getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = pkg.open(part)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void copyPart(SourcePackage pkg, String part, Deque<String> queue) throws IOException {
        String outputPart = outputName(pkg, part);
        String type = pkg.contentType(part);
        List<Opc.Rel> rewritten = new ArrayList<>();
        for (Opc.Rel rel : pkg.relsOf(part)) {
            if (rel.external()) {
                rewritten.add(rel);
                continue;
            }
            if (rel.type().equals(Opc.REL_COMMENTS)) {
                continue;
            }
            String target;
            if (rel.type().equals(Opc.REL_NOTES_MASTER)) {
                if (notesMaster == null) {
                    notesMaster = outputName(pkg, rel.resolved());
                    queue.add(rel.resolved());
                } else if (!pkg.outputNames.containsKey(rel.resolved())) {
                    // Only one notes master per presentation: later ones are replaced by the first.
                    pkg.outputNames.put(rel.resolved(), notesMaster);
                    pkg.written.add(rel.resolved());
                }
                target = notesMaster;
            } else if (rel.type().equals(Opc.REL_SLIDE_MASTER)) {
                settleMaster(pkg, rel.resolved());
                target = outputName(pkg, rel.resolved());
                queue.add(rel.resolved());
            } else {
                target = outputName(pkg, rel.resolved());
                if (!pkg.isSlide(rel.resolved())) {
                    queue.add(rel.resolved());
                }
            }
            rewritten.add(new Opc.Rel(rel.id(), rel.type(), Opc.relativize(outputPart, target), false, target));
        }
        if (Opc.CT_SLIDE_MASTER.equals(type)) {
            writeMaster(pkg, part, outputPart, rewritten);
        } else {
            copyRaw(pkg, part, outputPart);
        }
        outputTypes.put(outputPart, type);
        if (pkg.hasRelsPart(part)) {
            writeGenerated(Opc.relsPartOf(outputPart), Opc.writeRels(rewritten), Opc.CT_RELS);
        }
    }

    /** Masters carry ids for themselves and their layouts that must be unique in the output: renumber those only. */
    private void writeMaster(SourcePackage pkg, String part, String outputPart, List<Opc.Rel> rels) throws IOException {
        long masterId = nextMasterOrLayoutId++;
        String xml = new String(pkg.readAll(part), StandardCharsets.UTF_8);
        Matcher m = LAYOUT_ID.matcher(xml);
        StringBuilder sb = new StringBuilder(xml.length() + 64);
        while (m.find()) {
            String element = m.group();
            Matcher id = ID_ATTRIBUTE.matcher(element);
            String renumbered = id.find()
                    ? element.substring(0, id.start()) + id.group(1) + "id=\"" + (nextMasterOrLayoutId++) + '"'
                            + element.substring(id.end())
                    : element;
            m.appendReplacement(sb, Matcher.quoteReplacement(renumbered));
        }
        m.appendTail(sb);
        writeGenerated(outputPart, sb.toString().getBytes(StandardCharsets.UTF_8), null);
        masters.add(outputPart);
        masterIds.put(outputPart, masterId);
        if (firstMasterTheme == null) {
            for (Opc.Rel rel : rels) {
                if (rel.type().equals(Opc.REL_THEME)) {
                    firstMasterTheme = rel.resolved();
                }
            }
        }
    }

    /** Copies the compressed bytes as they are: media are never inflated and deflated again. */
    private void copyRaw(SourcePackage pkg, String part, String outputPart) throws IOException {
        ZipArchiveEntry source = pkg.entry(part);
        ZipArchiveEntry entry = new ZipArchiveEntry(outputPart.substring(1));
        entry.setMethod(source.getMethod());
        entry.setCrc(source.getCrc());
        entry.setSize(source.getSize());
        entry.setCompressedSize(source.getCompressedSize());
        try (InputStream raw = pkg.openRaw(part)) {
            zip.addRawArchiveEntry(entry, raw);
        }
    }

    private void writeGenerated(String partName, byte[] content, String type) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(partName.substring(1));
        entry.setMethod(ZipArchiveEntry.DEFLATED);
        zip.putArchiveEntry(entry);
        zip.write(content);
        zip.closeArchiveEntry();
        if (type != null) {
            outputTypes.put(partName, type);
        }
    }

    /**
     * The output name of a source part: same folder and stem, next free number ("/ppt/slides/slide7.xml"),
     * so the package looks like one PowerPoint wrote.
     */
    private String outputName(SourcePackage pkg, String part) {
        String existing = pkg.outputNames.get(part);
        if (existing != null) {
            return existing;
        }
        String dir = Opc.directoryOf(part);
        String file = part.substring(dir.length());
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot).toLowerCase(Locale.ROOT) : "";
        stem = stem.replaceAll("\\d+$", "");
        if (stem.isEmpty() || !stem.matches("[A-Za-z0-9_\\-]+")) {
            stem = "part";
        }
        if (!dir.matches("(/[A-Za-z0-9_\\-]+)*/")) {
            dir = "/ppt/parts/";
        }
        String key = (dir + stem + ext).toLowerCase(Locale.ROOT);
        int n = nextNumber.merge(key, 1, Integer::sum);
        String name = dir + stem + n + ext;
        pkg.outputNames.put(part, name);
        return name;
    }

    /** Table styles live in one presentation-level part: keep every style a source defines, first definition wins. */
    private void collectTableStyles(SourcePackage pkg) throws IOException {
        for (Opc.Rel rel : pkg.relsOf(pkg.presentationPart())) {
            if (rel.external() || !rel.type().equals(Opc.REL_TABLE_STYLES) || !pkg.exists(rel.resolved())) {
                continue;
            }
            Document doc = parse(pkg.readAll(rel.resolved()));
            if (doc == null) {
                return;
            }
            NodeList list = doc.getElementsByTagNameNS(Opc.NS_DML, "tblStyle");
            for (int i = 0; i < list.getLength(); i++) {
                Element style = (Element) list.item(i);
                String id = style.getAttribute("styleId");
                if (!id.isEmpty() && !tableStyles.containsKey(id)) {
                    tableStyles.put(id, (Element) tableStylesDoc.importNode(style, true));
                }
            }
        }
    }

    /**
     * Writes the package-level parts. {@code base} supplies presentation.xml's defaults (slide size, notes size,
     * default text style) and the presentation and view properties.
     */
    void finish(SourcePackage base, String title) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        collectTableStyles(base);
        Map<String, String> presRels = new LinkedHashMap<>();
        int rid = 1;
        StringBuilder masterList = new StringBuilder();
        for (String master : masters) {
            String id = "rId" + rid++;
            presRels.put(id, Opc.REL_SLIDE_MASTER + ' ' + master);
            masterList.append("<p:sldMasterId id=\"").append(masterIds.get(master)).append("\" r:id=\"").append(id).append("\"/>");
        }
        String notesMasterRid = null;
        if (notesMaster != null) {
            notesMasterRid = "rId" + rid++;
            presRels.put(notesMasterRid, Opc.REL_NOTES_MASTER + ' ' + notesMaster);
        }
        StringBuilder slideList = new StringBuilder();
        for (int i = 0; i < slides.size(); i++) {
            String id = "rId" + rid++;
            presRels.put(id, Opc.REL_SLIDE + ' ' + slides.get(i));
            slideList.append("<p:sldId id=\"").append(256 + i).append("\" r:id=\"").append(id).append("\"/>");
        }
        Map<String, String> extraParts = new LinkedHashMap<>();
        for (Opc.Rel rel : base.relsOf(base.presentationPart())) {
            if (rel.external()) {
                continue;
            }
            String fixedName = switch (rel.type()) {
                case Opc.REL_PRES_PROPS -> "/ppt/presProps.xml";
                case Opc.REL_VIEW_PROPS -> "/ppt/viewProps.xml";
                default -> null;
            };
            if (fixedName != null && base.exists(rel.resolved())) {
                writeGenerated(fixedName, base.readAll(rel.resolved()), base.contentType(rel.resolved()));
                extraParts.put("rId" + rid++, rel.type() + ' ' + fixedName);
            }
        }
        writeGenerated("/ppt/tableStyles.xml", tableStylesXml(base),
                "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml");
        extraParts.put("rId" + rid++, Opc.REL_TABLE_STYLES + " /ppt/tableStyles.xml");
        if (firstMasterTheme != null) {
            extraParts.put("rId" + rid++, Opc.REL_THEME + ' ' + firstMasterTheme);
        }
        presRels.putAll(extraParts);

        writeGenerated("/ppt/presentation.xml", presentationXml(base, masterList, notesMasterRid, slideList), Opc.CT_PRESENTATION);
        List<Opc.Rel> rels = new ArrayList<>();
        presRels.forEach((id, typeAndTarget) -> {
            int space = typeAndTarget.indexOf(' ');
            String target = typeAndTarget.substring(space + 1);
            rels.add(new Opc.Rel(id, typeAndTarget.substring(0, space), Opc.relativize("/ppt/presentation.xml", target), false, target));
        });
        writeGenerated("/ppt/_rels/presentation.xml.rels", Opc.writeRels(rels), null);

        writeGenerated("/docProps/core.xml", coreXml(title), "application/vnd.openxmlformats-package.core-properties+xml");
        writeGenerated("/docProps/app.xml", appXml(), "application/vnd.openxmlformats-officedocument.extended-properties+xml");
        writeGenerated("/_rels/.rels", Opc.writeRels(List.of(
                new Opc.Rel("rId1", Opc.REL_OFFICE_DOCUMENT, "ppt/presentation.xml", false, "/ppt/presentation.xml"),
                new Opc.Rel("rId2", Opc.REL_CORE_PROPS, "docProps/core.xml", false, "/docProps/core.xml"),
                new Opc.Rel("rId3", Opc.REL_EXTENDED_PROPS, "docProps/app.xml", false, "/docProps/app.xml"))), null);
        writeGenerated("/[Content_Types].xml", contentTypesXml(), null);
        zip.finish();
        zip.flush();
    }

    private byte[] presentationXml(SourcePackage base, CharSequence masterList, String notesMasterRid,
                                   CharSequence slideList) throws IOException {
        Document doc = parse(base.readAll(base.presentationPart()));
        if (doc == null) {
            throw new IOException("the frame presentation cannot be parsed");
        }
        Element root = doc.getDocumentElement();
        // Drop what refers to the base's own parts; the lists are rebuilt below in schema order.
        for (String name : List.of("sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst",
                "embeddedFontLst", "custShowLst", "photoAlbum", "custDataLst", "smartTags")) {
            removeChildren(root, Opc.NS_PML, name);
        }
        NodeList ext = root.getElementsByTagNameNS(Opc.NS_PML, "extLst");
        for (int i = ext.getLength() - 1; i >= 0; i--) {
            if (ext.item(i).getParentNode() == root) {
                root.removeChild(ext.item(i));
            }
        }
        String p = "xmlns:p=\"" + Opc.NS_PML + "\" xmlns:r=\"" + Opc.NS_OFFICE_REL + "\"";
        StringBuilder lists = new StringBuilder("<lists " + p + ">");
        lists.append("<p:sldMasterIdLst>").append(masterList).append("</p:sldMasterIdLst>");
        if (notesMasterRid != null) {
            lists.append("<p:notesMasterIdLst><p:notesMasterId r:id=\"").append(notesMasterRid).append("\"/></p:notesMasterIdLst>");
        }
        if (!slides.isEmpty()) {
            lists.append("<p:sldIdLst>").append(slideList).append("</p:sldIdLst>");
        }
        lists.append("</lists>");
        Document fragment = parse(lists.toString().getBytes(StandardCharsets.UTF_8));
        Node first = root.getFirstChild();
        for (Node n = fragment.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            root.insertBefore(doc.importNode(n, true), first);
        }
        if (sections.stream().anyMatch(s -> !s.slideIndexes().isEmpty())) {
            root.appendChild(doc.importNode(parse(sectionsXml().getBytes(StandardCharsets.UTF_8)).getDocumentElement(), true));
        }
        return serialize(doc);
    }

    /** PowerPoint's sections (one per agenda item and agency) make the long deck navigable. */
    private String sectionsXml() {
        String p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main";
        StringBuilder sb = new StringBuilder("<p:extLst xmlns:p=\"" + Opc.NS_PML + "\"><p:ext uri=\"{521415D9-36F7-43E2-AB2F-B90AF26B5E84}\">"
                + "<p14:sectionLst xmlns:p14=\"" + p14 + "\">");
        for (Section s : sections) {
            if (s.slideIndexes().isEmpty()) {
                continue;
            }
            sb.append("<p14:section name=\"").append(Opc.escape(s.name())).append("\" id=\"{")
                    .append(UUID.nameUUIDFromBytes((sections.indexOf(s) + s.name()).getBytes(StandardCharsets.UTF_8))
                            .toString().toUpperCase(Locale.ROOT))
                    .append("}\"><p14:sldIdLst>");
            for (int index : s.slideIndexes()) {
                sb.append("<p14:sldId id=\"").append(256 + index).append("\"/>");
            }
            sb.append("</p14:sldIdLst></p14:section>");
        }
        return sb.append("</p14:sectionLst></p:ext></p:extLst>").toString();
    }

    private byte[] tableStylesXml(SourcePackage base) throws IOException {
        String def = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}";
        for (Opc.Rel rel : base.relsOf(base.presentationPart())) {
            if (!rel.external() && rel.type().equals(Opc.REL_TABLE_STYLES) && base.exists(rel.resolved())) {
                Document doc = parse(base.readAll(rel.resolved()));
                if (doc != null && !doc.getDocumentElement().getAttribute("def").isEmpty()) {
                    def = doc.getDocumentElement().getAttribute("def");
                }
            }
        }
        Document doc = newDocumentBuilder().newDocument();
        Element root = doc.createElementNS(Opc.NS_DML, "a:tblStyleLst");
        root.setAttribute("def", def);
        doc.appendChild(root);
        for (Element style : tableStyles.values()) {
            root.appendChild(doc.importNode(style, true));
        }
        return serialize(doc);
    }

    private byte[] contentTypesXml() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("rels", Opc.CT_RELS);
        defaults.put("xml", "application/xml");
        Map<String, String> overrides = new LinkedHashMap<>();
        outputTypes.forEach((part, type) -> {
            String ext = Opc.extensionOf(part);
            String known = defaults.get(ext);
            if (type.equals(known)) {
                return;
            }
            if (known == null && !ext.isEmpty() && !SourcePackage.isXml(type, part)) {
                defaults.put(ext, type);
            } else {
                overrides.put(part, type);
            }
        });
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        sb.append("<Types xmlns=\"").append(Opc.NS_CONTENT_TYPES).append("\">");
        defaults.forEach((ext, type) -> sb.append("<Default Extension=\"").append(Opc.escape(ext))
                .append("\" ContentType=\"").append(Opc.escape(type)).append("\"/>"));
        overrides.forEach((part, type) -> sb.append("<Override PartName=\"").append(Opc.escape(part))
                .append("\" ContentType=\"").append(Opc.escape(type)).append("\"/>"));
        return sb.append("</Types>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] coreXml(String title) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:title>" + Opc.escape(title) + "</dc:title><dc:creator>council-hub</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + now + "</dcterms:created>"
                + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + now + "</dcterms:modified>"
                + "</cp:coreProperties>").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] appXml() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>council-hub</Application><Slides>" + slides.size() + "</Slides></Properties>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void removeChildren(Element root, String ns, String localName) {
        for (Node n = root.getFirstChild(); n != null; ) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.ELEMENT_NODE && ns.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName())) {
                root.removeChild(n);
            }
            n = next;
        }
    }

    private static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a small XML part; null when it is not well-formed. */
    private static Document parse(byte[] xml) {
        try {
            return newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            return null;
        }
    }

    private static byte[] serialize(Document doc) throws IOException {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.STANDALONE, "yes");
            doc.setXmlStandalone(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IOException(e);
        }
    }
}
