package se.council.hub.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes one of the pack's documents (the deck, the PDF) and says per source file (by SHA-256) what became of it. */
public interface PackDocumentWriter {

    Map<String, Manifest.FileOutcome> write(PackModel.Pack pack, OutputStream out) throws IOException;
}
