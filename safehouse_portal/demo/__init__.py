"""The demo programme: a realistic, plainly fictional programme (used by the command line only)."""
