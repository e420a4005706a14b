package se.council.hub.intake.mail;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file a mail carried, decoded from its MIME part (or unpacked from a winmail.dat), ready for
 * screening. A part that could not be decoded is still reported, with {@code problem} set, so
 * that the sender can be told which file was broken.
 *
 * @param name         the file name exactly as the sender named it, decoded from RFC 2047/2231
 *                     (no Unicode normalisation, no path stripping); null when the part had none
 * @param declaredType the media type the sender declared (lower case, without parameters);
 *                     never trusted for screening
 * @param content      the decoded bytes; for a part with a problem, whatever could be decoded
 *                     (possibly empty)
 * @param problem      null, or why this part could not be decoded
 */
public record MailAttachment(String name, String declaredType, byte[] content, String problem) {

    public MailAttachment {
        content = content == null ? new byte[0] : content;
    }

    /** True when the part was decoded without trouble. */
    public boolean intact() {
        return problem == null;
    }

    // Records compare arrays by identity; compare content instead so tests and callers can
    // rely on value semantics.
    @Override
    public boolean equals(Object o) {
        return o instanceof MailAttachment other
                && Objects.equals(name, other.name)
                && Objects.equals(declaredType, other.declaredType)
                && Arrays.equals(content, other.content)
                && Objects.equals(problem, other.problem);
    }

    // The length, not the bytes: Camel hashes a ReadMail (and so its attachments) each time a route
    // expression such as ${body.kind} looks at it, and a megabyte hashed per look adds up.
    @Override
    public int hashCode() {
        return Objects.hash(name, declaredType, content.length, problem);
    }

    @Override
    public String toString() {
        return "MailAttachment[name=" + name + ", declaredType=" + declaredType
                + ", size=" + content.length + ", problem=" + problem + "]";
    }
}
