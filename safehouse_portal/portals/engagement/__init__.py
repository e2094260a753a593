"""Pages of engagement between inspections: meetings and concerns."""
