-- The secret a tenant's own site signs its signed-in users' ids with (HMAC-SHA256), so the chat
-- widget can name a customer the page vouched for; without it every widget visitor is anonymous.
-- Kept in clear: verifying a signature needs the secret itself, not a hash of it.
ALTER TABLE tenants ADD COLUMN widget_identity_secret text;
