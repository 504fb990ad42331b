from transformers import pipeline
