package se.council.hub.protocol;

import org.springframework.stereotype.Component;
import se.council.hub.intake.mail.MailIntake;
import se.council.hub.intake.mail.ReadMail;

/** Takes in replies to a protocol sent for adjustment, called by the route intake-mail. */
@Component("adjustmentIntake")
public class AdjustmentIntake {

    private final MailIntake mailIntake;

    public AdjustmentIntake(MailIntake mailIntake) {
        this.mailIntake = mailIntake;
    }

    /** Records an approval or corrections, or rejects the reply; returns a one-line summary for the log. */
    public String process(ReadMail read) {
        // No detector yields ADJUSTMENT_REPLY before issue 5 lands; until then such a mail is a contribution.
        return mailIntake.process(read);
    }
}
