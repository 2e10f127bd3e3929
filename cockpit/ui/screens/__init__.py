"""The cockpit's screens: main, detail, search and help."""
