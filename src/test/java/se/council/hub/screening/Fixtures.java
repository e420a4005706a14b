package se.council.hub.screening;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds the test files in memory with the same libraries real senders' tools resemble, so no binary lives in the repository. */
final class Fixtures {

    static final String SWEDISH_TITLE = "Lägesrapport från Inspektionen för vård och omsorg";

    private Fixtures() {
    }

    static byte[] pptx() {
        return pptx(1);
    }

    static byte[] pptx(int slides) {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= slides; i++) {
                XSLFSlide slide = show.createSlide();
                XSLFTextBox box = slide.createTextBox();
                box.setAnchor(new Rectangle(50, 50, 600, 100));
                box.setText(SWEDISH_TITLE + " – bild " + i + ": åäö ÅÄÖ é");
            }
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] docx() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Ärende: Gemensam tillsyn av läkemedelshantering");
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx() {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("Åtgärder");
            sheet.createRow(0).createCell(0).setCellValue("Myndighet");
            sheet.createRow(1).createCell(0).setCellValue("Strålsäkerhetsmyndigheten");
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pdf() {
        return pdf(null);
    }

    /** @param protection null for a plain PDF */
    static byte[] pdf(StandardProtectionPolicy protection) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                text.newLineAtOffset(72, 700);
                text.showText("Protokoll fört vid rådets möte – åäö ÅÄÖ");
                text.endText();
            }
            if (protection != null) {
                doc.protect(protection);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encryptedPdf(String userPassword) {
        StandardProtectionPolicy policy = new StandardProtectionPolicy("ägare-hemlig", userPassword, new AccessPermission());
        policy.setEncryptionKeyLength(256);
        return pdf(policy);
    }

    /** A pptx encrypted with Office's agile scheme, as "Protect with password" in PowerPoint does. */
    static byte[] passwordProtectedPptx() {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("lösenord");
            try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(pptx()));
                 OutputStream encrypted = encryptor.getDataStream(fs)) {
                pkg.save(encrypted);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine pptx with a VBA project part added and related from the presentation, as if a pptm were renamed. */
    static byte[] pptxWithVbaProjectPart() {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(pptx()));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PackagePart presentation = pkg.getPartsByRelationshipType(PackageRelationshipTypes.CORE_DOCUMENT).get(0);
            PackagePartName name = PackagingURIHelper.createPartName("/ppt/vbaProject.bin");
            PackagePart vba = pkg.createPart(name, "application/vnd.ms-office.vbaProject");
            try (OutputStream os = vba.getOutputStream()) {
                os.write(new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 'v', 'b', 'a'});
            }
            presentation.addRelationship(name, TargetMode.INTERNAL,
                    "http://schemas.microsoft.com/office/2006/relationships/vbaProject");
            pkg.save(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The presentation's content type switched to PowerPoint's macro-enabled one, as a real .pptm declares. */
    static byte[] pptm() {
        return rewriteZip(pptx(), (name, data) -> name.equals("[Content_Types].xml")
                ? new String(data, StandardCharsets.UTF_8)
                .replace("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
                .getBytes(StandardCharsets.UTF_8)
                : data);
    }

    /** A docx whose document part is not well-formed XML, though the package itself is intact. */
    static byte[] docxWithBrokenDocumentXml() {
        return rewriteZip(docx(), (name, data) -> name.equals("word/document.xml")
                ? "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                .getBytes(StandardCharsets.UTF_8)
                : data);
    }

    /** A pptx with an entry the package does not declare; only the raw zip shows it. */
    static byte[] withExtraEntry(byte[] zip, String entryName, byte[] data) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (ZipOutputStream zout = new ZipOutputStream(out)) {
                copyEntries(zip, zout, (n, d) -> d);
                zout.putNextEntry(new ZipEntry(entryName));
                zout.write(data);
                zout.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] rewriteZip(byte[] zip, BiFunction<String, byte[], byte[]> rewrite) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (ZipOutputStream zout = new ZipOutputStream(out)) {
                copyEntries(zip, zout, rewrite);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyEntries(byte[] zip, ZipOutputStream zout, BiFunction<String, byte[], byte[]> rewrite)
            throws IOException {
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = zin.getNextEntry()) != null) {
                zout.putNextEntry(new ZipEntry(entry.getName()));
                zout.write(rewrite.apply(entry.getName(), zin.readAllBytes()));
                zout.closeEntry();
            }
        }
    }

    static byte[] truncated(byte[] content) {
        return Arrays.copyOf(content, content.length / 2);
    }

    /**
     * An OOXML-looking zip whose slide inflates from a few kilobytes to {@code megabytes} MB of
     * blanks: the content types and relationships are real, so only the bomb guard stops it.
     */
    static byte[] zipBomb(int megabytes) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (ZipOutputStream zout = new ZipOutputStream(out)) {
                copyEntries(pptx(), zout, (n, d) -> d);
                zout.putNextEntry(new ZipEntry("ppt/slides/slide2.xml"));
                byte[] blanks = new byte[1024 * 1024];
                Arrays.fill(blanks, (byte) ' ');
                for (int i = 0; i < megabytes; i++) {
                    zout.write(blanks);
                }
                zout.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] jar() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (ZipOutputStream zout = new ZipOutputStream(out)) {
                zout.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                zout.write("Manifest-Version: 1.0\r\nMain-Class: Evil\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                zout.closeEntry();
                zout.putNextEntry(new ZipEntry("Evil.class"));
                zout.write(javaClassStub());
                zout.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] legacyPpt() {
        try (HSLFSlideShow show = new HSLFSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            HSLFTextBox box = show.createSlide().createTextBox();
            box.setText(SWEDISH_TITLE);
            box.setAnchor(new Rectangle(50, 50, 600, 100));
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0, 94, 184));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.YELLOW);
        g.fillRect(20, 0, 8, 48);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose header declares 20000 x 20000 pixels; the pixel data is irrelevant because only the header is read. */
    static byte[] pngDeclaringHugeDimensions() {
        byte[] png = image("png");
        ByteBuffer.wrap(png, 16, 8).putInt(20_000).putInt(20_000);
        // The IHDR CRC no longer matches; readers that check it call the file malformed either way.
        return png;
    }

    /** The DOS header with e_lfanew pointing at a PE signature and a minimal COFF header for x86-64. */
    static byte[] peStub() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z');
        b.putInt(0x3C, 0x80);
        b.put(0x80, (byte) 'P').put(0x81, (byte) 'E').put(0x82, (byte) 0).put(0x83, (byte) 0);
        b.putShort(0x84, (short) 0x8664);
        b.putShort(0x86, (short) 1);
        return b.array();
    }

    /** A 64-bit little-endian ELF header of type EXEC for x86-64. */
    static byte[] elfStub() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 2);
        b.putShort(18, (short) 0x3E);
        b.putInt(20, 1);
        return b.array();
    }

    static byte[] machOStub() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0xFEEDFACF);
        b.putInt(4, 0x01000007);
        b.putInt(12, 2);
        return b.array();
    }

    static byte[] javaClassStub() {
        return new byte[]{(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 10};
    }
}
