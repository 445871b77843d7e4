"""Structure: lines, section headings, the reference list, and the chunks that are embedded."""
