"""The domain: plain data types and pure rules. No I/O, no Textual, no wall clock."""
