"""The audit trail: read it filtered, export it, and verify its hash chain."""
