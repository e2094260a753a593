"""The provider lead's home, one provider's page and the lead contact."""
