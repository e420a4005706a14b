package se.council.hub.intake.mail;

import java.util.List;

/**
 * What the hub needs from one inbound mail, read once by {@link MailParser}: who sent it, what it
 * answers, its text, its files and whatever was wrong with it.
 *
 * <p>Message ids (in {@code messageId}, {@code inReplyTo} and {@code references}) keep their
 * angle brackets, {@code <id@host>}, the form they take in headers, so a receipt can put them
 * back into In-Reply-To unchanged.
 *
 * @param messageId             the Message-ID, or null when the mail has none
 * @param inReplyTo             the first id of In-Reply-To, or null
 * @param references            the ids of References, oldest first
 * @param fromAddress           the From address in lower case, or null when unreadable
 * @param fromName              the decoded display name of From, or null
 * @param replyTo               the first Reply-To address in lower case, or null
 * @param subject               the decoded, unfolded subject ("" when absent)
 * @param authenticationResults the raw Authentication-Results values, unfolded, top-most first
 * @param autoSubmitted         true for auto-replies, bulk mail and bounces, which must never be
 *                              answered
 * @param text                  the readable body text, LF line ends, trimmed ("" when none)
 * @param attachments           the files, in the order they appear
 * @param problems              what was wrong with the structure; empty for a clean mail
 * @param calendarParts         iCalendar objects found anywhere in the mail
 */
public record ParsedMail(String messageId, String inReplyTo, List<String> references,
                         String fromAddress, String fromName, String replyTo, String subject,
                         List<String> authenticationResults, boolean autoSubmitted, String text,
                         List<MailAttachment> attachments, List<String> problems,
                         List<CalendarPart> calendarParts) {

    public ParsedMail {
        references = List.copyOf(references);
        authenticationResults = List.copyOf(authenticationResults);
        attachments = List.copyOf(attachments);
        problems = List.copyOf(problems);
        calendarParts = List.copyOf(calendarParts);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
    }
}
