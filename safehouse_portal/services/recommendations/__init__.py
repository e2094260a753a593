"""Following each issued recommendation to done."""
