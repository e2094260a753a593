"""People who sign in: sessions, passwords, and the admin's users and roles."""
