"""The bundled demo corpus: fictional claims delivered through the real source kinds (see README.md here)."""
