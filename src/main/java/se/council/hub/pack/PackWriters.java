package se.council.hub.pack;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.council.hub.config.HubProperties;
import se.council.hub.pack.deck.DeckResult;
import se.council.hub.pack.deck.DeckWriter;
import se.council.hub.pack.pdf.PackPdfWriter;
import se.council.hub.pack.pdf.PdfOptions;
import se.council.hub.pack.pdf.PdfResult;

/** The pack's document writers, as the pack service uses them. */
@Configuration(proxyBeanMethods = false)
class PackWriters {

    @Bean
    PackDocumentWriter deckDocumentWriter(HubProperties properties) {
        DeckWriter deck = new DeckWriter(properties.pack().fileTimeout());
        return (pack, out) -> {
            DeckResult result = deck.write(pack, out);
            Map<String, Manifest.FileOutcome> outcomes = new LinkedHashMap<>();
            for (DeckResult.FileResult f : result.files()) {
                outcomes.put(f.sha256(), new Manifest.FileOutcome(f.slides(), f.problem()));
            }
            return outcomes;
        };
    }

    @Bean
    PackDocumentWriter pdfDocumentWriter(HubProperties properties) {
        PackPdfWriter pdf = new PackPdfWriter(PdfOptions.defaults().withFileTimeLimit(properties.pack().fileTimeout()));
        return (pack, out) -> {
            PdfResult result = pdf.write(pack, out);
            Map<String, Manifest.FileOutcome> outcomes = new LinkedHashMap<>();
            for (PdfResult.FileOutcome f : result.files()) {
                outcomes.put(f.sha256(), new Manifest.FileOutcome(f.pages(), f.problem()));
            }
            return outcomes;
        };
    }
}
