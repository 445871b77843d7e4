"""The shared core every stage imports: typed records, the error tree, settings and the store's layout."""
