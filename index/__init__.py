"""Dense (FAISS), lexical (BM25) and fuzzy retrieval, fused into hybrid search.

Plain Python core: imports neither FastAPI nor Scrapy.
"""
