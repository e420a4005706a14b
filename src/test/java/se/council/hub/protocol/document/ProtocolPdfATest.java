package se.council.hub.protocol.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.preflight.PreflightDocument;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.ValidationResult.ValidationError;
import org.apache.pdfbox.preflight.parser.PreflightParser;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Test;

/**
 * The adjusted protocol's PDF/A-2b. PDFBox preflight 3.0.5 validates PDF/A-1b only; the test runs
 * it and accepts exactly the findings where PDF/A-1b and -2b differ (see {@link #PDFA1_ONLY}), and
 * checks what -2b asks beyond that itself: the XMP pdfaid part 2 / conformance B, XMP equal to the
 * document information, embedded fonts, the sRGB output intent.
 */
class ProtocolPdfATest {

    private final ProtocolWriter writer = new ProtocolWriter();

    /**
     * Preflight's findings that are PDF/A-1 rules and not PDF/A-2 ones: cross-reference streams
     * (PDF 1.5, allowed by PDF/A-2, ISO 19005-2 6.1.4) and the pdfaid part, which is 2 on purpose.
     */
    private static final List<String> PDFA1_ONLY = List.of(
            "1.4 Trailer Syntax error, /XRef cross reference streams are not allowed",
            "7.11.2 Error on MetaData, part must be 1");

    @Test
    void preflightFindsNothingButThePdfA1OnlyRules() throws IOException {
        byte[] pdf = writer.pdfA(ProtocolFixtures.longProtocol(false));
        List<String> errors = new ArrayList<>();
        try (PreflightDocument doc = (PreflightDocument) new PreflightParser(new RandomAccessReadBuffer(pdf)).parse()) {
            ValidationResult result = doc.validate();
            for (ValidationError e : result.getErrorsList()) {
                errors.add(e.getErrorCode() + " " + e.getDetails());
            }
        }
        assertThat(errors).isSubsetOf(PDFA1_ONLY).contains("7.11.2 Error on MetaData, part must be 1");
    }

    @Test
    void xmpSaysPdfA2bAndRepeatsTheDocumentInformation() throws Exception {
        byte[] pdf = writer.pdfA(ProtocolFixtures.meeting18(false));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getVersion()).isEqualTo(1.7f);
            XMPMetadata xmp = new DomXmpParser().parse(doc.getDocumentCatalog().getMetadata().exportXMPMetadata());
            PDFAIdentificationSchema id = xmp.getPDFAIdentificationSchema();
            assertThat(id.getPart()).isEqualTo(2);
            assertThat(id.getConformance()).isEqualTo("B");

            PDDocumentInformation info = doc.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo("Protokoll från rådets artonde möte");
            DublinCoreSchema dc = xmp.getDublinCoreSchema();
            assertThat(dc.getTitle()).isEqualTo(info.getTitle());
            assertThat(dc.getCreators()).containsExactly(info.getAuthor()).containsExactly("Åsa Öhrnberg");
            XMPBasicSchema basic = xmp.getXMPBasicSchema();
            assertThat(basic.getCreatorTool()).isEqualTo(info.getCreator());
            assertThat(basic.getCreateDate().toInstant()).isEqualTo(info.getCreationDate().toInstant());
            assertThat(basic.getModifyDate().toInstant()).isEqualTo(info.getModificationDate().toInstant());
            AdobePDFSchema adobe = xmp.getAdobePDFSchema();
            assertThat(adobe.getProducer()).isEqualTo(info.getProducer());

            List<PDOutputIntent> intents = doc.getDocumentCatalog().getOutputIntents();
            assertThat(intents).hasSize(1);
            PDOutputIntent intent = intents.get(0);
            assertThat(intent.getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1");
            assertThat(intent.getCOSObject().getNameAsString(COSName.S)).isEqualTo("GTS_PDFA1");
            byte[] icc;
            try (InputStream in = intent.getDestOutputIntent().createInputStream()) {
                icc = in.readAllBytes();
            }
            assertThat(new String(icc, 16, 4, StandardCharsets.US_ASCII)).isEqualTo("RGB ");

            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            assertThat(ProtocolWriterTest.flat(new PDFTextStripper().getText(doc)))
                    .contains("Justerad av Samtliga deltagare 2025-03-10", "1(2)", "2(2)")
                    .doesNotContain("UTKAST");
        }
    }

    @Test
    void theOrdinaryPdfCarriesNoPdfAClaim() throws IOException {
        try (PDDocument doc = Loader.loadPDF(writer.pdf(ProtocolFixtures.meeting18(false)))) {
            assertThat(doc.getDocumentCatalog().getMetadata()).isNull();
            assertThat(doc.getDocumentCatalog().getOutputIntents()).isEmpty();
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Protokoll från rådets artonde möte");
        }
    }
}
