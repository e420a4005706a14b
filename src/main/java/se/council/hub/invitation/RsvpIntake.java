package se.council.hub.invitation;

import org.springframework.stereotype.Component;
import se.council.hub.intake.mail.MailIntake;
import se.council.hub.intake.mail.ReadMail;

/** Takes in calendar replies to the hub's invitations, called by the route intake-mail for RSVP mail. */
@Component("rsvpIntake")
public class RsvpIntake {

    private final MailIntake mailIntake;

    public RsvpIntake(MailIntake mailIntake) {
        this.mailIntake = mailIntake;
    }

    /** Records the reply in the attendance list, or rejects it; returns a one-line summary for the log. */
    public String process(ReadMail read) {
        // No detector yields RSVP before issue 4 lands; until then such a mail is an ordinary contribution.
        return mailIntake.process(read);
    }
}
