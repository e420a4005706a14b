-- Invitations kept in step with the meeting (issue 4).
-- previous_partstat: when the meeting's date, start or end changes, an answer given for the old
-- time no longer holds: the hub sets every invited person's partstat back to NEEDS-ACTION and keeps
-- the answer they had given here (with their comment and responded_at as they were), so it stays
-- visible until they answer the new version. A change of place or join link keeps the answers.
ALTER TABLE attendee ADD COLUMN previous_partstat VARCHAR(16);
-- invite_round: how many times the person was taken off this meeting's invitation. It is part of
-- the outbox key of their invitation mails, so a person removed (CANCEL) and added again within the
-- same SEQUENCE gets a new REQUEST instead of meeting the key of the first one.
ALTER TABLE attendee ADD COLUMN invite_round INTEGER DEFAULT 0 NOT NULL;
