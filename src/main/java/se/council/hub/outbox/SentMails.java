package se.council.hub.outbox;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The aggregation of the route outbox-dispatch's split: collects the ids of the page's mails that the
 * SMTP server took (those whose {@value #SENT} property the route set after the SMTP step), so that the
 * route marks them sent together, in one transaction, rather than one transaction per mail.
 */
@Component("sentMails")
public class SentMails implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(SentMails.class);

    /** Set on a mail's exchange once the server has answered its DATA with 250. */
    public static final String SENT = "outboxSent";

    @Override
    public Exchange aggregate(Exchange collected, Exchange mail) {
        if (mail.getException() != null) {
            // Recording the failure failed too (the store unreachable): the mail stays due and is tried again.
            LOG.warn("Outbox: mail {} neither sent nor recorded as failed: {}",
                    mail.getMessage().getHeader(Outbox.ID_HEADER), mail.getException().toString());
        }
        // The first mail's exchange is copied, not taken: its exception must not end the page unmarked.
        Exchange result = collected != null ? collected : mail.copy();
        result.setException(null);
        @SuppressWarnings("unchecked")
        List<Long> ids = collected != null ? result.getMessage().getBody(List.class) : new ArrayList<>();
        if (Boolean.TRUE.equals(mail.getProperty(SENT, Boolean.class))) {
            ids.add(mail.getMessage().getHeader(Outbox.ID_HEADER, Long.class));
        }
        result.getMessage().setBody(ids);
        return result;
    }
}
