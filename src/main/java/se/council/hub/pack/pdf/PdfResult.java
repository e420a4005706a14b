package se.council.hub.pack.pdf;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What {@link PackPdfWriter} wrote: the page count, where each agenda item and each agency starts
 * (1-based page numbers, as printed in the document), and per source file how many pages it gave and
 * what went wrong with it. The manifest and the secretariat's summary are written from this.
 *
 * @param pageCount total pages, the M of "N(M)"
 * @param items     one entry per agenda item, in agenda order
 * @param agencies  one entry per agency under the status round, in registry order
 * @param files     one entry per source file, in document order
 */
public record PdfResult(int pageCount, List<ItemStart> items, List<AgencyStart> agencies, List<FileOutcome> files) {

    public PdfResult {
        items = List.copyOf(items);
        agencies = List.copyOf(agencies);
        files = List.copyOf(files);
    }

    /** An agenda item and the page its material starts on (the agenda page when it has none). */
    public record ItemStart(int number, String title, int firstPage) { }

    /** An agency's section under the status round and the page its heading is on. */
    public record AgencyStart(int itemNumber, String agencyId, String agencyName, int firstPage) { }

    /**
     * One source file's outcome.
     *
     * @param sha256   the stored content's hash, as in the manifest
     * @param name     the file's name as sent
     * @param agencyId the sending agency, or null for an agenda item's own attachment
     * @param pages    pages this file produced in the PDF (0 when it could not be shown)
     * @param problem  what went wrong, in plain words; null when the file was shown in full
     */
    public record FileOutcome(String sha256, String name, String agencyId, int pages, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public int firstPageOfItem(int number) {
        return items.stream().filter(i -> i.number() == number).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no agenda item " + number)).firstPage();
    }

    public int firstPageOfAgency(String agencyId) {
        return agencies.stream().filter(a -> a.agencyId().equals(agencyId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no agency " + agencyId)).firstPage();
    }

    public List<FileOutcome> problems() {
        return files.stream().filter(f -> !f.ok()).toList();
    }
}
