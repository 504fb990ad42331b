import httpx
import streamlit as st

st.title("search")
