"""Offline evaluation of the content step against human-written references
(`shelfwriter evaluate`)."""
