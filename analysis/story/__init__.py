"""The story each page tells: one computed set of facts per page, read by its prose, charts, alt text and tables."""
