SELECT id FROM events WHERE delivery_id = $1
