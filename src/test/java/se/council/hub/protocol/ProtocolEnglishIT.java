package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestMail;

/**
 * With {@code hub.language: en} the round speaks English first: the protocol's labels, the
 * adjustment mail, the adjuster's page (deadline included) and the adjusted protocol; Swedish
 * follows in the mails and on the page. "Godkänd" approves as well as "Approved".
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.language=en")
class ProtocolEnglishIT extends ProtocolTestBase {

    @Test
    void theRoundInEnglishWhereGodkandAndApprovedBothApprove() {
        assertThat(properties.english()).isTrue();
        long id = api.meeting("2027-05-10").path("id").asLong();
        kit.attendance(id, List.of("maria.ekholm@socialstyrelsen.example=PRESENT", "anna.lind@ivo.example=PRESENT",
                "ingrid.palm@sbu.example=PRESENT"), List.of());
        api.post("/api/meetings/" + id + "/protocol", null);

        // The draft's labels are English, in the DOCX and in the PDF.
        String docx = AdjustmentKit.docxText(kit.download("/api/meetings/" + id + "/protocol/1/protocol.docx"));
        String pdf = AdjustmentKit.pdfText(kit.download("/api/meetings/" + id + "/protocol/1/protocol.pdf")).replaceAll("\\s+", " ");
        for (String text : List.of(docx.replaceAll("\\s+", " "), pdf)) {
            assertThat(text).contains("Minutes of the council's", "Subject", "Prepared by", "Adjusted by", "Participants",
                    "From Socialstyrelsen: Maria Ekholm", "Not present", "Item", "Presenter", "Decision, action etc.",
                    "Opening of the meeting", "DRAFT")
                    .doesNotContain("Ämne", "Upprättad av", "Justerad av", "Deltagare", "Ej närvarande", "Föredragande",
                            "Mötet öppnas", "UTKAST");
        }

        // The adjustment mail: English first, then Swedish; both approval words named.
        api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        String v1 = "[NRP-2027-05-10 justering v1]";
        MimeMessage toAnna = mail.awaitMail("anna.lind@ivo.example", v1);
        assertThat(TestMail.subjectOf(toAnna)).startsWith(v1 + " Minutes for adjustment / Protokoll för justering – ");
        String body = AdjustmentKit.body(toAnna);
        assertThat(body).startsWith("Hello,")
                .contains("Please adjust the minutes no later than Friday 27 November 2026, 23:59.",
                        "reply to this mail with \"Approved\" (or \"Godkänd\")", "Hej!", "Kind regards / Med vänliga hälsningar");
        assertThat(body.indexOf("Hello,")).isLessThan(body.indexOf("Hej!"));

        // The page: English first, the deadline in English.
        String annaToken = AdjustmentKit.link(toAnna);
        String page = rest.getForEntity("/protocol-adjustment/" + annaToken, String.class).getBody();
        assertThat(page).contains("<html lang=\"en\">", "Adjustment of the minutes / Justering av protokoll",
                "Your status / Din status: <strong>pending / väntar på svar</strong>",
                "Deadline / Sista dag: Friday 27 November 2026, 23:59", "Approve the minutes / Godkänn protokollet",
                "Send corrections / Skicka ändringar").doesNotContain("kl. 23.59");

        // "Approved" and "Godkänd" both approve by mail; the receipt is English first.
        mail.deliverToHub(AdjustmentKit.reply("anna.lind@ivo.example", toAnna, "Approved", null));
        mail.deliverToHub(AdjustmentKit.reply("ingrid.palm@sbu.example", mail.awaitMail("ingrid.palm@sbu.example", v1),
                "Godkänd\n\nIngrid", null));
        kit.awaitAdjuster(id, "anna.lind@ivo.example", "APPROVED");
        kit.awaitAdjuster(id, "ingrid.palm@sbu.example", "APPROVED");
        MimeMessage receipt = mail.awaitMail("ingrid.palm@sbu.example", "Received / Mottaget: SV: " + v1);
        assertThat(AdjustmentKit.body(receipt)).startsWith("Hello,").contains("Your approval of the minutes", "is recorded");

        // The last approval, on the page, completes the round: the adjusted protocol is English.
        String mariaToken = AdjustmentKit.link(mail.awaitMail("maria.ekholm@socialstyrelsen.example", v1));
        String mariaPage = rest.getForEntity("/protocol-adjustment/" + mariaToken, String.class).getBody();
        String check = mariaPage.replaceAll("(?s).*name=\"check\" value=\"([^\"]+)\".*", "$1");
        ResponseEntity<String> approved = kit.pageForm(mariaToken, check, "approve", null);
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody()).contains("Thank you, your approval is recorded. / Tack! Ditt godkännande är registrerat.",
                "The minutes are adjusted. / Protokollet är justerat.");
        JsonNode state = kit.state(id);
        assertThat(state.path("state").asText()).isEqualTo("ADJUSTED");
        MimeMessage done = mail.awaitMail("anna.lind@ivo.example", "[NRP-2027-05-10] Adjusted minutes / Justerat protokoll");
        assertThat(AdjustmentKit.body(done)).startsWith("Hello,").contains("are adjusted (adjusted by: all participants, 2026-11-20");
        Map<String, byte[]> files = AdjustmentKit.attachments(done, new HashMap<>());
        String finalPdf = AdjustmentKit.pdfText(files.get("NRP-2027-05-10-protokoll-justerat.pdf")).replaceAll("\\s+", " ");
        String finalDocx = AdjustmentKit.docxText(kit.download("/api/meetings/" + id + "/protocol/latest/protocol.docx"))
                .replaceAll("\\s+", " ");
        for (String text : List.of(finalPdf, finalDocx)) {
            assertThat(text).contains("Adjusted by", "All participants 2026-11-20", "Participants")
                    .doesNotContain("Samtliga deltagare", "Justerad av", "DRAFT");
        }
    }
}
