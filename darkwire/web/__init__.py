"""darkwire's web side: the JSON API under /api/v1, the pages for people, and the server that runs them."""
