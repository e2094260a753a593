"""Programme analytics: views, items behind a number, and exports."""
