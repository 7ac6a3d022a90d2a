"""One module per benchmark section; each has `run(settings) -> [Figure]`."""
