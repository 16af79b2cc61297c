"""The link check (``python -m handreiking.links``, ``make links``): :mod:`.check` runs it, :mod:`.found`
knows where links are written, :mod:`.crawl` has LinkChecker crawl the built site, :mod:`.web` requests
external addresses, :mod:`.settings` reads ``links.toml``, :mod:`.report` writes ``reports/links.*``."""
