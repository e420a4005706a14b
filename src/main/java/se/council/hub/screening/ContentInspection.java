package se.council.hub.screening;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import se.council.hub.screening.ScreeningResult.Refusal;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * The default content inspection: names the file with Tika's magic detection (never its name),
 * refuses executables, and opens each allowed kind with the parser that will later read it.
 */
final class ContentInspection implements ContentInspector {

    private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TIKA.getMediaTypeRegistry();

    // Detected types (and their subtypes) that run code when opened.
    private static final List<MediaType> EXECUTABLE_TYPES = List.of(
            MediaType.parse("application/x-msdownload"),
            MediaType.parse("application/x-dosexec"),
            MediaType.parse("application/x-elf"),
            MediaType.parse("application/x-mach-o"),
            MediaType.parse("application/x-mach-o-universal"),
            MediaType.parse("application/java-vm"),
            MediaType.parse("application/x-sh"),
            MediaType.parse("application/x-csh"),
            MediaType.parse("application/x-bat"),
            MediaType.parse("text/x-python"),
            MediaType.parse("text/x-perl"),
            MediaType.parse("text/x-php"),
            MediaType.parse("text/vbscript"),
            MediaType.parse("application/x-ms-shortcut"));

    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    // A header that claims more pixels than this is a decompression bomb for whoever renders it later.
    static final long MAX_IMAGE_PIXELS = 100_000_000L;

    private final OoxmlInspection ooxml;

    ContentInspection(long maxExpandedBytes) {
        this.ooxml = new OoxmlInspection(maxExpandedBytes);
    }

    /** Tika's magic-byte detection; reads only a bounded header, so it is safe outside the time limit. */
    static MediaType sniff(byte[] content) {
        try {
            return TIKA.detect(new ByteArrayInputStream(content), new Metadata());
        } catch (IOException | RuntimeException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    @Override
    public Verdict inspect(byte[] content) {
        MediaType detected = sniff(content);
        String executable = executableType(content, detected);
        if (executable != null) {
            return Verdict.refuse(Refusal.EXECUTABLE, executable, executable);
        }
        if (isZip(content) || REGISTRY.isInstanceOf(detected, MediaType.APPLICATION_ZIP)) {
            return ooxml.inspect(content, detected.getBaseType().toString());
        }
        if (startsWith(content, OLE2_MAGIC)) {
            return inspectOle2(content);
        }
        if (REGISTRY.isInstanceOf(detected, MediaType.application("pdf"))) {
            return inspectPdf(content);
        }
        String base = detected.getBaseType().toString();
        if (base.equals(MediaTypes.PNG) || base.equals(MediaTypes.JPEG)) {
            return inspectImage(content, base);
        }
        return Verdict.refuse(Refusal.FORBIDDEN_TYPE, detected.toString(), detected.toString());
    }

    /**
     * Tika names most executables; the signatures below catch the ones its magic misses (a DOS
     * stub, a shebang with an unusual interpreter) whatever it called them.
     */
    private static String executableType(byte[] c, MediaType detected) {
        for (MediaType type : EXECUTABLE_TYPES) {
            if (REGISTRY.isInstanceOf(detected, type)) {
                return detected.toString();
            }
        }
        if (startsWith(c, 'M', 'Z')) {
            return "application/x-msdownload";
        }
        if (startsWith(c, 0x7F, 'E', 'L', 'F')) {
            return "application/x-elf";
        }
        if (startsWith(c, 0xFE, 0xED, 0xFA, 0xCE) || startsWith(c, 0xFE, 0xED, 0xFA, 0xCF)
                || startsWith(c, 0xCE, 0xFA, 0xED, 0xFE) || startsWith(c, 0xCF, 0xFA, 0xED, 0xFE)) {
            return "application/x-mach-o";
        }
        if (startsWith(c, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return "application/java-vm";
        }
        if (startsWith(c, '#', '!')) {
            return "text/x-script";
        }
        return null;
    }

    private static Verdict inspectOle2(byte[] content) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            DirectoryNode root = fs.getRoot();
            // Password-protected OOXML is an OLE2 wrapper around the encrypted package.
            if (root.hasEntryCaseInsensitive("EncryptionInfo") || root.hasEntryCaseInsensitive("EncryptedPackage")) {
                return Verdict.refuse(Refusal.ENCRYPTED, MediaTypes.OOXML_ENCRYPTED, "password-protected Office file");
            }
            String type = legacyOfficeType(root);
            return Verdict.refuse(Refusal.FORBIDDEN_TYPE, type, type);
        } catch (IOException | RuntimeException e) {
            return Verdict.malformed(MediaTypes.OLE2, e);
        }
    }

    private static String legacyOfficeType(DirectoryNode root) {
        if (root.hasEntryCaseInsensitive("PowerPoint Document")) {
            return MediaTypes.PPT;
        }
        if (root.hasEntryCaseInsensitive("WordDocument")) {
            return MediaTypes.DOC;
        }
        if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
            return MediaTypes.XLS;
        }
        return MediaTypes.OLE2;
    }

    private static Verdict inspectPdf(byte[] content) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            // Even an owner-password-only PDF restricts what the pack may do with its pages.
            if (pdf.isEncrypted()) {
                return Verdict.refuse(Refusal.ENCRYPTED, MediaTypes.PDF, "encrypted PDF (permissions password)");
            }
            if (pdf.getNumberOfPages() < 1) {
                return Verdict.refuse(Refusal.MALFORMED, MediaTypes.PDF, "PDF has no pages");
            }
            // Walking the page tree resolves every page object; lenient loading alone does not.
            for (PDPage page : pdf.getPages()) {
                page.getMediaBox();
            }
            return Verdict.accept(MediaTypes.PDF);
        } catch (InvalidPasswordException e) {
            return Verdict.refuse(Refusal.ENCRYPTED, MediaTypes.PDF, "encrypted PDF (password required to open)");
        } catch (IOException | RuntimeException e) {
            return Verdict.malformed(MediaTypes.PDF, e);
        }
    }

    private static Verdict inspectImage(byte[] content, String mediaType) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
        if (!readers.hasNext()) {
            return Verdict.refuse(Refusal.MALFORMED, mediaType, "no image reader for " + mediaType);
        }
        ImageReader reader = readers.next();
        // A memory cache, not ImageIO's default temporary file: nothing of an unscreened file touches disk.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                return Verdict.refuse(Refusal.MALFORMED, mediaType, "image has no pixels");
            }
            if (width * height > MAX_IMAGE_PIXELS) {
                return Verdict.refuse(Refusal.MALFORMED, mediaType,
                        "image of " + width + "x" + height + " pixels is larger than " + MAX_IMAGE_PIXELS);
            }
            return Verdict.accept(mediaType);
        } catch (IOException | RuntimeException e) {
            return Verdict.malformed(mediaType, e);
        } finally {
            reader.dispose();
        }
    }

    // Local file header, empty archive, spanned archive: Tika only names the first.
    private static boolean isZip(byte[] c) {
        return startsWith(c, 'P', 'K', 3, 4) || startsWith(c, 'P', 'K', 5, 6) || startsWith(c, 'P', 'K', 7, 8);
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
