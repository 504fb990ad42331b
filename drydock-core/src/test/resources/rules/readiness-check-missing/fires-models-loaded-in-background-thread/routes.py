import threading

import torch
from fastapi import APIRouter

scorer = None


def load():
    global scorer
    scorer = torch.jit.load("/models/scorer.pt")


threading.Thread(target=load, daemon=True).start()

router = APIRouter()


# expect: readiness-check-missing
# expect-text: readiness-check-missing: before the models (torch) are ready
@router.get("/health")
async def health():
    return {"ok": True}
