"""Pages of the survivor survey: the public survey behind a link, and the link panels for staff and providers."""
