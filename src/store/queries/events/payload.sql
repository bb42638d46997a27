-- Event $1 with its stored payload, for a job that needs more than its own payload carries.
SELECT event_type, action, payload, payload_encoding FROM events WHERE id = $1
