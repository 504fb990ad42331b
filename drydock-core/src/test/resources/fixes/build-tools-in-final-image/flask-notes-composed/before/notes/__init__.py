"""Notes: a tiny note-taking service."""
