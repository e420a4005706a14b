package se.council.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.store.BlobStore;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestMail;

@HubIntegrationTest
class MailIntakeIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BlobStore blobs;

    HubApi api;
    TestMail mail;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
        mail = new TestMail(server, properties);
    }

    @Test
    void acceptsAStatusUpdateWithSlidesAndSendsAReceiptListingTheFiles() {
        JsonNode created = api.meeting("2026-12-17");
        long meeting = created.path("id").asLong();
        byte[] deck = TestFiles.pptx("Lägesrapport från IVO: tillsyn av hemförlossningar");
        mail.deliverToHub(TestFiles.mail("Anna Lind <anna.lind@ivo.example>", "[NRP-2026-12-17] Lägesrapport IVO",
                "<status-1@ivo.example>", "Tillsynen av hemförlossningar har inletts.",
                "Lägesrapport Q4 – IVO.pptx", deck, TestFiles.PPTX));

        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(meeting, "ivo").path("state").asText().equals("RECEIVED"));
        JsonNode ivo = api.submissionsOf(meeting, "ivo");
        JsonNode submission = ivo.path("submissions").get(0);
        assertThat(submission.path("channel").asText()).isEqualTo("MAIL");
        assertThat(submission.path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(submission.path("sender").asText()).isEqualTo("anna.lind@ivo.example");
        assertThat(submission.path("text").asText()).isEqualTo("Tillsynen av hemförlossningar har inletts.");
        JsonNode file = submission.path("attachments").get(0);
        assertThat(file.path("name").asText()).isEqualTo("Lägesrapport Q4 – IVO.pptx");
        assertThat(file.path("mediaType").asText()).isEqualTo(TestFiles.PPTX);
        assertThat(file.path("size").asLong()).isEqualTo(deck.length);
        assertThat(file.path("sha256").asText()).isEqualTo(TestFiles.sha256(deck));
        assertThat(blobs.get(file.path("sha256").asText())).isEqualTo(deck);
        assertThat(api.submissionsOf(meeting, "sbu").path("state").asText()).isEqualTo("MISSING");

        MimeMessage receipt = mail.awaitMail("anna.lind@ivo.example", "Mottaget: [NRP-2026-12-17] Lägesrapport IVO");
        assertThat(TestMail.header(receipt, "In-Reply-To")).isEqualTo("<status-1@ivo.example>");
        assertThat(TestMail.text(receipt)).contains("Lägesrapport Q4 – IVO.pptx").contains(deck.length + " byte")
                .contains("rådets " + created.path("ordinal").asText() + " möte").contains("Inspektionen för vård och omsorg (IVO)");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.unseenInHubMailbox() == 0);
        // Flagged only: the mail stays in the hub's INBOX, as the server had it.
        assertThat(mail.seenInHubMailbox("<status-1@ivo.example>")).isTrue();
    }

    @Test
    void aNewerStatusUpdateSupersedesTheOlderOneAndBothAreKept() {
        long meeting = api.meeting("2026-12-18").path("id").asLong();
        mail.deliverToHub(TestFiles.mail("ingrid.palm@sbu.example", "[NRP-2026-12-18] Lägesrapport SBU", "<sbu-1@sbu.example>",
                "Första versionen."));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(meeting, "sbu").path("submissions").size() == 1);
        mail.deliverToHub(TestFiles.mail("ingrid.palm@sbu.example", "[NRP-2026-12-18] Lägesrapport SBU, rättad", "<sbu-2@sbu.example>",
                "Andra versionen."));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(meeting, "sbu").path("submissions").size() == 2);

        JsonNode subs = api.submissionsOf(meeting, "sbu").path("submissions");
        assertThat(subs.get(0).path("text").asText()).isEqualTo("Andra versionen.");
        assertThat(subs.get(0).path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(subs.get(1).path("text").asText()).isEqualTo("Första versionen.");
        assertThat(subs.get(1).path("state").asText()).isEqualTo("SUPERSEDED");
        Long supersededBy = jdbc.sql("SELECT superseded_by FROM submission WHERE id = ?").param(subs.get(1).path("id").asLong())
                .query(Long.class).single();
        assertThat(supersededBy).isEqualTo(subs.get(0).path("id").asLong());
    }

    @Test
    void anAgendaItemProposalBecomesAProposedItemOfTheMeeting() {
        long meeting = api.meeting("2026-12-18").path("id").asLong();
        mail.deliverToHub(TestFiles.mail("Henrik Dahl <henrik.dahl@forte.example>",
                "SV: [NRP-2026-12-18] Ärende: Forskning om säkerhetskultur i kommunal vård", "<forte-item@forte.example>",
                "Vi vill presentera nya resultat, 20 minuter."));
        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode i : api.get("/api/meetings/" + meeting).path("agenda")) {
                if (i.path("state").asText().equals("PROPOSED") && i.path("agency").asText().equals("forte")) {
                    return i;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        assertThat(item.path("title").asText()).isEqualTo("Forskning om säkerhetskultur i kommunal vård");
        assertThat(item.path("agency").asText()).isEqualTo("forte");
        assertThat(item.path("presenters").asText()).isEqualTo("Henrik Dahl");
        assertThat(item.path("state").asText()).isEqualTo("PROPOSED");
        MimeMessage receipt = mail.awaitMail("henrik.dahl@forte.example", "Mottaget: SV: [NRP-2026-12-18] Ärende:");
        assertThat(TestMail.text(receipt)).contains("Föreslaget ärende: Forskning om säkerhetskultur i kommunal vård");
    }

    @Test
    void anUnknownSenderIsRejectedWithANoticeInSwedishAndEnglish() {
        api.meeting("2026-12-17");
        mail.deliverToHub(TestFiles.mail("stranger@elsewhere.example", "[NRP-2026-12-17] Hej", "<stranger-1@elsewhere.example>",
                "Kan jag vara med?"));
        JsonNode rejection = awaitRejection("stranger@elsewhere.example");
        assertThat(rejection.path("code").asText()).isEqualTo("UNKNOWN_SENDER");
        assertThat(rejection.path("channel").asText()).isEqualTo("MAIL");
        MimeMessage notice = mail.awaitMail("stranger@elsewhere.example", "Ej mottaget / Not accepted: [NRP-2026-12-17] Hej");
        assertThat(TestMail.text(notice)).contains("Ert meddelande kunde inte tas emot").contains("Your message could not be accepted")
                .contains("Så gör du:").contains("What to do:");
        assertThat(TestMail.header(notice, "Auto-Submitted")).isEqualTo("auto-replied");
    }

    @Test
    void aMailThatFailsDmarcIsRejectedAndOnlyTheRegisteredAddressItClaimedIsTold() {
        api.meeting("2026-12-17");
        String spoofed = "Authentication-Results: mx.council.example; dkim=fail header.d=ivo.example; spf=fail smtp.mailfrom=ivo.example; dmarc=fail header.from=ivo.example\r\n";
        byte[] toRegistered = (spoofed + new String(TestFiles.mail("Per Öberg <per.oberg@ivo.example>", "[NRP-2026-12-17] Lägesrapport",
                "<spoof-1@attacker.example>", "Falsk rapport."), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        byte[] toUnregistered = (spoofed + new String(TestFiles.mail("chef@ivo.example", "[NRP-2026-12-17] Lägesrapport",
                "<spoof-2@attacker.example>", "Falsk rapport."), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        mail.deliverToHub(toRegistered);
        mail.deliverToHub(toUnregistered);

        assertThat(awaitRejection("per.oberg@ivo.example").path("code").asText()).isEqualTo("SENDER_NOT_VERIFIED");
        JsonNode second = awaitRejection("chef@ivo.example");
        assertThat(second.path("code").asText()).isEqualTo("SENDER_NOT_VERIFIED");
        assertThat(second.path("reason").asText()).contains("dmarc=fail");
        mail.awaitMail("per.oberg@ivo.example", "Ej mottaget / Not accepted:");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.unseenInHubMailbox() == 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE recipient = 'chef@ivo.example'").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission WHERE original_message_id LIKE '<spoof-%'").query(Integer.class).single()).isZero();
    }

    @Test
    void theSameMailDeliveredTwiceChangesNothing() {
        long meeting = api.meeting("2026-12-21").path("id").asLong();
        byte[] original = TestFiles.mail("eva.sjoberg@folkhalsomyndigheten.example", "[NRP-2026-12-21] Lägesrapport",
                "<twice@folkhalsomyndigheten.example>", "Samma brev två gånger.", "rapport.pptx", TestFiles.pptx("FoHM"), TestFiles.PPTX);
        String text = new String(original, StandardCharsets.UTF_8);
        mail.deliverToHub(("Received: from mx1.folkhalsomyndigheten.example by mx.council.example; Fri, 20 Nov 2026 10:00:00 +0100\r\n"
                + "Delivered-To: hub@council.example\r\n" + text).getBytes(StandardCharsets.UTF_8));
        mail.deliverToHub(("Received: from mx2.folkhalsomyndigheten.example by mx.council.example; Fri, 20 Nov 2026 10:05:00 +0100\r\n"
                + "Return-Path: <bounce@folkhalsomyndigheten.example>\r\n" + text).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.unseenInHubMailbox() == 0);

        assertThat(api.submissionsOf(meeting, "folkhalsomyndigheten").path("submissions")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE message_id = '<twice@folkhalsomyndigheten.example>'")
                .query(Integer.class).single()).isEqualTo(1);
        mail.awaitMail("eva.sjoberg@folkhalsomyndigheten.example", "Mottaget: [NRP-2026-12-21]");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE kind = 'RECEIPT' AND recipient = 'eva.sjoberg@folkhalsomyndigheten.example'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void twoDifferentMailsSharingAMessageIdAreBothProcessed() {
        long meeting = api.meeting("2026-12-21").path("id").asLong();
        mail.deliverToHub(TestFiles.mail("ulrika.nystrom@lof.example", "[NRP-2026-12-21] Löf", "<same-id@lof.example>", "Först."));
        mail.deliverToHub(TestFiles.mail("ulrika.nystrom@lof.example", "[NRP-2026-12-21] Löf", "<same-id@lof.example>", "Sedan."));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(meeting, "lof").path("submissions").size() == 2);
        List<String> texts = api.submissionsOf(meeting, "lof").path("submissions").findValuesAsText("text");
        assertThat(texts).containsExactlyInAnyOrder("Först.", "Sedan.");
    }

    @Test
    void aForbiddenAttachmentRefusesTheMailAndABrokenMailDoesNotBlockTheOthers() {
        long meeting = api.meeting("2026-12-22").path("id").asLong();
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        mail.deliverToHub(TestFiles.mail("lars.engstrom@ssm.example", "[NRP-2026-12-22] SSM", "<ssm-exe@ssm.example>", "Se bilaga.",
                "bilder.pptx", exe, TestFiles.PPTX));
        mail.deliverToHub("This is not a mail at all\r\n\r\n\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1));
        mail.deliverToHub(TestFiles.mail("sofia.wikstrom@skr.example", "[NRP-2026-12-22] SKR", "<skr-ok@skr.example>", "Allt väl."));

        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(meeting, "skr").path("state").asText().equals("RECEIVED"));
        JsonNode refused = awaitRejection("lars.engstrom@ssm.example");
        assertThat(refused.path("code").asText()).isEqualTo("ATTACHMENT_REFUSED");
        assertThat(refused.path("reason").asText()).contains("bilder.pptx");
        assertThat(api.submissionsOf(meeting, "ssm").path("state").asText()).isEqualTo("MISSING");
        MimeMessage notice = mail.awaitMail("lars.engstrom@ssm.example", "Ej mottaget / Not accepted: [NRP-2026-12-22] SSM");
        assertThat(TestMail.text(notice)).contains("bilder.pptx");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.unseenInHubMailbox() == 0);
    }

    @Test
    void repliesToOneAddressAreRateLimitedButEveryMailIsRecorded() {
        api.meeting("2026-12-17");
        int limit = properties.mail().maxRepliesPerHour();
        for (int i = 0; i < limit + 2; i++) {
            mail.deliverToHub(TestFiles.mail("flood@elsewhere.example", "[NRP-2026-12-17] Nr " + i, "<flood-" + i + "@elsewhere.example>",
                    "Hej igen."));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM rejection WHERE sender = 'flood@elsewhere.example'").query(Integer.class).single() == limit + 2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE recipient = 'flood@elsewhere.example' AND state <> 'SUPPRESSED'")
                .query(Integer.class).single()).isEqualTo(limit);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE recipient = 'flood@elsewhere.example' AND state = 'SUPPRESSED'")
                .query(Integer.class).single()).isEqualTo(2);
    }

    private JsonNode awaitRejection(String sender) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode r : api.get("/api/rejections")) {
                if (sender.equals(r.path("sender").asText())) {
                    return r;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

}
