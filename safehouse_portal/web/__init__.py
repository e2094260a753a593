"""Plain HTTP routes in front of Reflex: sign-in, downloads, the event allowlist, cookies, the upload limit."""
