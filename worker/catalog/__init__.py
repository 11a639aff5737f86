"""The catalog side: the product facts Shelfwriter reads, and importing them."""
