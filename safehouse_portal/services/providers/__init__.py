"""Providers: their profile, lead contact and the provider lead's home."""
