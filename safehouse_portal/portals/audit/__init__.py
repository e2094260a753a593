"""The audit trail's pages."""
