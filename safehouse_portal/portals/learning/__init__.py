"""Pages of the good-practice library: nominate, review and anonymise, browse, "we tried this"."""
