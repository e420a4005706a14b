package se.council.hub.pack.deck;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the POI-built source decks to a folder, as input for the LibreOffice fixtures (see the README there). */
public final class DeckFixtureMain {

    private DeckFixtureMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/deck-fixtures");
        Files.createDirectories(dir);
        Files.write(dir.resolve("poi-standard.pptx"), SourceDecks.standardDeck("Läkemedelsverket", 7));
        Files.write(dir.resolve("poi-branded-4x3.pptx"),
                SourceDecks.brandedDeck("Strålsäkerhetsmyndigheten", "Myndighetsgrön", "2E7D32", true, 11));
    }
}
