package se.council.hub.intake.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static se.council.hub.intake.mail.Fixtures.mail;

class MailIdentityTest {

    @Test
    void sameMailDeliveredTwiceWithOtherTraceHeadersAndLineEndingsHasTheSameKey() {
        String first = new String(mail("gmail-status-update.eml"), StandardCharsets.ISO_8859_1);
        String redelivered = ("Return-Path: <bounce+other@folkhalsomyndigheten.example>\r\n"
                + "Delivered-To: archive@council.example\r\n"
                + "X-Original-To: hub@council.example\r\n"
                + "Received: from mx2.council.example by imap.council.example; Thu, 26 Nov 2026 08:00:00 +0100\r\n"
                + "ARC-Seal: i=1; a=rsa-sha256; d=council.example; s=arc; cv=none; b=abc\r\n"
                + "Authentication-Results: mx2.council.example; dkim=pass header.d=folkhalsomyndigheten.example\r\n"
                + first.replaceFirst("Delivered-To: hub@council.example\r\n", ""))
                .replace("\r\n", "\n");

        assertThat(MailIdentity.contentKey(redelivered.getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(MailIdentity.contentKey(first.getBytes(StandardCharsets.ISO_8859_1)))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void twoDifferentMailsSharingAMessageIdHaveDifferentKeys() {
        byte[] original = mail("gmail-status-update.eml");
        byte[] other = new String(original, StandardCharsets.ISO_8859_1)
                .replace("Date: Wed, 25 Nov 2026 13:39:52 +0100", "Date: Thu, 26 Nov 2026 09:00:00 +0100")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(MailIdentity.messageId(other)).isEqualTo(MailIdentity.messageId(original));
        assertThat(MailIdentity.contentKey(other)).isNotEqualTo(MailIdentity.contentKey(original));
    }

    @Test
    void aChangedBodyChangesTheKey() {
        String a = "Message-ID: <x@ivo.example>\r\nSubject: s\r\n\r\nbody one\r\n";
        String b = "Message-ID: <x@ivo.example>\r\nSubject: s\r\n\r\nbody two\r\n";
        assertThat(MailIdentity.contentKey(a.getBytes(StandardCharsets.US_ASCII)))
                .isNotEqualTo(MailIdentity.contentKey(b.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void messageIdIsReadFromFoldedHeaderWithBrackets() {
        assertThat(MailIdentity.messageId(mail("outlook-status-update.eml")))
                .isEqualTo("<DB9PR09MB5216A3C4E1F2B7D8C9E0F1A2B3C4D@DB9PR09MB5216A3C4E1F2B7D8C9E0F1A2B3C4D.eurprd09.prod.outlook.example>");
        assertThat(MailIdentity.messageId("Message-ID:\r\n <folded@lof.example>\r\n\r\nx".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("<folded@lof.example>");
        assertThat(MailIdentity.messageId("Subject: none\r\n\r\nx".getBytes(StandardCharsets.US_ASCII))).isNull();
    }
}
