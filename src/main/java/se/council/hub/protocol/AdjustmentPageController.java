package se.council.hub.protocol;

import java.time.Clock;
import java.util.Optional;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import se.council.hub.config.HubProperties;
import se.council.hub.notice.MeetingText;
import se.council.hub.store.BlobStore;

/**
 * The adjuster's page behind the personal link in the adjustment mail: the protocol to read, a
 * button to approve and a field for corrections. Server-rendered HTML in Swedish and English, no
 * JavaScript. Open without the secretariat's login: the signed, expiring token in the path is the
 * whole authorisation, and the form carries a check value bound to the token, so a page elsewhere
 * cannot post in the adjuster's name.
 */
@RestController
class AdjustmentPageController {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final AdjustmentLinks links;
    private final ProtocolRound round;
    private final BlobStore blobs;
    private final HubProperties properties;
    private final Clock clock;

    AdjustmentPageController(AdjustmentLinks links, ProtocolRound round, BlobStore blobs, HubProperties properties, Clock clock) {
        this.links = links;
        this.round = round;
        this.blobs = blobs;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(AdjustmentLinks.PATH + "{token}")
    ResponseEntity<String> page(@PathVariable String token) {
        Optional<AdjustmentLinks.Claim> claim = links.verify(token, clock.instant());
        Optional<ProtocolRound.PageView> view = claim.flatMap(round::page);
        if (view.isEmpty()) {
            return refused();
        }
        return html(HttpStatus.OK, render(token, view.get(), null));
    }

    @PostMapping(value = AdjustmentLinks.PATH + "{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> answer(@PathVariable String token, @RequestParam(required = false) String check,
                                  @RequestParam(required = false) String action, @RequestParam(required = false) String text) {
        Optional<AdjustmentLinks.Claim> claim = links.verify(token, clock.instant());
        if (claim.isEmpty() || !links.formCheckValid(token, check)) {
            return refused();
        }
        boolean approve = "approve".equals(action);
        if (!approve && !"corrections".equals(action)) {
            return html(HttpStatus.BAD_REQUEST, "<p>Okänd åtgärd. / Unknown action.</p>");
        }
        if (!approve && (text == null || text.isBlank())) {
            Optional<ProtocolRound.PageView> view = round.page(claim.get());
            return view.map(v -> html(HttpStatus.BAD_REQUEST, render(token, v,
                    "Skriv dina ändringar i fältet. / Please write your corrections in the field."))).orElseGet(this::refused);
        }
        if (text != null && text.length() > 20_000) {
            return html(HttpStatus.BAD_REQUEST, "<p>Texten är för lång. / The text is too long.</p>");
        }
        Optional<ProtocolRound.PageView> before = round.page(claim.get());
        Optional<ProtocolRound.PageView> after = round.answerOnPage(claim.get(), approve, text);
        if (after.isEmpty()) {
            return refused();
        }
        String message = before.map(ProtocolRound.PageView::closedReason).orElse(null) != null ? null
                : approve ? "Tack! Ditt godkännande är registrerat. / Thank you, your approval is recorded."
                : "Tack! Dina ändringar är registrerade och lämnas till sekretariatet. / Thank you, your corrections are recorded and passed to the secretariat.";
        return html(after.get().closedReason() != null && message == null ? HttpStatus.CONFLICT : HttpStatus.OK,
                render(token, after.get(), message));
    }

    /** The version's PDF, for adjusters whose mail dropped the attachment. */
    @GetMapping(AdjustmentLinks.PATH + "{token}/protocol.pdf")
    ResponseEntity<?> pdf(@PathVariable String token) throws java.io.IOException {
        Optional<ProtocolRound.PageView> view = links.verify(token, clock.instant()).flatMap(round::page);
        if (view.isEmpty()) {
            return refused();
        }
        ProtocolStore.Version v = view.get().version();
        String sha = v.finalPdfSha256() != null ? v.finalPdfSha256() : v.pdfSha256();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(ProtocolRound.fileName(view.get().meeting(), v, "pdf")).build().toString())
                .cacheControl(CacheControl.noStore())
                .body(new InputStreamResource(blobs.open(sha)));
    }

    private ResponseEntity<String> refused() {
        return html(HttpStatus.FORBIDDEN, "<h1>Länken gäller inte / The link is not valid</h1>"
                + "<p>Länken är ogiltig eller har gått ut. Svara på brevet med protokollet i stället, eller kontakta sekretariatet.</p>"
                + "<p>The link is invalid or has expired. Reply to the mail with the minutes instead, or contact the secretariat.</p>");
    }

    private String render(String token, ProtocolRound.PageView view, String message) {
        boolean en = properties.english();
        var m = view.meeting();
        var v = view.version();
        var a = view.adjuster();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(e(en ? "Adjustment of the minutes / Justering av protokoll" : "Justering av protokoll / Adjustment of the minutes"))
                .append("</h1>\n");
        b.append("<p><strong>").append(e(MeetingText.title(m, view.council(), en))).append("</strong>, ")
                .append(e(MeetingText.when(m, en))).append("<br>Version ").append(v.version()).append("</p>\n");
        b.append("<p>").append(e(a.name())).append(" &lt;").append(e(a.email())).append("&gt;</p>\n");
        if (message != null) {
            b.append("<p class=\"done\"><strong>").append(e(message)).append("</strong></p>\n");
        }
        b.append("<p>").append(e("Din status / Your status: ")).append("<strong>").append(stateText(a.state())).append("</strong>");
        if (a.answeredAt() != null) {
            b.append(" (").append(e(a.answeredAt().atZone(m.zone()).toLocalDateTime().withNano(0).toString().replace('T', ' '))).append(")");
        }
        b.append("</p>\n");
        if (v.deadline() != null) {
            b.append("<p>").append(e("Sista dag / Deadline: ")).append(e(MeetingText.instant(v.deadline(), m, false))).append("</p>\n");
        }
        b.append("<p><a href=\"").append(e(AdjustmentLinks.PATH + token + "/protocol.pdf")).append("\">")
                .append(e("Läs protokollet (PDF) / Read the minutes (PDF)")).append("</a></p>\n");
        if ("ADJUSTED".equals(view.closedReason())) {
            b.append("<p>").append(e("Protokollet är redan justerat. / The minutes are already adjusted.")).append("</p>\n");
        } else if ("STALE".equals(view.closedReason())) {
            b.append("<p>").append(e("En nyare version har skickats ut; använd länken i det senaste brevet. / "
                    + "A newer version has been sent out; use the link in the latest mail.")).append("</p>\n");
        } else {
            String check = e(links.formCheck(token));
            String action = e(AdjustmentLinks.PATH + token);
            b.append("<form method=\"post\" action=\"").append(action).append("\">\n")
                    .append("<input type=\"hidden\" name=\"check\" value=\"").append(check).append("\">\n")
                    .append("<input type=\"hidden\" name=\"action\" value=\"approve\">\n")
                    .append("<button type=\"submit\">").append(e("Godkänn protokollet / Approve the minutes")).append("</button>\n</form>\n");
            b.append("<form method=\"post\" action=\"").append(action).append("\">\n")
                    .append("<input type=\"hidden\" name=\"check\" value=\"").append(check).append("\">\n")
                    .append("<input type=\"hidden\" name=\"action\" value=\"corrections\">\n")
                    .append("<p><label for=\"text\">").append(e("Ändringar / Corrections:")).append("</label><br>\n")
                    .append("<textarea id=\"text\" name=\"text\" rows=\"12\" cols=\"80\"></textarea></p>\n")
                    .append("<button type=\"submit\">").append(e("Skicka ändringar / Send corrections")).append("</button>\n</form>\n");
        }
        return b.toString();
    }

    private static String stateText(ProtocolStore.AdjusterState state) {
        return switch (state) {
            case PENDING -> "väntar på svar / pending";
            case APPROVED -> "godkänt / approved";
            case CORRECTIONS -> "ändringar inskickade / corrections sent";
        };
    }

    private ResponseEntity<String> html(HttpStatus status, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"" + (properties.english() ? "en" : "sv") + "\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>Justering / Adjustment</title>"
                + "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}form{margin:1.5em 0}"
                + "textarea{width:100%}.done{color:#05620b}</style></head>\n<body>\n" + body + "\n</body>\n</html>\n";
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .body(page);
    }

    private static String e(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
    }
}
