package se.council.hub.outbox;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The aggregation of the route outbox-dispatch's split: collects the ids of the page's mails that the
 * SMTP server took (those whose {@value #SENT} property the route set after the SMTP step), so that the
 * route marks them sent together, in one transaction, rather than one transaction per mail.
 */
@Component("sentMails")
public class SentMails implements AggregationStrategy {

    /** Set on a mail's exchange once the server has answered its DATA with 250. */
    public static final String SENT = "outboxSent";

    @Override
    public Exchange aggregate(Exchange collected, Exchange mail) {
        Exchange result = collected == null ? mail : collected;
        @SuppressWarnings("unchecked")
        List<Long> ids = collected == null ? new ArrayList<>() : result.getMessage().getBody(List.class);
        if (Boolean.TRUE.equals(mail.getProperty(SENT, Boolean.class))) {
            ids.add(mail.getMessage().getHeader(Outbox.ID_HEADER, Long.class));
        }
        result.getMessage().setBody(ids);
        return result;
    }
}
