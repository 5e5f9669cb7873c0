"""The classroom app: a small market stepped live, with its drawing."""
