from fastapi import FastAPI

from app.routes import status
from app.settings import settings

app = FastAPI()
app.include_router(status.router, prefix=settings.API_PREFIX)
