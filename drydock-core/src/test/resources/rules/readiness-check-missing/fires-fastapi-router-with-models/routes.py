from fastapi import APIRouter

router = APIRouter()


# expect: readiness-check-missing
@router.get("/health")
async def health():
    return {"ok": True}
