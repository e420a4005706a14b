package se.council.hub.protocol;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import se.council.hub.intake.FileScreening;
import se.council.hub.intake.StoredFile;

/**
 * The gate before POI opens a protocol DOCX that came from outside (an adjuster's edited document,
 * the secretariat's upload): the same attachment screening every inbound file passes (content type
 * from the bytes, macros, zip bombs, size and time limits), and then the content must really be a
 * Word document, whatever its name says.
 */
@Component
class DocxScreening {

    private final FileScreening screening;

    DocxScreening(FileScreening screening) {
        this.screening = screening;
    }

    /**
     * Why the file may not be opened, in Swedish and English, naming the file; empty when it is a
     * plain DOCX that passed screening.
     *
     * @param problem set when the file could not even be decoded from its mail part
     */
    Optional<String> refusal(String name, byte[] content, String problem) {
        FileScreening.Outcome outcome = screening.screen(List.of(new FileScreening.IncomingFile(name, content, problem)));
        if (!outcome.accepted()) {
            return Optional.of(outcome.refusal());
        }
        StoredFile file = outcome.files().get(0);
        if (!ProtocolRound.DOCX_TYPE.equals(file.mediaType())) {
            return Optional.of(file.name() + ": filen är inget Word-dokument (.docx) utan " + file.mediaType()
                    + " / the file is not a Word document (.docx) but " + file.mediaType());
        }
        return Optional.empty();
    }
}
