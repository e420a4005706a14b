package se.council.hub.intake.mail;

import jakarta.mail.internet.MimeUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Base64;

/**
 * Writes the mail fixtures in src/test/resources/mail/ and the original files they carry
 * (src/test/resources/mail/files/). Run once by hand when a fixture must change:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) se.council.hub.intake.mail.FixtureGenerator
 * </pre>
 * The tests never run it: they read the committed files, and compare what the parser decodes
 * with the committed originals. Each layout follows the client named in the file; see
 * src/test/resources/mail/README.md for where each layout was taken from.
 */
public final class FixtureGenerator {

    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private final Path dir;

    private FixtureGenerator(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/mail");
        Files.createDirectories(dir.resolve("files"));
        new FixtureGenerator(dir).writeAll();
    }

    private void writeAll() throws Exception {
        byte[] outlookPptx = original("outlook-lagesrapport-q4.pptx", pptx("Lägesrapport Q4", "Inspektionen för vård och omsorg"));
        byte[] tnefPptx = original("tnef-lagesrapport.pptx", pptx("Lägesrapport november", "IVO – tillsyn i kommunal vård"));
        byte[] tnefPdf = original("tnef-bilaga.pdf", pdf("Bilaga: tillsynsresultat 2026"));
        byte[] gmailPdf = original("gmail-lagesrapport.pdf", pdf("Lägesrapport Folkhälsomyndigheten"));
        byte[] tbirdPdf = original("thunderbird-underlag.pdf", pdf("Ärende: Säkerhetskultur i kommunal vård"));
        byte[] applePptx = original("apple-lagesrapport.pptx", pptx("Lägesrapport", "Socialstyrelsen"));
        byte[] fwdPptx = original("forwarded-underlag.pptx", pptx("Underlag patientsäkerhet", "Läkemedelsverket"));
        byte[] logo = original("image001.png", png());
        byte[] tnef = original("winmail.dat", new TnefWriter("[NRP-2026-12-10] Lägesrapport IVO")
                .add(new TnefWriter.File("LAGESR~1.PPT", "Lägesrapport november.pptx", PPTX, tnefPptx))
                .add(new TnefWriter.File("BILAGA~1.PDF", "Bilaga – tillsynsresultat.pdf", "application/pdf", tnefPdf))
                .write());

        write("outlook-status-update.eml", outlook(outlookPptx, logo), StandardCharsets.US_ASCII);
        write("outlook-winmail.eml", outlookWinmail(tnef), StandardCharsets.US_ASCII);
        write("gmail-status-update.eml", gmail(gmailPdf), StandardCharsets.US_ASCII);
        write("thunderbird-agenda-item.eml", thunderbird(tbirdPdf), StandardCharsets.ISO_8859_1);
        write("apple-mail-status-update.eml", apple(applePptx), StandardCharsets.US_ASCII);
        write("forwarded-as-attachment.eml", forwardedAsAttachment(fwdPptx), StandardCharsets.UTF_8);
        write("forwarded-inline-gmail.eml", forwardedInline(gmailPdf), StandardCharsets.US_ASCII);
        write("broken-part.eml", brokenPart(gmailPdf, outlookPptx), StandardCharsets.US_ASCII);
        write("truncated.eml", truncated(gmailPdf, outlookPptx), StandardCharsets.US_ASCII);
        write("spoofed-sender.eml", spoofed(), StandardCharsets.UTF_8);
        write("spoofed-forged-results.eml", forgedResults(), StandardCharsets.US_ASCII);
        write("auto-reply.eml", autoReply(), StandardCharsets.US_ASCII);
        write("reply-with-references.eml", reply(), StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ Outlook (Exchange Online)

    private String outlook(byte[] pptx, byte[] logo) throws IOException {
        String id = "DB9PR09MB5216A3C4E1F2B7D8C9E0F1A2B3C4D";
        String text = """
                Hej,

                Här kommer IVO:s lägesrapport inför rådets möte den 10 december. Rapporten sammanfattar tillsynen under kvartal fyra och de iakttagelser vi vill lyfta på mötet.

                Med vänliga hälsningar

                Anna Lind
                Utredare, Inspektionen för vård och omsorg
                [cid:image001.png@01DD5E2A.4B7C8D90]
                """;
        String html = """
                <html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
                <head>
                <meta http-equiv="Content-Type" content="text/html; charset=Windows-1252">
                <meta name="Generator" content="Microsoft Word 15 (filtered medium)">
                <style><!--
                /* Style Definitions */
                p.MsoNormal, li.MsoNormal, div.MsoNormal
                	{margin:0cm;
                	font-size:11.0pt;
                	font-family:"Aptos",sans-serif;}
                --></style>
                </head>
                <body lang="SV" link="#467886" vlink="#96607D" style="word-wrap:break-word">
                <div class="WordSection1">
                <p class="MsoNormal">Hej,<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <p class="MsoNormal">Här kommer IVO:s lägesrapport inför rådets möte den 10 december. Rapporten sammanfattar tillsynen under kvartal fyra och de iakttagelser vi vill lyfta på mötet.<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <p class="MsoNormal">Med vänliga hälsningar<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <p class="MsoNormal">Anna Lind<o:p></o:p></p>
                <p class="MsoNormal">Utredare, Inspektionen för vård och omsorg<o:p></o:p></p>
                <p class="MsoNormal"><img width="120" height="40" style="width:1.25in;height:.4166in" id="Bild_x0020_1" src="cid:image001.png@01DD5E2A.4B7C8D90" alt="IVO"><o:p></o:p></p>
                </div>
                </body>
                </html>
                """;
        String encodedName = "=?Windows-1252?Q?L=E4gesrapport_Q4.pptx?=";
        return crlf("""
                Return-Path: <anna.lind@ivo.example>
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkQ2m0Zr9z9sTq
                	for <hub@council.example>; Tue, 24 Nov 2026 10:14:40 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=pass (2048-bit key; unprotected) header.d=ivo.example header.i=@ivo.example header.a=rsa-sha256 header.s=selector1 header.b=Xq3bL9vA;
                	spf=pass (mx.council.example: domain of anna.lind@ivo.example designates 192.0.2.25 as permitted sender) smtp.mailfrom=anna.lind@ivo.example;
                	dmarc=pass (p=reject dis=none) header.from=ivo.example
                Received: from EUR05-DB8-obe.outbound.protection.outlook.example (mail-db8eur05on2125.outbound.protection.outlook.example [192.0.2.25])
                	by mx.council.example (Postfix) with ESMTPS id 4HkQ2l6WxCz9sTp
                	for <hub@council.example>; Tue, 24 Nov 2026 10:14:39 +0100 (CET)
                DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=ivo.example;
                 s=selector1;
                 h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck;
                 bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
                 b=Xq3bL9vA0cS2m0VfQh8xJp3c8D1k1m4nWcE2rV5t7Yg0bN3hK6uQ9yX2aZ4eR7tL1oP5sI8vU0wM3jF6kC9dH2gB5nA8qT1yE4xW7zS0fL3pO6iU9rY2tK5mJ8hG1dS4aQ7wE0
                From: Anna Lind <anna.lind@ivo.example>
                To: "hub@council.example" <hub@council.example>
                Subject: =?Windows-1252?Q?[NRP-2026-12-10]_L=E4gesrapport_fr=E5n_IVO_inf=F6r_m=F6tet?=
                Thread-Topic: =?Windows-1252?Q?[NRP-2026-12-10]_L=E4gesrapport_fr=E5n_IVO_inf=F6r_m=F6tet?=
                Thread-Index: AdtJ7k0mZk2b3H1qT0eWJ8dY5vL9Xw==
                Date: Tue, 24 Nov 2026 09:14:32 +0000
                Message-ID: <%1$s@%1$s.eurprd09.prod.outlook.example>
                Accept-Language: sv-SE, en-US
                Content-Language: sv-SE
                X-MS-Has-Attach: yes
                X-MS-TNEF-Correlator:\s
                msip_labels:\s
                x-ms-publictraffictype: Email
                x-ms-traffictypediagnostic: DB9PR09MB5216:EE_|AS8PR09MB6331:EE_
                MIME-Version: 1.0
                Content-Type: multipart/mixed;
                	boundary="_004_%1$seurp_"

                --_004_%1$seurp_
                Content-Type: multipart/alternative;
                	boundary="_000_%1$seurp_"

                --_000_%1$seurp_
                Content-Type: text/plain; charset="Windows-1252"
                Content-Transfer-Encoding: quoted-printable

                %2$s
                --_000_%1$seurp_
                Content-Type: multipart/related;
                	boundary="_006_%1$seurp_";
                	type="text/html"

                --_006_%1$seurp_
                Content-Type: text/html; charset="Windows-1252"
                Content-Transfer-Encoding: quoted-printable

                %3$s
                --_006_%1$seurp_
                Content-Type: image/png; name="image001.png"
                Content-Description: image001.png
                Content-Disposition: inline; filename="image001.png"; size=%4$d;
                	creation-date="Tue, 24 Nov 2026 09:14:31 GMT";
                	modification-date="Tue, 24 Nov 2026 09:14:31 GMT"
                Content-ID: <image001.png@01DD5E2A.4B7C8D90>
                Content-Transfer-Encoding: base64

                %5$s
                --_006_%1$seurp_--

                --_000_%1$seurp_--

                --_004_%1$seurp_
                Content-Type: %6$s;
                	name="%7$s"
                Content-Description: %7$s
                Content-Disposition: attachment;
                	filename="%7$s"; size=%8$d;
                	creation-date="Tue, 24 Nov 2026 09:13:10 GMT";
                	modification-date="Tue, 24 Nov 2026 09:14:31 GMT"
                Content-Transfer-Encoding: base64

                %9$s
                --_004_%1$seurp_--
                """.formatted(id, qp(text, CP1252), qp(html, CP1252), logo.length, b64(logo, 76),
                PPTX, encodedName, pptx.length, b64(pptx, 76)));
    }

    private String outlookWinmail(byte[] tnef) throws IOException {
        String id = "AM7PR09MB6127C1D2E3F4A5B6C7D8E9F0A1B2C";
        String text = """
                Hej,

                Bifogar IVO:s lägesrapport för november och en bilaga med tillsynsresultaten.

                Vänliga hälsningar
                Karl Nord
                Inspektionen för vård och omsorg
                """;
        return crlf("""
                Return-Path: <karl.nord@ivo.example>
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkR7c1Tq2z9sVb
                	for <hub@council.example>; Wed, 25 Nov 2026 08:02:17 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=ivo.example header.s=selector1 header.b=Lk2mP0qa;
                	spf=pass (mx.council.example: domain of karl.nord@ivo.example designates 192.0.2.25 as permitted sender) smtp.mailfrom=karl.nord@ivo.example;
                	dmarc=pass (p=reject dis=none) header.from=ivo.example
                From: Karl Nord <karl.nord@ivo.example>
                To: "hub@council.example" <hub@council.example>
                Subject: =?iso-8859-1?Q?[NRP-2026-12-10]_L=E4gesrapport_IVO?=
                Thread-Topic: =?iso-8859-1?Q?[NRP-2026-12-10]_L=E4gesrapport_IVO?=
                Thread-Index: AdtKc3Rm8Xn0pQ2wR5yT7uV9aB1cDg==
                Date: Wed, 25 Nov 2026 07:02:09 +0000
                Message-ID: <%1$s@%1$s.eurprd09.prod.outlook.example>
                Accept-Language: sv-SE, en-US
                Content-Language: sv-SE
                X-MS-Has-Attach: yes
                X-MS-TNEF-Correlator: <%1$s@%1$s.eurprd09.prod.outlook.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed;
                	boundary="_000_%1$seurp_"

                --_000_%1$seurp_
                Content-Type: text/plain; charset="iso-8859-1"
                Content-Transfer-Encoding: quoted-printable

                %2$s
                --_000_%1$seurp_
                Content-Disposition: attachment; filename="winmail.dat"
                Content-Transfer-Encoding: base64
                Content-Type: application/ms-tnef; name="winmail.dat"

                %3$s
                --_000_%1$seurp_--
                """.formatted(id, qp(text, StandardCharsets.ISO_8859_1), b64(tnef, 76)));
    }

    // ------------------------------------------------------------------ Gmail (Google Workspace)

    private String gmail(byte[] pdf) throws IOException {
        String name = "Lägesrapport Folkhälsomyndigheten – Öppna jämförelser för vårdskador.pdf";
        String text = """
                Hej!

                Här är Folkhälsomyndighetens lägesrapport inför mötet den 10 december.
                Vi tar gärna upp avsnittet om vårdskador under punkt 4.

                Hälsningar
                Karin Berg
                """;
        String html = """
                <div dir="ltr"><div>Hej!</div><div><br></div><div>Här är Folkhälsomyndighetens lägesrapport inför mötet den 10 december.</div><div>Vi tar gärna upp avsnittet om vårdskador under punkt 4.</div><div><br></div><div>Hälsningar</div><div>Karin Berg</div></div>
                """;
        return crlf("""
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkS0x4Pn8z9sWd
                	for <hub@council.example>; Wed, 25 Nov 2026 13:40:05 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=pass (2048-bit key; unprotected) header.d=folkhalsomyndigheten.example header.i=@folkhalsomyndigheten.example header.a=rsa-sha256 header.s=google header.b=aB3dE5fG;
                	spf=pass (mx.council.example: domain of karin.berg@folkhalsomyndigheten.example designates 198.51.100.41 as permitted sender) smtp.mailfrom=karin.berg@folkhalsomyndigheten.example;
                	dmarc=pass (p=quarantine dis=none) header.from=folkhalsomyndigheten.example
                Return-Path: <karin.berg@folkhalsomyndigheten.example>
                Received: from mail-ej1-f41.google.example (mail-ej1-f41.google.example [198.51.100.41])
                	by mx.council.example (Postfix) with ESMTPS id 4HkS0w6Jm3z9sWc
                	for <hub@council.example>; Wed, 25 Nov 2026 13:40:04 +0100 (CET)
                Received: by mail-ej1-f41.google.example with SMTP id a640c23a62f3a-ab7e1c0d2f6so1187466b.3
                        for <hub@council.example>; Wed, 25 Nov 2026 04:40:04 -0800 (PST)
                DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
                        d=folkhalsomyndigheten.example; s=google; t=1795610403; x=1796215203; darn=council.example;
                        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject
                         :date:message-id:reply-to;
                        bh=9nXzYk4fQ2w8Lr0pT5bV7cN1mJ3hG6dS8aE0uI2oK4Y=;
                        b=aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3v
                         W5xY7zA9bC1dE3fG5hJ7kL9mN1pQ3rS5tU7vW9xY1zA3bC5dE7fG9hJ1kL3mN5pQ7==
                X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
                        d=1e100.example; s=20230601; t=1795610403; x=1796215203;
                        h=to:subject:message-id:date:from:mime-version:x-gm-message-state
                         :from:to:cc:subject:date:message-id:reply-to;
                        bh=9nXzYk4fQ2w8Lr0pT5bV7cN1mJ3hG6dS8aE0uI2oK4Y=;
                        b=Zz1Yy2Xx3Ww4Vv5Uu6Tt7Ss8Rr9Qq0Pp1Oo2Nn3Mm4Ll5Kk6Jj7Ii8Hh9Gg0Ff1Ee2
                X-Gm-Message-State: AOJu0YwQm3n5p7R9t1V3x5Z7b9D1f3H5j7L9n1P3r5T7v9X1z3B5
                	d7F9h1J3l5N7p9R1t3V5x7Z9b1D3f5H7j9L1n3P5r7T9v1X3z5B7d9F1h3J5l7N9p1R3t5V7
                X-Google-Smtp-Source: AGHT+IFq3s5U7w9Y1a3C5e7G9i1K3m5O7q9S1u3W5y7A9c1E3g5I7k9M1o3Q5s7U9w1Y3
                X-Received: by 2002:a17:907:7da6:b0:aa6:9d3b:5f4e with SMTP id oz38-20020a1709077da600b00aa69d3b5f4emr1187466ejc.3.1795610403987;
                        Wed, 25 Nov 2026 04:40:03 -0800 (PST)
                MIME-Version: 1.0
                From: Karin Berg <karin.berg@folkhalsomyndigheten.example>
                Date: Wed, 25 Nov 2026 13:39:52 +0100
                Message-ID: <CAH4x=Qm1p3R5t7V9x1Z3b5D7f9H1j3L5n7P9r1T3v5X7z9B1@mail.gmail.example>
                Subject: =?UTF-8?Q?=5BNRP=2D2026=2D12=2D10=5D_L=C3=A4gesrapport_Folkh=C3=A4lsomyndigheten?=
                To: hub@council.example
                Content-Type: multipart/mixed; boundary="0000000000007c1a2b062f3e4d5f"

                --0000000000007c1a2b062f3e4d5f
                Content-Type: multipart/alternative; boundary="0000000000007c1a2a062f3e4d5d"

                --0000000000007c1a2a062f3e4d5d
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                %1$s
                --0000000000007c1a2a062f3e4d5d
                Content-Type: text/html; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                %2$s
                --0000000000007c1a2a062f3e4d5d--
                --0000000000007c1a2b062f3e4d5f
                Content-Type: application/pdf;\s
                	name="%3$s"
                Content-Disposition: attachment;\s
                	filename*=UTF-8''%4$s
                Content-Transfer-Encoding: base64
                Content-ID: <f_mhx3k2qe0>
                X-Attachment-Id: f_mhx3k2qe0

                %5$s
                --0000000000007c1a2b062f3e4d5f--
                """.formatted(qp(text, StandardCharsets.UTF_8), qp(html, StandardCharsets.UTF_8),
                MimeUtility.encodeWord(name, "UTF-8", "B"), pct(name, StandardCharsets.UTF_8), b64(pdf, 76)));
    }

    // ------------------------------------------------------------------ Thunderbird

    private String thunderbird(byte[] pdf) throws IOException {
        String name = "Ärende Säkerhetskultur i kommunal vård - underlag.pdf";
        String encoded = pct(name, StandardCharsets.UTF_8);
        int cut = encoded.indexOf("%20v%C3%A5rd");
        // Flowed: a line ending in a space continues on the next one (RFC 3676).
        String text = """
                Hej,

                Löf föreslår ett ärende till rådets möte den 10 december: säkerhetskultur i\s
                kommunal vård. Vi ser att avvikelserapporteringen skiljer sig mycket mellan\s
                kommunerna och vill diskutera hur rådet kan stödja ett gemensamt arbetssätt.

                Föredragande: Johan Ek och Lisa Öberg, Löf.

                Underlag bifogas.

                Vänliga hälsningar
                Johan Ek
                --\s
                Johan Ek, Löf – Landstingens ömsesidiga försäkringsbolag
                """.replace("–", "-");
        return crlf("""
                Return-Path: <johan.ek@lof.example>
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkT5b2Vw1z9sXe
                	for <hub@council.example>; Wed, 25 Nov 2026 14:02:20 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=lof.example header.s=mail header.b=Qw9eR7tY;
                	spf=pass smtp.mailfrom=johan.ek@lof.example;
                	dmarc=pass header.from=lof.example
                Message-ID: <8c1f3a52-6b2e-4d0a-9f7e-2a1b3c4d5e6f@lof.example>
                Date: Wed, 25 Nov 2026 14:02:11 +0100
                MIME-Version: 1.0
                User-Agent: Mozilla Thunderbird
                Content-Language: sv-SE
                To: hub@council.example
                From: Johan Ek <johan.ek@lof.example>
                Subject: =?ISO-8859-1?Q?[NRP-2026-12-10]_=C4rende=3A_S=E4kerhetskultur_i_?=
                 =?ISO-8859-1?Q?kommunal_v=E5rd?=
                Content-Type: multipart/mixed;
                 boundary="------------4pQ7vN2cX9sL1mB8kT3rW6yZ"

                This is a multi-part message in MIME format.
                --------------4pQ7vN2cX9sL1mB8kT3rW6yZ
                Content-Type: text/plain; charset=ISO-8859-1; format=flowed
                Content-Transfer-Encoding: 8bit

                %1$s
                --------------4pQ7vN2cX9sL1mB8kT3rW6yZ
                Content-Type: application/pdf;
                 name="%2$s"
                Content-Disposition: attachment;
                 filename*0*=UTF-8''%3$s;
                 filename*1*=%4$s
                Content-Transfer-Encoding: base64

                %5$s
                --------------4pQ7vN2cX9sL1mB8kT3rW6yZ--
                """.formatted(text, MimeUtility.encodeWord(name, "UTF-8", "Q"),
                encoded.substring(0, cut), encoded.substring(cut), b64(pdf, 72)));
    }

    // ------------------------------------------------------------------ Apple Mail

    private String apple(byte[] pptx) throws IOException {
        // Apple Mail sends file names as the macOS file system stores them: decomposed (NFD).
        String name = Normalizer.normalize("Lägesrapport Socialstyrelsen.pptx", Normalizer.Form.NFD);
        String boundary = "Apple-Mail=_7B1D3E5F-2A4C-4E6B-8D0F-1A3C5E7B9D2F";
        String before = """
                Hej!

                Här är vår lägesrapport inför mötet den 10 december:

                """;
        String after = """


                Vänliga hälsningar
                Sara Nyström
                Socialstyrelsen
                """;
        return crlf("""
                Return-Path: <sara.nystrom@socialstyrelsen.example>
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkV1n7Kc5z9sYf
                	for <hub@council.example>; Thu, 26 Nov 2026 16:45:12 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=socialstyrelsen.example header.s=s2026 header.b=Hn4mK8pL;
                	spf=pass smtp.mailfrom=sara.nystrom@socialstyrelsen.example;
                	dmarc=pass header.from=socialstyrelsen.example
                From: =?utf-8?Q?Sara_Nystr=C3=B6m?= <sara.nystrom@socialstyrelsen.example>
                Content-Type: multipart/mixed;
                	boundary="%1$s"
                Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))
                Subject: [NRP-2026-12-10] =?utf-8?Q?L=C3=A4gesrapport_Socialstyrelsen?=
                Message-Id: <5E2B8F1A-3C7D-4A9E-B6F0-1D2C3E4F5A6B@socialstyrelsen.example>
                Date: Thu, 26 Nov 2026 16:45:03 +0100
                To: hub@council.example
                X-Mailer: Apple Mail (2.3826.200.121)


                --%1$s
                Content-Transfer-Encoding: quoted-printable
                Content-Type: text/plain;
                	charset=utf-8

                %2$s
                --%1$s
                Content-Disposition: attachment;
                	filename*=utf-8''%3$s
                Content-Type: %4$s;
                	x-unix-mode=0644;
                	name="%5$s"
                Content-Transfer-Encoding: base64

                %6$s
                --%1$s
                Content-Transfer-Encoding: quoted-printable
                Content-Type: text/plain;
                	charset=utf-8

                %7$s
                --%1$s--
                """.formatted(boundary, qp(before, StandardCharsets.UTF_8), pct(name, StandardCharsets.UTF_8), PPTX,
                MimeUtility.encodeWord(name, "utf-8", "Q"), b64(pptx, 76), qp(after, StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ forwarded mails

    private String forwardedAsAttachment(byte[] pptx) throws IOException {
        String innerName = "Underlag patientsäkerhet.pptx";
        String inner = """
                Return-Path: <mats.dahl@lakemedelsverket.example>
                Received: from smtp.lakemedelsverket.example (smtp.lakemedelsverket.example [203.0.113.12])
                	by mail.lakemedelsverket.example with ESMTPS id 7Fq2Lm9Nx1
                	for <eva.strand@lakemedelsverket.example>; Mon, 23 Nov 2026 15:20:41 +0100
                Message-ID: <0f4e2a7c-9b1d-4c3e-8a5f-6d7e8f9a0b1c@lakemedelsverket.example>
                Date: Mon, 23 Nov 2026 15:20:33 +0100
                MIME-Version: 1.0
                User-Agent: Mozilla Thunderbird
                From: Mats Dahl <mats.dahl@lakemedelsverket.example>
                To: Eva Strand <eva.strand@lakemedelsverket.example>
                Subject: =?UTF-8?Q?Underlag_till_r=C3=A5dets_m=C3=B6te?=
                Content-Type: multipart/mixed;
                 boundary="------------Zx8cV2bN4mA6sD1fG3hJ5kL7"

                This is a multi-part message in MIME format.
                --------------Zx8cV2bN4mA6sD1fG3hJ5kL7
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                Hej Eva,

                här är underlaget om patientsäkerhet som vi pratade om.

                /Mats
                --------------Zx8cV2bN4mA6sD1fG3hJ5kL7
                Content-Type: %1$s;
                 name="%2$s"
                Content-Disposition: attachment;
                 filename*=UTF-8''%3$s
                Content-Transfer-Encoding: base64

                %4$s
                --------------Zx8cV2bN4mA6sD1fG3hJ5kL7--
                """.formatted(PPTX, MimeUtility.encodeWord(innerName, "UTF-8", "B"),
                pct(innerName, StandardCharsets.UTF_8), b64(pptx, 72));
        String id = "VI1PR09MB4410E2F3A4B5C6D7E8F9A0B1C2D3E";
        String text = """
                Hej,

                Vidarebefordrar Mats underlag till rådets möte som vår lägesrapport.

                Eva Strand
                Läkemedelsverket
                """;
        String body = crlf("""
                Return-Path: <eva.strand@lakemedelsverket.example>
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkW8p3Lf6z9sZg
                	for <hub@council.example>; Fri, 27 Nov 2026 09:31:02 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=lakemedelsverket.example header.s=selector2 header.b=Rt5yU7iO;
                	spf=pass smtp.mailfrom=eva.strand@lakemedelsverket.example;
                	dmarc=pass header.from=lakemedelsverket.example
                From: Eva Strand <eva.strand@lakemedelsverket.example>
                To: "hub@council.example" <hub@council.example>
                Subject: =?iso-8859-1?Q?VB:_[NRP-2026-12-10]_L=E4gesrapport_L=E4kemedelsverket?=
                Thread-Topic: =?iso-8859-1?Q?[NRP-2026-12-10]_L=E4gesrapport_L=E4kemedelsverket?=
                Thread-Index: AdtMf1Qx2Ry3Sz4Ta5Ub6Vc7Wd8Xe9Yf0Zg==
                Date: Fri, 27 Nov 2026 08:30:55 +0000
                Message-ID: <%1$s@%1$s.eurprd09.prod.outlook.example>
                Accept-Language: sv-SE, en-US
                Content-Language: sv-SE
                X-MS-Has-Attach: yes
                X-MS-TNEF-Correlator:\s
                MIME-Version: 1.0
                Content-Type: multipart/mixed;
                	boundary="_002_%1$seurp_"

                --_002_%1$seurp_
                Content-Type: text/plain; charset="iso-8859-1"
                Content-Transfer-Encoding: quoted-printable

                %2$s
                --_002_%1$seurp_
                Content-Type: message/rfc822
                Content-Disposition: attachment;
                	creation-date="Fri, 27 Nov 2026 08:30:54 GMT";
                	modification-date="Fri, 27 Nov 2026 08:30:54 GMT"

                """.formatted(id, qp(text, StandardCharsets.ISO_8859_1)));
        return body + crlf(inner) + crlf("""

                --_002_%1$seurp_--
                """.formatted(id));
    }

    private String forwardedInline(byte[] pdf) throws IOException {
        String name = "SBU lägesrapport december.pdf";
        String text = """
                Hej,

                vidarebefordrar Pers lägesrapport enligt överenskommelse.

                Lena

                ---------- Forwarded message ---------
                Från: Per Sund <per.sund@sbu.example>
                Date: mån 23 nov. 2026 kl. 10:02
                Subject: [NRP-2026-12-10] Lägesrapport SBU
                To: Lena Åberg <lena.aberg@sbu.example>


                Hej Lena,

                här kommer SBU:s lägesrapport. Kan du skicka den vidare till rådet?

                /Per
                """;
        String html = """
                <div dir="ltr"><div>Hej,</div><div><br></div><div>vidarebefordrar Pers lägesrapport enligt överenskommelse.</div><div><br></div><div>Lena</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>Från: <strong class="gmail_sendername" dir="auto">Per Sund</strong> <span dir="auto">&lt;<a href="mailto:per.sund@sbu.example">per.sund@sbu.example</a>&gt;</span><br>Date: mån 23 nov. 2026 kl. 10:02<br>Subject: [NRP-2026-12-10] Lägesrapport SBU<br>To: Lena Åberg &lt;<a href="mailto:lena.aberg@sbu.example">lena.aberg@sbu.example</a>&gt;<br></div><br><br><div dir="ltr">Hej Lena,<div><br></div><div>här kommer SBU:s lägesrapport. Kan du skicka den vidare till rådet?</div><div><br></div><div>/Per</div></div>
                </div></div>
                """;
        return crlf("""
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkX2q8Mg7z9taH
                	for <hub@council.example>; Fri, 27 Nov 2026 11:05:44 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=sbu.example header.s=google header.b=Op9iU8yT;
                	spf=pass smtp.mailfrom=lena.aberg@sbu.example;
                	dmarc=pass header.from=sbu.example
                Return-Path: <lena.aberg@sbu.example>
                MIME-Version: 1.0
                References: <CAJ5y=Rn2q4S6u8W0y2A4c6E8g0I2k4M6o8Q0s2U4w6Y8a0C@mail.gmail.example>
                In-Reply-To: <CAJ5y=Rn2q4S6u8W0y2A4c6E8g0I2k4M6o8Q0s2U4w6Y8a0C@mail.gmail.example>
                From: =?UTF-8?Q?Lena_=C3=85berg?= <lena.aberg@sbu.example>
                Date: Fri, 27 Nov 2026 11:05:31 +0100
                Message-ID: <CAJ5y=Sp3r5T7v9X1z3B5d7F9h1J3l5N7p9R1t3V5x7Z9b1D@mail.gmail.example>
                Subject: =?UTF-8?Q?Fwd=3A_=5BNRP=2D2026=2D12=2D10=5D_L=C3=A4gesrapport_SBU?=
                To: hub@council.example
                Content-Type: multipart/mixed; boundary="000000000000a4b3c2062f4a5b6d"

                --000000000000a4b3c2062f4a5b6d
                Content-Type: multipart/alternative; boundary="000000000000a4b3c1062f4a5b6b"

                --000000000000a4b3c1062f4a5b6b
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                %1$s
                --000000000000a4b3c1062f4a5b6b
                Content-Type: text/html; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                %2$s
                --000000000000a4b3c1062f4a5b6b--
                --000000000000a4b3c2062f4a5b6d
                Content-Type: application/pdf; name="%3$s"
                Content-Disposition: attachment; filename="%3$s"
                Content-Transfer-Encoding: base64
                Content-ID: <f_mhy0a1b20>
                X-Attachment-Id: f_mhy0a1b20

                %4$s
                --000000000000a4b3c2062f4a5b6d--
                """.formatted(qp(text, StandardCharsets.UTF_8), qp(html, StandardCharsets.UTF_8),
                MimeUtility.encodeWord(name, "UTF-8", "B"), b64(pdf, 76)));
    }

    // ------------------------------------------------------------------ broken mails

    private String brokenPart(byte[] pdf, byte[] pptx) {
        String good = b64(pdf, 76);
        // A relay mangled the middle attachment: characters outside the base64 alphabet.
        String corrupt = b64("Slide notes that never arrive intact".repeat(40).getBytes(StandardCharsets.US_ASCII), 76);
        corrupt = corrupt.substring(0, 200) + "*%$#!" + corrupt.substring(205);
        return crlf("""
                Return-Path: <eva.strand@lakemedelsverket.example>
                Delivered-To: hub@council.example
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=lakemedelsverket.example; spf=pass smtp.mailfrom=lakemedelsverket.example;
                	dmarc=pass header.from=lakemedelsverket.example
                From: Eva Strand <eva.strand@lakemedelsverket.example>
                To: hub@council.example
                Subject: [NRP-2026-12-10] Rapport med bilagor
                Date: Fri, 27 Nov 2026 10:12:00 +0100
                Message-ID: <broken.7a1c@lakemedelsverket.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="=_mixed_9f3a"

                --=_mixed_9f3a
                Content-Type: text/plain; charset=utf-8

                Tre bilagor.
                --=_mixed_9f3a
                Content-Type: application/pdf; name="rapport.pdf"
                Content-Disposition: attachment; filename="rapport.pdf"
                Content-Transfer-Encoding: base64

                %1$s
                --=_mixed_9f3a
                Content-Type: application/vnd.openxmlformats-officedocument.presentationml.presentation; name="anteckningar.pptx"
                Content-Disposition: attachment; filename="anteckningar.pptx"
                Content-Transfer-Encoding: base64

                %2$s
                --=_mixed_9f3a
                Content-Type: %3$s; name="bilder.pptx"
                Content-Disposition: attachment; filename="bilder.pptx"
                Content-Transfer-Encoding: base64

                %4$s
                --=_mixed_9f3a--
                """.formatted(good, corrupt, PPTX, b64(pptx, 76)));
    }

    private String truncated(byte[] pdf, byte[] pptx) {
        String cut = b64(pptx, 76);
        cut = cut.substring(0, cut.length() / 2 + 3); // cut mid-line, mid-quantum, no end boundary
        return crlf("""
                Return-Path: <eva.strand@lakemedelsverket.example>
                From: Eva Strand <eva.strand@lakemedelsverket.example>
                To: hub@council.example
                Subject: [NRP-2026-12-10] Rapport
                Date: Fri, 27 Nov 2026 10:20:00 +0100
                Message-ID: <truncated.7a1d@lakemedelsverket.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="=_mixed_9f3b"

                --=_mixed_9f3b
                Content-Type: text/plain; charset=utf-8

                Rapport och bilder.
                --=_mixed_9f3b
                Content-Type: application/pdf; name="rapport.pdf"
                Content-Disposition: attachment; filename="rapport.pdf"
                Content-Transfer-Encoding: base64

                %1$s
                --=_mixed_9f3b
                Content-Type: %2$s; name="bilder.pptx"
                Content-Disposition: attachment; filename="bilder.pptx"
                Content-Transfer-Encoding: base64

                %3$s""".formatted(b64(pdf, 76), PPTX, cut));
    }

    // ------------------------------------------------------------------ sender checks and replies

    private String spoofed() {
        return crlf("""
                Return-Path: <anna.lind@ivo.example>
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkY6r9Nh8z9tbJ
                	for <hub@council.example>; Sat, 28 Nov 2026 02:13:09 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=none (message not signed);
                	spf=fail (mx.council.example: domain of anna.lind@ivo.example does not designate 203.0.113.66 as permitted sender) smtp.mailfrom=anna.lind@ivo.example;
                	dmarc=fail (p=reject dis=none) header.from=ivo.example
                Received: from relay.bulk-sender.example (relay.bulk-sender.example [203.0.113.66])
                	by mx.council.example (Postfix) with ESMTP id 4HkY6r2Qa1z9tbH
                	for <hub@council.example>; Sat, 28 Nov 2026 02:13:08 +0100 (CET)
                From: Anna Lind <anna.lind@ivo.example>
                To: hub@council.example
                Subject: [NRP-2026-12-10] Ny version av lägesrapporten
                Date: Sat, 28 Nov 2026 01:13:02 +0000
                Message-ID: <20261128011302.5521@relay.bulk-sender.example>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Ersätt den tidigare rapporten med länken nedan.
                """).replace("Ny version av lägesrapporten", "Ny version av =?utf-8?Q?l=C3=A4gesrapporten?=");
    }

    private String forgedResults() {
        return crlf("""
                Return-Path: <anna.lind@ivo.example>
                Delivered-To: hub@council.example
                Received: from mx.council.example (localhost [127.0.0.1])
                	by mx.council.example (Postfix) with ESMTP id 4HkZ1s0Pj9z9tcK
                	for <hub@council.example>; Sat, 28 Nov 2026 03:40:51 +0100 (CET)
                Authentication-Results: mx.council.example;
                	dkim=none (message not signed);
                	spf=neutral (mx.council.example: 203.0.113.67 is neither permitted nor denied by domain of ivo.example) smtp.mailfrom=anna.lind@ivo.example;
                	dmarc=none (p=none dis=none) header.from=ivo.example
                Received: from relay.bulk-sender.example (relay.bulk-sender.example [203.0.113.67])
                	by mx.council.example (Postfix) with ESMTP id 4HkZ1r5Tb2z9tcJ
                	for <hub@council.example>; Sat, 28 Nov 2026 03:40:50 +0100 (CET)
                Authentication-Results: mx.ivo-secure.example;
                	dkim=pass header.d=ivo.example header.s=selector1;
                	spf=pass smtp.mailfrom=anna.lind@ivo.example;
                	dmarc=pass header.from=ivo.example
                From: Anna Lind <anna.lind@ivo.example>
                To: hub@council.example
                Subject: [NRP-2026-12-10] Uppdaterad rapport
                Date: Sat, 28 Nov 2026 02:40:44 +0000
                Message-ID: <20261128024044.9917@relay.bulk-sender.example>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                Se uppdaterad rapport.
                """);
    }

    private String autoReply() {
        return crlf("""
                Return-Path: <anna.lind@ivo.example>
                Delivered-To: hub@council.example
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=ivo.example; spf=pass smtp.mailfrom=ivo.example; dmarc=pass header.from=ivo.example
                From: Anna Lind <anna.lind@ivo.example>
                To: "hub@council.example" <hub@council.example>
                Subject: =?iso-8859-1?Q?Automatiskt_svar:_[NRP-2026-12-10]_Inbjudan_att_l=E4mna_l?=
                 =?iso-8859-1?Q?=E4gesrapport?=
                Thread-Topic: =?iso-8859-1?Q?[NRP-2026-12-10]_Inbjudan_att_l=E4mna_l=E4gesrapport?=
                Thread-Index: AQHbX2c4Rm9vZ2FsYmVydGEyMDI2MTExOQ==
                Date: Thu, 19 Nov 2026 08:00:03 +0000
                Message-ID: <AS8PR09MB6331B1C2D3E4F5A6B7C8D9E0F1A2B@AS8PR09MB6331.eurprd09.prod.outlook.example>
                References: <call.nrp-2026-12-10.ivo.1@council.example>
                In-Reply-To: <call.nrp-2026-12-10.ivo.1@council.example>
                Auto-Submitted: auto-replied
                X-MS-Exchange-Inbox-Rules-Loop: anna.lind@ivo.example
                X-Auto-Response-Suppress: All
                Content-Language: sv-SE
                MIME-Version: 1.0
                Content-Type: text/plain; charset="iso-8859-1"
                Content-Transfer-Encoding: quoted-printable

                Jag =E4r p=E5 semester till och med 30 november och l=E4ser inte min e-post=
                 under tiden.
                """);
    }

    private String reply() {
        return crlf("""
                Return-Path: <anna.lind@ivo.example>
                Delivered-To: hub@council.example
                Authentication-Results: mx.council.example;
                	dkim=pass header.d=ivo.example header.s=selector1; spf=pass smtp.mailfrom=anna.lind@ivo.example;
                	dmarc=pass header.from=ivo.example
                From: Anna Lind <anna.lind@ivo.example>
                To: "hub@council.example" <hub@council.example>
                Subject: =?iso-8859-1?Q?SV:_[NRP-2026-12-10]_Inbjudan_att_l=E4mna_l=E4gesrapport?=
                Thread-Topic: =?iso-8859-1?Q?[NRP-2026-12-10]_Inbjudan_att_l=E4mna_l=E4gesrapport?=
                Thread-Index: AQHbX2c4Rm9vZ2FsYmVydGEyMDI2MTExOQ==ABCdef12
                Date: Mon, 30 Nov 2026 12:30:00 +0000
                Message-ID: <AS8PR09MB6331F0E1D2C3B4A5968778695A4B3@AS8PR09MB6331.eurprd09.prod.outlook.example>
                References: <call.nrp-2026-12-10.ivo.1@council.example>
                 <reminder.nrp-2026-12-10.ivo.7d@council.example>
                In-Reply-To: <reminder.nrp-2026-12-10.ivo.7d@council.example>
                Reply-To: IVO Registrator <Registrator@IVO.example>
                Content-Language: sv-SE
                MIME-Version: 1.0
                Content-Type: text/plain; charset="iso-8859-1"
                Content-Transfer-Encoding: quoted-printable

                Hej,

                Vi skickar v=E5r l=E4gesrapport senast den 3 december.

                /Anna

                Fr=E5n: hub@council.example <hub@council.example>
                Skickat: den 23 november 2026 08:00
                Till: Anna Lind <anna.lind@ivo.example>
                =C4mne: [NRP-2026-12-10] Inbjudan att l=E4mna l=E4gesrapport

                > P=E5minnelse: l=E4gesrapporten ska vara inne senast 3 december kl. 12.00.
                """);
    }

    // ------------------------------------------------------------------ real files

    static byte[] pptx(String title, String subtitle) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSLFSlideLayout layout = show.getSlideMasters().get(0).getLayout(SlideLayout.TITLE);
            XSLFSlide slide = show.createSlide(layout);
            slide.getPlaceholder(0).setText(title);
            slide.getPlaceholder(1).setText(subtitle);
            show.write(out);
            return out.toByteArray();
        }
    }

    static byte[] pdf(String line) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 700);
                content.showText(line);
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(24, 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x00, 0x5A, 0x9C));
        g.fillRect(0, 0, 24, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ encoding helpers

    private byte[] original(String name, byte[] content) throws IOException {
        Files.write(dir.resolve("files").resolve(name), content);
        return content;
    }

    private void write(String name, String content, Charset charset) throws IOException {
        Files.write(dir.resolve(name), content.getBytes(charset));
    }

    static String b64(byte[] bytes, int lineLength) {
        String all = Base64.getEncoder().encodeToString(bytes);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < all.length(); i += lineLength) {
            out.append(all, i, Math.min(all.length(), i + lineLength)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    static String qp(String text, Charset charset) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream qp = MimeUtility.encode(out, "quoted-printable")) {
            qp.write(text.replace("\n", "\r\n").getBytes(charset));
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n").stripTrailing();
    }

    /** RFC 2231 value: %-encode everything outside attribute-char. */
    static String pct(String s, Charset charset) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(charset)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
