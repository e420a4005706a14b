package se.council.hub.protocol.document;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import javax.xml.transform.TransformerException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * The document information of a protocol PDF and, for the adjusted protocol, what PDF/A-2b adds:
 * XMP metadata that repeats the document information (pdfaid part 2, conformance B) and an sRGB
 * output intent with the ICC profile the JDK ships.
 */
final class PdfMetadata {

    static final String PRODUCER = "council-hub";
    private static volatile byte[] srgb;

    private PdfMetadata() {
    }

    static void apply(PDDocument pdf, ProtocolDocument doc, boolean pdfA) throws IOException {
        // whole seconds in UTC: XMP and the info dictionary then say exactly the same time
        Calendar now = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        now.set(Calendar.MILLISECOND, 0);
        String title = ProtocolText.title(doc);
        String author = ProtocolText.blank(doc.preparedBy()) ? null : doc.preparedBy();
        String subject = ProtocolText.blank(doc.subject()) ? null : doc.subject();

        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor(author);
        info.setSubject(subject);
        info.setCreator(PRODUCER);
        info.setProducer(PRODUCER);
        info.setCreationDate(now);
        info.setModificationDate(now);
        PDDocumentCatalog catalog = pdf.getDocumentCatalog();
        catalog.setLanguage(doc.english() ? "en" : "sv");
        if (!pdfA) {
            return;
        }
        pdf.setVersion(1.7f);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        try {
            PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
            id.setPart(2);
            id.setConformance("B");
        } catch (BadFieldValueException e) {
            throw new IllegalStateException(e);
        }
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(title);
        if (author != null) {
            dc.addCreator(author);
        }
        if (subject != null) {
            dc.addDescription(null, subject);
        }
        dc.setFormat("application/pdf");
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(PRODUCER);
        basic.setCreateDate(now);
        basic.setModifyDate(now);
        basic.setMetadataDate(now);
        AdobePDFSchema adobe = xmp.createAndAddAdobePDFSchema();
        adobe.setProducer(PRODUCER);

        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, xml, true);
        } catch (TransformerException e) {
            throw new IOException("XMP metadata cannot be written", e);
        }
        PDMetadata metadata = new PDMetadata(pdf);
        metadata.importXMPMetadata(xml.toByteArray());
        catalog.setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(pdf, new ByteArrayInputStream(srgb()));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);
    }

    /** The sRGB ICC profile of the JDK (java.awt.color), read once. */
    static byte[] srgb() {
        byte[] b = srgb;
        if (b == null) {
            srgb = b = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        }
        return b;
    }
}
