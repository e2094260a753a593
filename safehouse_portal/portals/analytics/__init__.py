"""Programme analytics."""
