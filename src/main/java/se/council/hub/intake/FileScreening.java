package se.council.hub.intake;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;
import se.council.hub.notice.MeetingText;
import se.council.hub.screening.AttachmentScreener;
import se.council.hub.screening.ScreeningResult;
import se.council.hub.store.BlobStore;

/**
 * Screens the files of one input together: all are accepted and stored, or none is, and the
 * refusal names every file that failed and why, in Swedish and English.
 */
@Component
public class FileScreening implements AutoCloseable {

    /** A file as the sender sent it; {@code problem} is set when it could not even be decoded. */
    public record IncomingFile(String name, byte[] content, String problem) { }

    /** Either the stored files, or the refusal text listing what was wrong with which file. */
    public record Outcome(List<StoredFile> files, String refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private final AttachmentScreener screener;
    private final BlobStore blobs;
    private final HubProperties properties;

    public FileScreening(HubProperties properties, BlobStore blobs) {
        this.properties = properties;
        this.blobs = blobs;
        this.screener = new AttachmentScreener(properties.intake().maxAttachmentBytes(), properties.intake().parseTimeout());
    }

    public Outcome screen(List<IncomingFile> incoming) {
        List<Screened> results = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (IncomingFile file : incoming) {
            if (file.problem() != null) {
                String name = file.name() == null ? "(namnlös / unnamed)" : file.name();
                refusals.add(name + ": filen är skadad och kunde inte avkodas / the file is damaged and could not be decoded ("
                        + file.problem() + ")");
                continue;
            }
            ScreeningResult result = screener.screen(file.name() == null ? "attachment" : file.name(), file.content());
            if (result.accepted()) {
                results.add(new Screened(file.content(), result));
            } else {
                refusals.add(result.name() + ": " + explain(result));
            }
        }
        if (!refusals.isEmpty()) {
            return new Outcome(List.of(), String.join("; ", refusals));
        }
        List<StoredFile> stored = new ArrayList<>();
        for (Screened s : results) {
            String sha = blobs.put(s.content());
            stored.add(new StoredFile(s.result().name(), s.result().mediaType(), s.result().size(), sha));
        }
        return new Outcome(stored, null);
    }

    private record Screened(byte[] content, ScreeningResult result) { }

    /** Stops the screener's parser threads with the application. */
    @Override
    public void close() {
        screener.close();
    }

    private String explain(ScreeningResult r) {
        String limit = MeetingText.size(properties.intake().maxAttachmentBytes(), false);
        String limitEn = MeetingText.size(properties.intake().maxAttachmentBytes(), true);
        String detail = r.detail() == null ? "" : " (" + r.detail() + ")";
        return switch (r.refusal()) {
            case TOO_LARGE -> "filen är större än " + limit + " / the file is larger than " + limitEn;
            case FORBIDDEN_TYPE -> "filtypen tas inte emot; skicka pptx, pdf, docx, xlsx, png eller jpeg / this type of file is not accepted; send pptx, pdf, docx, xlsx, png or jpeg" + detail;
            case MACRO_ENABLED -> "filen innehåller makron; spara den som vanlig .pptx/.docx/.xlsx utan makron / the file contains macros; save it as a plain .pptx/.docx/.xlsx without macros";
            case EXECUTABLE -> "filen är ett program och tas aldrig emot / the file is a program and is never accepted" + detail;
            case ENCRYPTED -> "filen är lösenordsskyddad eller krypterad; skicka den utan lösenord / the file is password-protected or encrypted; send it without a password";
            case MALFORMED -> "filen är skadad eller går inte att öppna / the file is damaged or cannot be opened" + detail;
            case TIMEOUT -> "filen tog för lång tid att öppna / the file took too long to open";
        };
    }
}
