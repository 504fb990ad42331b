from fastapi import FastAPI
import torch

app = FastAPI()
