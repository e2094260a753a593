"""Programme analytics (issue 8)."""
