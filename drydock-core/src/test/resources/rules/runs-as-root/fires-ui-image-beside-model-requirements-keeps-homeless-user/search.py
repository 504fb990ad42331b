from fastapi import FastAPI
from sentence_transformers import SentenceTransformer

app = FastAPI()
