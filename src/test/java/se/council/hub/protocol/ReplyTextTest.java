package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The adjuster's own words: quoted text removed, approval read from the first line only. */
class ReplyTextTest {

    @Test
    void godkandOnTheFirstLineApproves() {
        assertThat(ReplyText.verdict(ReplyText.own("Godkänd\n\nMvh Anna"))).isEqualTo(ReplyText.Verdict.APPROVAL);
        assertThat(ReplyText.verdict(ReplyText.own("godkänner protokollet."))).isEqualTo(ReplyText.Verdict.APPROVAL);
        assertThat(ReplyText.verdict(ReplyText.own("Approved, thanks!"))).isEqualTo(ReplyText.Verdict.APPROVAL);
        assertThat(ReplyText.verdict(ReplyText.own("\n  *Approve*\n"))).isEqualTo(ReplyText.Verdict.APPROVAL);
    }

    @Test
    void otherWordsAndLaterLinesAreCorrections() {
        assertThat(ReplyText.verdict(ReplyText.own("Inte godkänd: punkt 3 saknar beslut."))).isEqualTo(ReplyText.Verdict.CORRECTIONS);
        assertThat(ReplyText.verdict(ReplyText.own("Punkt 3: stavfel.\nGodkänd i övrigt"))).isEqualTo(ReplyText.Verdict.CORRECTIONS);
        assertThat(ReplyText.verdict(ReplyText.own("Godkändes inte"))).isEqualTo(ReplyText.Verdict.CORRECTIONS);
        assertThat(ReplyText.verdict(ReplyText.own("Approvedness"))).isEqualTo(ReplyText.Verdict.CORRECTIONS);
    }

    @Test
    void quotedGodkandDoesNotCount() {
        String reply = """
                Se min kommentar om punkt 4.

                > För att godkänna: svara på detta brev med "Godkänd" (eller "Approved") på första raden.
                > Godkänd
                """;
        assertThat(ReplyText.own(reply)).isEqualTo("Se min kommentar om punkt 4.");
        assertThat(ReplyText.verdict(ReplyText.own("> Godkänd\n> Approved"))).isEqualTo(ReplyText.Verdict.CORRECTIONS);
        assertThat(ReplyText.own("> Godkänd\n> Approved")).isEmpty();
    }

    @Test
    void textBelowOutlookAndGmailSeparatorsIsDropped() {
        String outlook = """
                Punkt 2 ska vara "Mötet öppnas av ordföranden".

                -----Original Message-----
                From: Rådssekretariatet <hub@council.example>
                Sent: den 11 december 2026 10:00
                Godkänd
                """;
        assertThat(ReplyText.own(outlook)).isEqualTo("Punkt 2 ska vara \"Mötet öppnas av ordföranden\".");
        String swedishOutlook = """
                Rätta mitt efternamn.

                Från: Rådssekretariatet <hub@council.example>
                Skickat: den 11 december 2026 10:00
                Till: Anna Lind <anna.lind@ivo.example>
                Godkänd
                """;
        assertThat(ReplyText.own(swedishOutlook)).isEqualTo("Rätta mitt efternamn.");
        assertThat(ReplyText.own("Ok för mig\n\nDen fre 11 dec. 2026 kl. 10:00 skrev Rådssekretariatet <hub@council.example>:\nGodkänd"))
                .isEqualTo("Ok för mig");
        assertThat(ReplyText.own("Ändra punkt 3.\n\n11 dec. 2026 kl. 10:00 skrev Rådssekretariatet <hub@council.example>:\n\nGodkänd"))
                .isEqualTo("Ändra punkt 3.");
        assertThat(ReplyText.own("Vi skrev följande:\nPunkt 3 ska bort.")).isEqualTo("Vi skrev följande:\nPunkt 3 ska bort.");
        assertThat(ReplyText.own("Fine\n\nOn Fri, 11 Dec 2026 at 10:00, Rådssekretariatet <hub@council.example> wrote:\nApproved"))
                .isEqualTo("Fine");
        assertThat(ReplyText.own("Fine\n\nOn Fri, 11 Dec 2026 at 10:00, Rådssekretariatet\n<hub@council.example> wrote:\nApproved"))
                .isEqualTo("Fine");
    }

    @Test
    void aFromLineInTheAdjustersOwnTextIsKept() {
        assertThat(ReplyText.own("From: our side nothing to add.\nMvh")).isEqualTo("From: our side nothing to add.\nMvh");
    }
}
