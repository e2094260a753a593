"""Notifications and reminders: each person's inbox and email choices, the reminder job, the sender."""
