"""Pages of the notifications area: the list, email settings, and the admins' outbox."""
