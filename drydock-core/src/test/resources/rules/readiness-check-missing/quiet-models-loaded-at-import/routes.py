import torch
from fastapi import APIRouter

scorer = torch.nn.Linear(4, 1)

router = APIRouter()


@router.get("/health")
async def health():
    return {"ok": True}
