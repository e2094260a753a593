"""The provider information return, for providers and the inspection team."""
