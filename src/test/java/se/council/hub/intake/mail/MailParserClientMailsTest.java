package se.council.hub.intake.mail;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static se.council.hub.intake.mail.Fixtures.mail;
import static se.council.hub.intake.mail.Fixtures.original;
import static se.council.hub.intake.mail.Fixtures.sha256;

/** Mails as Outlook, Gmail, Thunderbird and Apple Mail really build them. */
class MailParserClientMailsTest {

    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private final MailParser parser = new MailParser();

    @Test
    void outlookMailYieldsThePptxWithItsWindows1252NameAndDropsTheSignatureLogo() throws IOException {
        ParsedMail mail = parser.parse(mail("outlook-status-update.eml"));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.subject()).isEqualTo("[NRP-2026-12-10] Lägesrapport från IVO inför mötet");
        assertThat(mail.fromAddress()).isEqualTo("anna.lind@ivo.example");
        assertThat(mail.fromName()).isEqualTo("Anna Lind");
        assertThat(mail.messageId()).isEqualTo(
                "<DB9PR09MB5216A3C4E1F2B7D8C9E0F1A2B3C4D@DB9PR09MB5216A3C4E1F2B7D8C9E0F1A2B3C4D.eurprd09.prod.outlook.example>");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("Lägesrapport Q4.pptx");
            assertThat(a.declaredType()).isEqualTo(PPTX);
            assertThat(a.problem()).isNull();
            assertThat(sha256(a.content())).isEqualTo(sha256(original("outlook-lagesrapport-q4.pptx")));
        });
        assertThat(slideTexts(mail.attachments().get(0).content())).contains("Lägesrapport Q4");
        assertThat(mail.text()).startsWith("Hej,\n\nHär kommer IVO:s lägesrapport inför rådets möte den 10 december. "
                        + "Rapporten sammanfattar tillsynen under kvartal fyra och de iakttagelser vi vill lyfta på mötet.")
                .contains("Med vänliga hälsningar\n\nAnna Lind\nUtredare, Inspektionen för vård och omsorg")
                .doesNotContain("\r");
        assertThat(mail.authenticationResults()).singleElement().asString()
                .startsWith("mx.council.example; dkim=pass");
        assertThat(mail.autoSubmitted()).isFalse();
    }

    @Test
    void outlookWinmailIsUnpackedIntoItsFilesWithLongNames() throws IOException {
        ParsedMail mail = parser.parse(mail("outlook-winmail.eml"));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.attachments()).extracting(MailAttachment::name)
                .containsExactly("Lägesrapport november.pptx", "Bilaga – tillsynsresultat.pdf");
        assertThat(mail.attachments()).extracting(MailAttachment::declaredType)
                .containsExactly(PPTX, "application/pdf");
        assertThat(sha256(mail.attachments().get(0).content())).isEqualTo(sha256(original("tnef-lagesrapport.pptx")));
        assertThat(sha256(mail.attachments().get(1).content())).isEqualTo(sha256(original("tnef-bilaga.pdf")));
        assertThat(slideTexts(mail.attachments().get(0).content())).contains("Lägesrapport november");
        assertThat(pdfText(mail.attachments().get(1).content())).contains("tillsynsresultat");
        assertThat(mail.text()).startsWith("Hej,\n\nBifogar IVO:s lägesrapport för november");
        assertThat(mail.subject()).isEqualTo("[NRP-2026-12-10] Lägesrapport IVO");
    }

    @Test
    void gmailPdfNameInRfc2231Utf8KeepsÅäöByteExact() throws IOException {
        ParsedMail mail = parser.parse(mail("gmail-status-update.eml"));

        String expected = "Lägesrapport Folkhälsomyndigheten – Öppna jämförelser för vårdskador.pdf";
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo(expected);
            assertThat(a.name().getBytes(StandardCharsets.UTF_8)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            assertThat(a.declaredType()).isEqualTo("application/pdf");
            assertThat(sha256(a.content())).isEqualTo(sha256(original("gmail-lagesrapport.pdf")));
        });
        assertThat(pdfText(mail.attachments().get(0).content())).contains("Lägesrapport Folkhälsomyndigheten");
        assertThat(mail.text()).isEqualTo("""
                Hej!

                Här är Folkhälsomyndighetens lägesrapport inför mötet den 10 december.
                Vi tar gärna upp avsnittet om vårdskador under punkt 4.

                Hälsningar
                Karin Berg""");
        assertThat(mail.subject()).isEqualTo("[NRP-2026-12-10] Lägesrapport Folkhälsomyndigheten");
        assertThat(mail.messageId()).isEqualTo("<CAH4x=Qm1p3R5t7V9x1Z3b5D7f9H1j3L5n7P9r1T3v5X7z9B1@mail.gmail.example>");
    }

    @Test
    void thunderbirdAgendaItemDecodesIso88591FlowedTextAndContinuedFileName() throws IOException {
        ParsedMail mail = parser.parse(mail("thunderbird-agenda-item.eml"));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.subject()).isEqualTo("[NRP-2026-12-10] Ärende: Säkerhetskultur i kommunal vård");
        assertThat(mail.fromAddress()).isEqualTo("johan.ek@lof.example");
        assertThat(mail.messageId()).isEqualTo("<8c1f3a52-6b2e-4d0a-9f7e-2a1b3c4d5e6f@lof.example>");
        // The three flowed lines are one paragraph again; the signature separator stays.
        assertThat(mail.text()).contains("Löf föreslår ett ärende till rådets möte den 10 december: säkerhetskultur i "
                        + "kommunal vård. Vi ser att avvikelserapporteringen skiljer sig mycket mellan kommunerna och "
                        + "vill diskutera hur rådet kan stödja ett gemensamt arbetssätt.\n")
                .contains("Föredragande: Johan Ek och Lisa Öberg, Löf.")
                .contains("\n-- \nJohan Ek, Löf - Landstingens ömsesidiga försäkringsbolag");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("Ärende Säkerhetskultur i kommunal vård - underlag.pdf");
            assertThat(sha256(a.content())).isEqualTo(sha256(original("thunderbird-underlag.pdf")));
        });
    }

    @Test
    void appleMailKeepsTheDecomposedFileNameAndJoinsTextAroundTheAttachment() throws IOException {
        ParsedMail mail = parser.parse(mail("apple-mail-status-update.eml"));

        String nfd = Normalizer.normalize("Lägesrapport Socialstyrelsen.pptx", Normalizer.Form.NFD);
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo(nfd).startsWith("La\u0308gesrapport")
                    .isNotEqualTo(Normalizer.normalize(nfd, Normalizer.Form.NFC));
            assertThat(a.declaredType()).isEqualTo(PPTX);
            assertThat(sha256(a.content())).isEqualTo(sha256(original("apple-lagesrapport.pptx")));
        });
        assertThat(slideTexts(mail.attachments().get(0).content())).contains("Socialstyrelsen");
        assertThat(mail.text()).isEqualTo("""
                Hej!

                Här är vår lägesrapport inför mötet den 10 december:

                Vänliga hälsningar
                Sara Nyström
                Socialstyrelsen""");
        assertThat(mail.fromName()).isEqualTo("Sara Nyström");
        assertThat(mail.subject()).isEqualTo("[NRP-2026-12-10] Lägesrapport Socialstyrelsen");
        assertThat(mail.messageId()).isEqualTo("<5E2B8F1A-3C7D-4A9E-B6F0-1D2C3E4F5A6B@socialstyrelsen.example>");
    }

    @Test
    void mailForwardedAsAttachmentYieldsTheInnerFilesAndBothTexts() throws IOException {
        ParsedMail mail = parser.parse(mail("forwarded-as-attachment.eml"));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.fromAddress()).isEqualTo("eva.strand@lakemedelsverket.example");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("Underlag patientsäkerhet.pptx");
            assertThat(sha256(a.content())).isEqualTo(sha256(original("forwarded-underlag.pptx")));
        });
        assertThat(mail.text())
                .startsWith("Hej,\n\nVidarebefordrar Mats underlag till rådets möte som vår lägesrapport.")
                .contains("---------- Forwarded message ----------\n"
                        + "From: Mats Dahl <mats.dahl@lakemedelsverket.example>\n"
                        + "Date: Mon, 23 Nov 2026 15:20:33 +0100\n"
                        + "Subject: Underlag till rådets möte\n")
                .endsWith("här är underlaget om patientsäkerhet som vi pratade om.\n\n/Mats");
        assertThat(mail.text().indexOf("Eva Strand")).isLessThan(mail.text().indexOf("Forwarded message"));
    }

    @Test
    void gmailInlineForwardKeepsTheQuotedHeaderInTheTextAndTheAttachment() {
        ParsedMail mail = parser.parse(mail("forwarded-inline-gmail.eml"));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.subject()).isEqualTo("Fwd: [NRP-2026-12-10] Lägesrapport SBU");
        assertThat(mail.fromName()).isEqualTo("Lena Åberg");
        assertThat(mail.text()).contains("---------- Forwarded message ---------\nFrån: Per Sund <per.sund@sbu.example>")
                .contains("här kommer SBU:s lägesrapport.");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("SBU lägesrapport december.pdf");
            assertThat(sha256(a.content())).isEqualTo(sha256(original("gmail-lagesrapport.pdf")));
        });
    }

    @Test
    void replyCarriesInReplyToAndReferencesInOrder() {
        ParsedMail mail = parser.parse(mail("reply-with-references.eml"));

        assertThat(mail.inReplyTo()).isEqualTo("<reminder.nrp-2026-12-10.ivo.7d@council.example>");
        assertThat(mail.references()).containsExactly(
                "<call.nrp-2026-12-10.ivo.1@council.example>", "<reminder.nrp-2026-12-10.ivo.7d@council.example>");
        assertThat(mail.replyTo()).isEqualTo("registrator@ivo.example");
        assertThat(mail.subject()).isEqualTo("SV: [NRP-2026-12-10] Inbjudan att lämna lägesrapport");
        assertThat(mail.text()).startsWith("Hej,\n\nVi skickar vår lägesrapport senast den 3 december.")
                .contains("Ämne: [NRP-2026-12-10] Inbjudan att lämna lägesrapport");
        assertThat(mail.autoSubmitted()).isFalse();
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void outOfOfficeReplyIsMarkedAutoSubmitted() {
        ParsedMail mail = parser.parse(mail("auto-reply.eml"));

        assertThat(mail.autoSubmitted()).isTrue();
        assertThat(mail.subject()).isEqualTo("Automatiskt svar: [NRP-2026-12-10] Inbjudan att lämna lägesrapport");
        assertThat(mail.inReplyTo()).isEqualTo("<call.nrp-2026-12-10.ivo.1@council.example>");
        assertThat(mail.text()).isEqualTo(
                "Jag är på semester till och med 30 november och läser inte min e-post under tiden.");
    }

    private static List<String> slideTexts(byte[] pptx) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            return show.getSlides().stream()
                    .flatMap(s -> s.getShapes().stream())
                    .filter(XSLFTextShape.class::isInstance)
                    .map(s -> ((XSLFTextShape) s).getText())
                    .toList();
        }
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
