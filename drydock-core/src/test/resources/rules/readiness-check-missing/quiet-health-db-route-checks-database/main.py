from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("postgresql+psycopg2://chat@db/chat")


@app.get("/health")
async def health():
    return {"status": True}


@app.get("/health/db")
async def health_with_db():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1;"))
    return {"status": True}
