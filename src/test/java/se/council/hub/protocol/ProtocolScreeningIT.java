package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestHubConfiguration;

/**
 * A protocol DOCX from outside passes the same attachment screening as every inbound file before
 * POI opens it: a macro-enabled document named .docx, a zip bomb and a PDF renamed .docx are
 * refused, by mail with a rejected record and the bilingual notice (the adjuster's state does not
 * change), on upload with a 400 saying why (no version is made). A genuine edited DOCX still passes.
 */
@HubIntegrationTest
class ProtocolScreeningIT extends ProtocolTestBase {

    @Test
    void anAdjustersDocxThatFailsScreeningIsRejectedWithANoticeAndRecordsNothing() {
        long id = api.meeting("2027-05-04").path("id").asLong();
        kit.attendance(id, List.of("anna.lind@ivo.example=PRESENT", "ingrid.palm@sbu.example=PRESENT",
                "lars.engstrom@ssm.example=PRESENT"), List.of());
        api.post("/api/meetings/" + id + "/protocol", null);
        api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        String v1 = "[NRP-2027-05-04 justering v1]";
        MimeMessage toAnna = mail.awaitMail("anna.lind@ivo.example", v1);
        Map<String, byte[]> sent = AdjustmentKit.attachments(toAnna, new HashMap<>());
        byte[] docx = sent.get("NRP-2027-05-04-protokoll-v1.docx");
        byte[] pdf = sent.get("NRP-2027-05-04-protokoll-v1.pdf");

        mail.deliverToHub(AdjustmentKit.reply("anna.lind@ivo.example", toAnna, "Se bifogad fil.", null,
                "protokoll-AL.docx", macroEnabled(docx), AdjustmentKit.DOCX_TYPE));
        mail.deliverToHub(AdjustmentKit.reply("ingrid.palm@sbu.example", mail.awaitMail("ingrid.palm@sbu.example", v1),
                "Se bifogad fil.", null, "protokoll-IP.docx", zipBomb(docx, 64), AdjustmentKit.DOCX_TYPE));
        mail.deliverToHub(AdjustmentKit.reply("lars.engstrom@ssm.example", mail.awaitMail("lars.engstrom@ssm.example", v1),
                "Se bifogad fil.", null, "protokoll-LE.docx", pdf, AdjustmentKit.DOCX_TYPE));

        await().atMost(Duration.ofSeconds(30)).until(() -> refusals(id).size() == 3);
        Map<String, String> reasons = new HashMap<>();
        jdbc.sql("SELECT sender, reason FROM rejection WHERE meeting_ref = 'NRP-2027-05-04' AND reason_code = 'ATTACHMENT_REFUSED'")
                .query((rs, n) -> reasons.put(rs.getString(1), rs.getString(2))).list();
        assertThat(reasons.get("anna.lind@ivo.example")).contains("protokoll-AL.docx", "makron", "macros");
        assertThat(reasons.get("ingrid.palm@sbu.example")).contains("protokoll-IP.docx", "zip bomb");
        assertThat(reasons.get("lars.engstrom@ssm.example")).contains("protokoll-LE.docx", "inget Word-dokument",
                "not a Word document", "application/pdf");

        String notice = "Ej mottaget / Not accepted: SV: " + v1;
        assertThat(AdjustmentKit.body(mail.awaitMail("anna.lind@ivo.example", notice)))
                .contains("kunde inte tas emot", "could not be accepted", "makron", "macros");
        assertThat(AdjustmentKit.body(mail.awaitMail("ingrid.palm@sbu.example", notice))).contains("zip bomb");
        assertThat(AdjustmentKit.body(mail.awaitMail("lars.engstrom@ssm.example", notice))).contains("not a Word document");
        assertThat(kit.state(id).path("adjusters").findValuesAsText("state")).containsOnly("PENDING");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM protocol_response r JOIN protocol_version v ON v.id = r.protocol_id"
                + " WHERE v.meeting_id = ?").param(id).query(Integer.class).single()).isZero();

        // A genuine edited document passes and is read as corrections.
        byte[] edited = AdjustmentKit.editDocx(docx, "Mötet öppnas", "Mötet öppnas av ordföranden");
        mail.deliverToHub(AdjustmentKit.reply("anna.lind@ivo.example", toAnna, "Ny fil.", null,
                "protokoll-AL2.docx", edited, AdjustmentKit.DOCX_TYPE));
        kit.awaitAdjuster(id, "anna.lind@ivo.example", "CORRECTIONS");
        assertThat(refusals(id)).hasSize(3);
    }

    @Test
    void anUploadThatFailsScreeningIsA400SayingWhyAndMakesNoVersion() {
        long id = api.meeting("2027-05-05").path("id").asLong();
        kit.attendance(id, List.of("anna.lind@ivo.example=PRESENT"), List.of());
        api.post("/api/meetings/" + id + "/protocol", null);
        byte[] docx = kit.download("/api/meetings/" + id + "/protocol/1/protocol.docx");
        byte[] pdf = kit.download("/api/meetings/" + id + "/protocol/1/protocol.pdf");

        ResponseEntity<String> macro = upload(id, "protokoll.docx", macroEnabled(docx));
        assertThat(macro.getStatusCode().value()).isEqualTo(400);
        assertThat(api.tree(macro).path("error").asText()).contains("screening", "protokoll.docx", "makron", "macros");
        ResponseEntity<String> bomb = upload(id, "protokoll.docx", zipBomb(docx, 64));
        assertThat(bomb.getStatusCode().value()).isEqualTo(400);
        assertThat(api.tree(bomb).path("error").asText()).contains("screening", "zip bomb");
        ResponseEntity<String> renamed = upload(id, "protokoll.docx", pdf);
        assertThat(renamed.getStatusCode().value()).isEqualTo(400);
        assertThat(api.tree(renamed).path("error").asText()).contains("screening", "not a Word document", "application/pdf");
        assertThat(kit.state(id).path("version").asInt()).isEqualTo(1);

        ResponseEntity<String> genuine = upload(id, "protokoll.docx", docx);
        assertThat(genuine.getStatusCode().value()).as(genuine.getBody()).isEqualTo(201);
        assertThat(api.tree(genuine).path("version").asInt()).isEqualTo(2);
    }

    private List<String> refusals(long meetingId) {
        return jdbc.sql("SELECT sender FROM rejection WHERE meeting_ref = 'NRP-2027-05-04' AND reason_code = 'ATTACHMENT_REFUSED'")
                .query(String.class).list();
    }

    private ResponseEntity<String> upload(long id, String name, byte[] content) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth("secretariat", TestHubConfiguration.SECRETARIAT_PASSWORD)
                .exchange("/api/meetings/" + id + "/protocol/versions", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    /** The document's main part declared as Word's macro-enabled one, as a .docm renamed .docx declares it. */
    static byte[] macroEnabled(byte[] docx) {
        return rewrite(docx, (name, data) -> name.equals("[Content_Types].xml")
                ? new String(data, StandardCharsets.UTF_8)
                .replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                        "application/vnd.ms-word.document.macroEnabled.main+xml").getBytes(StandardCharsets.UTF_8)
                : data, null, 0);
    }

    /** The document with one more part that inflates from a few kilobytes to {@code megabytes} MB of blanks. */
    static byte[] zipBomb(byte[] docx, int megabytes) {
        return rewrite(docx, (name, data) -> data, "word/blanks.xml", megabytes);
    }

    private static byte[] rewrite(byte[] zip, java.util.function.BiFunction<String, byte[], byte[]> change,
                                  String extraEntry, int extraMegabytes) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (ZipOutputStream zout = new ZipOutputStream(out);
                 ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(zip))) {
                ZipEntry entry;
                while ((entry = zin.getNextEntry()) != null) {
                    zout.putNextEntry(new ZipEntry(entry.getName()));
                    zout.write(change.apply(entry.getName(), zin.readAllBytes()));
                    zout.closeEntry();
                }
                if (extraEntry != null) {
                    zout.putNextEntry(new ZipEntry(extraEntry));
                    byte[] blanks = new byte[1024 * 1024];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < extraMegabytes; i++) {
                        zout.write(blanks);
                    }
                    zout.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
