-- Event $1 has work again (a job of it was retried): pending, with no error.
UPDATE events SET status = 'pending', error = NULL, processed_at = NULL WHERE id = $1
