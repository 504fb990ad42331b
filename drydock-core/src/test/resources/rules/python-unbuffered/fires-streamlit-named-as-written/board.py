import streamlit as st

st.write("board")
