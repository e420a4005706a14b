package se.council.hub.intake.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static se.council.hub.intake.mail.Fixtures.mail;
import static se.council.hub.intake.mail.Fixtures.original;
import static se.council.hub.intake.mail.Fixtures.sha256;

/** Broken, odd and hostile input: reported as problems, never thrown, the rest still read. */
class MailParserBrokenInputTest {

    private final MailParser parser = new MailParser();

    @Test
    void corruptBase64PartIsReportedWhileTheGoodPartsArriveIntact() {
        ParsedMail mail = parser.parse(mail("broken-part.eml"));

        assertThat(mail.attachments()).extracting(MailAttachment::name)
                .containsExactly("rapport.pdf", "anteckningar.pptx", "bilder.pptx");
        assertThat(mail.attachments().get(0).problem()).isNull();
        assertThat(sha256(mail.attachments().get(0).content())).isEqualTo(sha256(original("gmail-lagesrapport.pdf")));
        assertThat(mail.attachments().get(1).problem()).startsWith("corrupt base64");
        assertThat(mail.attachments().get(2).problem()).isNull();
        assertThat(sha256(mail.attachments().get(2).content())).isEqualTo(sha256(original("outlook-lagesrapport-q4.pptx")));
        assertThat(mail.problems()).singleElement().asString()
                .startsWith("attachment \"anteckningar.pptx\": corrupt base64");
        assertThat(mail.text()).isEqualTo("Tre bilagor.");
    }

    @Test
    void truncatedMailReportsTheCutPartAndTheMissingEndBoundary() {
        ParsedMail mail = parser.parse(mail("truncated.eml"));

        assertThat(mail.attachments()).extracting(MailAttachment::name).containsExactly("rapport.pdf", "bilder.pptx");
        assertThat(mail.attachments().get(0).intact()).isTrue();
        assertThat(mail.attachments().get(1).problem()).startsWith("truncated base64");
        assertThat(mail.attachments().get(1).content()).isNotEmpty();
        assertThat(mail.problems()).anyMatch(p -> p.contains("closing boundary missing"))
                .anyMatch(p -> p.contains("bilder.pptx") && p.contains("truncated base64"));
    }

    @Test
    void garbageAndEmptyInputYieldProblemsInsteadOfExceptions() {
        assertThat(parser.parse(new byte[0]).problems()).containsExactly("the message is empty");
        assertThat(parser.parse(null).problems()).containsExactly("the message is empty");

        ParsedMail garbage = parser.parse(new byte[] {0, 1, 2, (byte) 0xFF, '\n', '\n', 'x'});
        assertThat(garbage.problems()).isNotEmpty();
        assertThat(garbage.attachments()).isEmpty();

        ParsedMail noBoundary = parser.parse(mime("""
                From: a@ivo.example
                Content-Type: multipart/mixed

                --x
                Content-Type: text/plain

                hi
                """));
        // Jakarta Mail guesses the boundary from the first "--" line; the missing end is reported.
        assertThat(noBoundary.problems()).anyMatch(p -> p.contains("closing boundary missing"));
        assertThat(noBoundary.fromAddress()).isEqualTo("a@ivo.example");
    }

    @Test
    void htmlOnlyMailBecomesReadableText() {
        ParsedMail mail = parser.parse(mime("""
                From: Per Sund <per.sund@sbu.example>
                Subject: test
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <html><head><style>p{color:red}</style><script>alert(1)</script></head>
                <body><p>Hej&nbsp;r&aring;det,</p><div>rad ett<br>rad två &amp; tre</div>
                <ul><li>punkt 1</li><li>punkt 2</li></ul><p>&#8211; Per &lt;SBU&gt;</p>
                <div>Gmail</div><div><br></div><div>rad A</div><div>rad B</div></body></html>
                """));

        assertThat(mail.text()).isEqualTo(
                "Hej rådet,\n\nrad ett\nrad två & tre\npunkt 1\npunkt 2\n\n– Per <SBU>\n\nGmail\n\nrad A\nrad B");
    }

    @Test
    void signaturesAndVcardsAreNotFilesButCalendarsAreCollected() {
        ParsedMail mail = parser.parse(mime("""
                From: anna.lind@ivo.example
                MIME-Version: 1.0
                Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="sig"

                --sig
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/plain; charset=utf-8

                Svar på inbjudan.
                --mix
                Content-Type: text/x-vcard; name="Anna Lind.vcf"
                Content-Disposition: attachment; filename="Anna Lind.vcf"

                BEGIN:VCARD
                END:VCARD
                --mix
                Content-Type: text/calendar; charset=utf-8; method=REPLY
                Content-Transfer-Encoding: base64

                %s
                --mix--
                --sig
                Content-Type: application/pkcs7-signature; name="smime.p7s"
                Content-Disposition: attachment; filename="smime.p7s"
                Content-Transfer-Encoding: base64

                MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAA==
                --sig--
                """.formatted(Base64.getMimeEncoder().encodeToString(
                "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:nrp-2026-12-10@council.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                        .getBytes(StandardCharsets.UTF_8)))));

        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.text()).isEqualTo("Svar på inbjudan.");
        assertThat(mail.calendarParts()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("REPLY");
            assertThat(c.content()).contains("UID:nrp-2026-12-10@council.example\nEND:VEVENT");
        });
    }

    @Test
    void outlookEncodedWordInsideAnUnquotedParameterAndUnknownCharsetAreTolerated() {
        ParsedMail mail = parser.parse(mime("""
                From: =?utf-8?Q?Lisa_=C3=96berg?= <Lisa.Oberg@LOF.example>
                Subject: [NRP-2026-12-10]=?utf-8?Q?_=C3=84rende=3A_Test?=
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain; charset=x-no-such-charset

                hall\u00e5
                --b
                Content-Type: application/pdf; name==?utf-8?B?w4RyZW5kZS5wZGY=?=
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b--
                """));

        assertThat(mail.subject()).isEqualTo("[NRP-2026-12-10] Ärende: Test");
        assertThat(mail.fromAddress()).isEqualTo("lisa.oberg@lof.example");
        assertThat(mail.fromName()).isEqualTo("Lisa Öberg");
        assertThat(mail.text()).isEqualTo("hallå");
        assertThat(mail.problems()).singleElement().asString().contains("unknown charset");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("Ärende.pdf");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4\n");
        });
    }

    @Test
    void winmailThatCannotBeUnpackedIsKeptAsAFileWithAProblem() {
        ParsedMail mail = parser.parse(mime("""
                From: karl.nord@ivo.example
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                Se bilaga.
                --b
                Content-Type: application/ms-tnef; name="winmail.dat"
                Content-Disposition: attachment; filename="winmail.dat"
                Content-Transfer-Encoding: base64

                eJ8+IgAAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5NaWNy
                --b--
                """));

        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("winmail.dat");
            assertThat(a.declaredType()).isEqualTo("application/ms-tnef");
            assertThat(a.problem()).startsWith("winmail.dat (TNEF) could not be unpacked");
            assertThat(a.content()).startsWith(0x78, 0x9F, 0x3E, 0x22);
        });
        assertThat(mail.text()).isEqualTo("Se bilaga.");
    }

    @Test
    void bouncesAndBulkMailAreAutoSubmitted() {
        assertThat(parser.parse(mime("From: MAILER-DAEMON@mx.ivo.example\nSubject: Undelivered\n\nx")).autoSubmitted()).isTrue();
        assertThat(parser.parse(mime("From: a@ivo.example\nPrecedence: bulk\n\nx")).autoSubmitted()).isTrue();
        assertThat(parser.parse(mime("From: a@ivo.example\nX-Autoreply: yes\n\nx")).autoSubmitted()).isTrue();
        assertThat(parser.parse(mime("From: a@ivo.example\nAuto-Submitted: no\n\nx")).autoSubmitted()).isFalse();
    }

    private static byte[] mime(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
