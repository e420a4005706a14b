package se.council.hub.pack.deck;

import java.util.List;

/**
 * What {@link DeckWriter} put into the deck: the total slide count and, per source file in agenda order, how
 * many slides it gave and what went wrong with it. The manifest reads "slides" per file from here.
 *
 * @param slideCount every slide in the deck, generated ones included
 * @param files      one entry per source file met, in the order the deck shows them
 */
public record DeckResult(int slideCount, List<FileResult> files) {

    public DeckResult {
        files = List.copyOf(files);
    }

    /**
     * One source file's outcome.
     *
     * @param sha256  the stored file's SHA-256, as in the pack model
     * @param name    the file name as sent
     * @param slides  slides taken from the file (pages for a PDF, 1 for a picture, 0 when skipped or broken)
     * @param problem what went wrong, in the deck's language; null when the file was used as intended
     * @param skipped true for files that are not slides (documents, spreadsheets); they are in the pack, not the deck
     */
    public record FileResult(String sha256, String name, int slides, String problem, boolean skipped) { }

    /** Files that were not slides and were left out of the deck. */
    public long skippedCount() {
        return files.stream().filter(FileResult::skipped).count();
    }

    /** Files that could not be used; each has a slide in the deck that says so. */
    public List<FileResult> problems() {
        return files.stream().filter(f -> f.problem() != null).toList();
    }
}
