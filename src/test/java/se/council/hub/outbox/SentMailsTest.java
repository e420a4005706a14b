package se.council.hub.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SentMailsTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final SentMails sentMails = new SentMails();

    @Test
    void collectsTheIdsOfTheMailsTheServerTookAndNoFailureEndsThePageUnmarked() {
        Exchange failedTwice = mail(11, false);
        failedTwice.setException(new IllegalStateException("store unreachable"));
        Exchange result = sentMails.aggregate(null, failedTwice);
        result = sentMails.aggregate(result, mail(12, true));
        result = sentMails.aggregate(result, mail(13, false));
        result = sentMails.aggregate(result, mail(14, true));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isEqualTo(java.util.List.of(12L, 14L));
        // The first mail's own exchange keeps its failure for the split to see; the page's result is a copy.
        assertThat(failedTwice.getException()).isNotNull();
    }

    private Exchange mail(long id, boolean sent) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Outbox.ID_HEADER, id);
        exchange.getMessage().setBody(id);
        if (sent) {
            exchange.setProperty(SentMails.SENT, true);
        }
        return exchange;
    }
}
