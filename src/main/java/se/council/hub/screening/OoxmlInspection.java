package se.council.hub.screening;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import se.council.hub.screening.ScreeningResult.Refusal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Screens ZIP containers: only Office Open XML packages whose main part is a presentation, a
 * document or a workbook, free of VBA, that POI can open, pass.
 */
final class OoxmlInspection {

    private static final String CONTENT_TYPES = "[Content_Types].xml";
    private static final String VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaproject";

    private final long maxExpandedBytes;

    /**
     * @param maxExpandedBytes ceiling on the sum of all entries' uncompressed sizes; POI keeps every
     *                         entry of a package in memory, so this bounds the heap one file may use
     */
    OoxmlInspection(long maxExpandedBytes) {
        this.maxExpandedBytes = maxExpandedBytes;
    }

    Verdict inspect(byte[] content, String sniffedType) {
        Entries entries;
        try {
            entries = scan(content);
        } catch (ZipBomb e) {
            return Verdict.refuse(Refusal.MALFORMED, sniffedType, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Verdict.malformed(sniffedType, e);
        }
        if (entries.contains(CONTENT_TYPES) == null) {
            String type = nonOfficeZipType(entries, sniffedType);
            return Verdict.refuse(Refusal.FORBIDDEN_TYPE, type, type);
        }
        String vbaEntry = entries.vbaProject();

        OPCPackage pkg;
        try {
            // Opening from a stream applies POI's ZipSecureFile guards (inflate ratio, entry size, file count).
            pkg = OPCPackage.open(new ByteArrayInputStream(content));
        } catch (Exception e) {
            return vbaEntry != null
                    ? Verdict.refuse(Refusal.MACRO_ENABLED, MediaTypes.OOXML_UNKNOWN, "VBA project " + vbaEntry)
                    : Verdict.malformed(MediaTypes.OOXML_UNKNOWN, e);
        }
        try {
            return inspectPackage(pkg, vbaEntry);
        } finally {
            // revert, not close: close would try to save a package opened read-write from a stream.
            pkg.revert();
        }
    }

    private Verdict inspectPackage(OPCPackage pkg, String vbaEntry) {
        String mainType;
        try {
            mainType = mainPartContentType(pkg);
        } catch (Exception e) {
            return Verdict.malformed(MediaTypes.OOXML_UNKNOWN, e);
        }
        String mediaType = MediaTypes.forOoxmlMainPart(mainType);
        if (MediaTypes.isMacroEnabledMainPart(mainType)) {
            return Verdict.refuse(Refusal.MACRO_ENABLED, mediaType, "macro-enabled main part " + mainType);
        }
        String vbaPart = vbaEntry != null ? vbaEntry : vbaPart(pkg);
        if (vbaPart != null) {
            return Verdict.refuse(Refusal.MACRO_ENABLED, mediaType, "VBA project " + vbaPart);
        }
        if (mainType == null) {
            return Verdict.refuse(Refusal.MALFORMED, mediaType, "no main document part");
        }
        if (!MediaTypes.ALLOWED.contains(mediaType)) {
            return Verdict.refuse(Refusal.FORBIDDEN_TYPE, mediaType, mediaType);
        }
        try {
            // Constructing the document model reads every slide, paragraph or sheet: what a later
            // step (the pack) will do, so a file that fails here would fail there.
            switch (mediaType) {
                case MediaTypes.PPTX -> new XMLSlideShow(pkg);
                case MediaTypes.DOCX -> new XWPFDocument(pkg);
                case MediaTypes.XLSX -> new XSSFWorkbook(pkg);
                default -> throw new IllegalStateException("unhandled " + mediaType);
            }
        } catch (Exception e) {
            return Verdict.malformed(mediaType, e);
        }
        return Verdict.accept(mediaType);
    }

    private static String mainPartContentType(OPCPackage pkg) {
        List<PackagePart> main = pkg.getPartsByRelationshipType(PackageRelationshipTypes.CORE_DOCUMENT);
        if (main.isEmpty()) {
            main = pkg.getPartsByRelationshipType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
        }
        return main.isEmpty() ? null : main.get(0).getContentType();
    }

    private static String vbaPart(OPCPackage pkg) {
        try {
            for (PackagePart part : pkg.getParts()) {
                String type = part.getContentType();
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith(VBA_CONTENT_TYPE)) {
                    return part.getPartName().getName();
                }
            }
        } catch (Exception e) {
            // getParts was already exercised by open; a failure here leaves nothing to inspect.
        }
        return null;
    }

    private static String nonOfficeZipType(Entries entries, String sniffedType) {
        if (entries.contains("META-INF/MANIFEST.MF") != null || entries.anyEndsWith(".class")) {
            return MediaTypes.JAR;
        }
        return sniffedType == null || sniffedType.equals(MediaTypes.OOXML_UNKNOWN) ? MediaTypes.ZIP : sniffedType;
    }

    /**
     * Inflates every entry once, discarding the bytes, to refuse zip bombs before POI holds the
     * entries in memory; and compares the local entries with the central directory, because a
     * later reader that trusts the directory must see the same files we screened.
     */
    private Entries scan(byte[] content) throws IOException {
        double minInflateRatio = ZipSecureFile.getMinInflateRatio();
        long graceEntrySize = ZipSecureFile.getGraceEntrySize();
        long maxEntrySize = ZipSecureFile.getMaxEntrySize();
        long maxFileCount = ZipSecureFile.getMaxFileCount();

        Set<String> local = new LinkedHashSet<>();
        long expanded = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(content))) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (local.size() >= maxFileCount) {
                    throw new ZipBomb("zip bomb: more than " + maxFileCount + " entries");
                }
                if (!local.add(entry.getName())) {
                    throw new IOException("duplicate zip entry " + entry.getName());
                }
                long entryBytes = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    entryBytes += n;
                    expanded += n;
                    if (entryBytes > maxEntrySize) {
                        throw new ZipBomb("zip bomb: entry " + entry.getName() + " exceeds " + maxEntrySize + " bytes");
                    }
                    if (expanded > maxExpandedBytes) {
                        throw new ZipBomb("zip bomb: content expands beyond " + maxExpandedBytes + " bytes");
                    }
                    long inflated = zip.getUncompressedCount();
                    if (inflated >= graceEntrySize
                            && (double) zip.getCompressedCount() / inflated < minInflateRatio) {
                        throw new ZipBomb("zip bomb: entry " + entry.getName() + " inflates more than "
                                + Math.round(1 / minInflateRatio) + " times");
                    }
                }
            }
        }
        if (local.isEmpty()) {
            throw new IOException("zip archive has no entries");
        }

        Set<String> central = new LinkedHashSet<>();
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
            for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
                if (!central.add(e.nextElement().getName())) {
                    throw new IOException("duplicate zip entry in central directory");
                }
            }
        }
        if (!central.equals(local)) {
            throw new IOException("zip central directory does not match its entries");
        }
        return new Entries(Collections.unmodifiableSet(local));
    }

    private static final class ZipBomb extends IOException {
        ZipBomb(String message) {
            super(message);
        }
    }

    private record Entries(Set<String> names) {

        /** OPC part names are case-insensitive. */
        String contains(String name) {
            return names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
        }

        boolean anyEndsWith(String suffix) {
            return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith(suffix));
        }

        String vbaProject() {
            return names.stream()
                    .filter(n -> n.toLowerCase(Locale.ROOT).contains("vbaproject"))
                    .findFirst().orElse(null);
        }
    }
}
