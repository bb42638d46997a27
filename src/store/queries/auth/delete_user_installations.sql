-- Forgets the App installations GitHub granted a user, before the new list is written.
DELETE FROM user_app_installations WHERE user_id = $1
