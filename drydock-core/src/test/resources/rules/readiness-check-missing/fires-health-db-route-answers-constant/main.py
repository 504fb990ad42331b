from fastapi import FastAPI
from sqlalchemy import create_engine

app = FastAPI()
engine = create_engine("postgresql+psycopg2://chat@db/chat")


# expect: readiness-check-missing
@app.get("/health")
async def health():
    return {"status": True}


@app.get("/health/db")
async def health_with_db():
    return {"status": True}
