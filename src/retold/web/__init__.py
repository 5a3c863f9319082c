"""The web app: `retold serve`. A thin FastAPI layer over compare / trace / render."""
