"""FastAPI edge: routes translate HTTP to calls into index/, skills/ and store/."""
