-- Why an event needed no work ("pull_request.labeled is not handled"), shown in the event list.
ALTER TABLE events ADD COLUMN note TEXT;
