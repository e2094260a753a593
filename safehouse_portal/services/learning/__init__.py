"""The good-practice library: nominating, anonymising, publishing and browsing examples."""
