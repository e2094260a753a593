"""Sign-in and the admin's users and roles."""
