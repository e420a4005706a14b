package se.council.hub.protocol;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import se.council.hub.support.HubApi;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestMail;

/** What the protocol tests do again and again: attendance, replies as mail clients write them, files read back. */
final class AdjustmentKit {

    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final HubApi api;
    private final TestMail mail;
    private final TestRestTemplate rest;

    AdjustmentKit(HubApi api, TestMail mail, TestRestTemplate rest) {
        this.api = api;
        this.mail = mail;
        this.rest = rest;
    }

    /** PUT of the attendance; each person "email=PRESENCE[:note]", guests as maps. */
    JsonNode attendance(long meetingId, List<String> people, List<Map<String, String>> others) {
        List<Map<String, String>> list = new ArrayList<>();
        for (String p : people) {
            String[] parts = p.split("[=:]", 3);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("email", parts[0]);
            row.put("presence", parts[1]);
            if (parts.length > 2) {
                row.put("note", parts[2]);
            }
            list.add(row);
        }
        ResponseEntity<String> answer = api.call(HttpMethod.PUT, "/api/meetings/" + meetingId + "/attendance",
                Map.of("people", list, "others", others));
        if (answer.getStatusCode().value() != 200) {
            throw new IllegalStateException("attendance not recorded: " + answer);
        }
        return api.tree(answer);
    }

    JsonNode state(long meetingId) {
        return api.get("/api/meetings/" + meetingId + "/protocol");
    }

    static JsonNode adjuster(JsonNode state, String email) {
        for (JsonNode a : state.path("adjusters")) {
            if (a.path("email").asText().equals(email)) {
                return a;
            }
        }
        throw new AssertionError("no adjuster " + email + " in " + state);
    }

    /** Waits until the adjuster's state is as given. */
    JsonNode awaitAdjuster(long meetingId, String email, String state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> adjuster(state(meetingId), email),
                a -> a.path("state").asText().equals(state));
    }

    byte[] download(String path) {
        ResponseEntity<byte[]> r = rest.withBasicAuth("secretariat", se.council.hub.support.TestHubConfiguration.SECRETARIAT_PASSWORD)
                .getForEntity(path, byte[].class);
        if (r.getStatusCode().value() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.getStatusCode());
        }
        return r.getBody();
    }

    /** The adjusters' page form posted as a browser posts it, without a login (the link is the authorisation). */
    ResponseEntity<String> pageForm(String token, String check, String action, String text) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (check != null) {
            form.add("check", check);
        }
        form.add("action", action);
        if (text != null) {
            form.add("text", text);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return rest.exchange("/protocol-adjustment/" + token, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    /** A reply as a client writes it: In-Reply-To and References of the mail answered, optional files. */
    static byte[] reply(String from, MimeMessage answered, String text, String extraHeaders, Object... files) {
        try {
            String id = answered.getMessageID();
            return mail(from, "SV: " + answered.getSubject(), id, id, text, extraHeaders, files);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] mail(String from, String subject, String inReplyTo, String references, String text, String extraHeaders,
                       Object... files) {
        try {
            String messageId = "<" + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">";
            MimeMessage m = TestFiles.mailToHub(from, subject, messageId);
            if (inReplyTo != null) {
                m.setHeader("In-Reply-To", inReplyTo);
            }
            if (references != null) {
                m.setHeader("References", references);
            }
            if (files.length == 0) {
                m.setText(text, StandardCharsets.UTF_8.name());
            } else {
                m.setContent(TestFiles.textWithFiles(text, files));
            }
            String raw = new String(TestFiles.bytes(m), StandardCharsets.ISO_8859_1);
            return ((extraHeaders == null ? "" : extraHeaders) + raw).getBytes(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text part of a received mail (first text/plain anywhere). */
    static String body(Part part) {
        try {
            if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) part.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    String t = body(mp.getBodyPart(i));
                    if (t != null) {
                        return t;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attachments of a received mail: file name to bytes, with their content types. */
    static Map<String, byte[]> attachments(MimeMessage message, Map<String, String> types) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            if (message.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) message.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart p = mp.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
                        files.put(p.getFileName(), p.getInputStream().readAllBytes());
                        types.put(p.getFileName(), p.getContentType().split(";")[0].trim());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    /** The adjuster's personal link in a mail's text. */
    static String link(MimeMessage message) {
        Matcher m = Pattern.compile("https?://\\S+/protocol-adjustment/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)").matcher(body(message));
        if (!m.find()) {
            throw new AssertionError("no adjustment link in " + body(message));
        }
        return m.group(1);
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String docxText(byte[] docx) {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return extractor.getText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DOCX with one paragraph's text (found anywhere, tables too) replaced, as an adjuster edits it in Word. */
    static byte[] editDocx(byte[] docx, String find, String replaceWith) {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            List<XWPFParagraph> all = new ArrayList<>(doc.getParagraphs());
            for (XWPFTable t : doc.getTables()) {
                for (XWPFTableRow r : t.getRows()) {
                    for (XWPFTableCell c : r.getTableCells()) {
                        all.addAll(c.getParagraphs());
                    }
                }
            }
            boolean done = false;
            for (XWPFParagraph p : all) {
                String text = p.getText();
                if (!done && text.contains(find)) {
                    String replaced = text.replace(find, replaceWith);
                    while (p.getRuns().size() > 1) {
                        p.removeRun(1);
                    }
                    if (p.getRuns().isEmpty()) {
                        p.createRun();
                    }
                    p.getRuns().get(0).setText(replaced, 0);
                    done = true;
                }
            }
            if (!done) {
                throw new AssertionError("no paragraph with '" + find + "' in the DOCX");
            }
            doc.write(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mails to an address whose subject starts so, oldest first. */
    List<MimeMessage> mails(String to, String subjectPrefix) {
        return mail.receivedBy(to).stream().filter(m -> TestMail.subjectOf(m).startsWith(subjectPrefix)).toList();
    }

    /** Waits for the n-th mail (1-based) to an address whose subject starts so. */
    MimeMessage awaitMails(String to, String subjectPrefix, int n) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> mails(to, subjectPrefix), l -> l.size() >= n).get(n - 1);
    }

    static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
