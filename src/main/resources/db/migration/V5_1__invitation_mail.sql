-- Invitations (issue 4) are iMIP mails (RFC 6047). The outbox keeps what makes each one exactly
-- reproducible on a retry: the calendar object, stored once per version in the blob store and
-- shared by every recipient of that version, its iTIP method, and the HTML alternative of the text.
-- The mail's Date is its created_at, so a re-send after a crash or an SMTP outage is the same mail.
ALTER TABLE outbound_mail ADD COLUMN calendar_sha256 VARCHAR(64);
ALTER TABLE outbound_mail ADD COLUMN calendar_method VARCHAR(16);
ALTER TABLE outbound_mail ADD COLUMN body_html TEXT;
