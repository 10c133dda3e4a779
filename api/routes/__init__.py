"""One router per resource; api.main only includes them."""
